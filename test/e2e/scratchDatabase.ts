/**
 * A PostgreSQL database of one test run's own (127.0.0.1:5432, the `postgres` maintenance database creates it), so
 * e2e runs at the same time — CI while a developer runs the tests, two suites in one jest run — never share tables.
 * The name carries the process id and the start time (`<prefix>_<pid>_<base36 ms>_<random>`), so a database left
 * behind by a killed run says whose it was. `drop()` removes it, closing any connection n8n still holds.
 */
import { randomBytes } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';

export interface ScratchDatabase {
	database: string;
	/** Connection settings for `new Client(...)` on the scratch database. */
	connection: ClientConfig;
	drop(): Promise<void>;
}

const SERVER: ClientConfig = {
	host: '127.0.0.1',
	port: 5432,
	user: process.env.PGUSER ?? 'postgres',
	password: process.env.PGPASSWORD,
};

async function onServer(sql: string): Promise<void> {
	const client = new Client({ ...SERVER, database: 'postgres' });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
	const database = [
		prefix,
		process.pid,
		Date.now().toString(36),
		randomBytes(3).toString('hex'),
	].join('_');
	// An identifier, not a parameter: only lower-case letters, digits and underscores get here.
	if (!/^[a-z][a-z0-9_]{0,62}$/.test(database)) throw new Error(`bad database name ${database}`);
	await onServer(`CREATE DATABASE ${database}`);
	return {
		database,
		connection: { ...SERVER, database },
		drop: () => onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
	};
}
