'use strict';
/**
 * PostgreSQL helpers shared by the benchmark and the database tests: a throwaway schema with the raw events table of
 * examples/sql/events.postgres.sql, bulk inserts, and the facts query of examples/sql/facts.postgres.sql.
 * Connects to 127.0.0.1:5432, database `test` (trust auth), as $PGUSER, else `postgres`, else `root`.
 */

const fs = require('node:fs');
const path = require('node:path');
const { Client, types } = require('pg');

const SQL_DIR = path.join(__dirname, '../../examples/sql');
const FACTS_SQL = fs.readFileSync(path.join(SQL_DIR, 'facts.postgres.sql'), 'utf8');
const EVENTS_DDL = fs.readFileSync(path.join(SQL_DIR, 'events.postgres.sql'), 'utf8');

async function connect() {
	const users = [process.env.PGUSER, 'postgres', 'root'].filter(Boolean);
	let lastError;
	for (const user of users) {
		const client = new Client({
			host: process.env.PGHOST || '127.0.0.1',
			port: Number(process.env.PGPORT || 5432),
			database: process.env.PGDATABASE || 'test',
			user,
		});
		try {
			await client.connect();
			return client;
		} catch (error) {
			lastError = error;
		}
	}
	throw lastError;
}

/** A fresh schema holding an empty engagement_events table; the connection's search_path points at it. */
async function createEventsSchema(client, schema) {
	if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
	await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	await client.query(`CREATE SCHEMA ${schema}`);
	await client.query(`SET search_path TO ${schema}`);
	await client.query(EVENTS_DDL);
}

async function dropSchema(client, schema) {
	await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

const toIso = (timestamp) =>
	new Date(
		typeof timestamp === 'string' && /^\d+$/.test(timestamp) ? Number(timestamp) : timestamp,
	).toISOString();

/** Inserts EngagementEvents in arrival order (ids ascend with the array index), in batches through unnest(). */
async function insertEvents(client, events, batchSize = 20000) {
	for (let start = 0; start < events.length; start += batchSize) {
		const batch = events.slice(start, start + batchSize);
		const column = (read) => batch.map(read);
		await client.query(
			`INSERT INTO engagement_events (event_id, contact_id, type, ts, campaign_id, campaign_kind, channel, machine, tracked, url, value, user_agent)
			 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[],
				$8::boolean[], $9::boolean[], $10::text[], $11::double precision[], $12::text[])`,
			[
				column((event) => event.eventId ?? null),
				column((event) => event.contactId),
				column((event) => event.type),
				column((event) => toIso(event.timestamp)),
				column((event) => event.campaignId ?? null),
				column((event) => event.campaignKind ?? null),
				column((event) => event.channel ?? null),
				column((event) => event.machine === true),
				column((event) => (event.tracked === false ? false : null)),
				column((event) => event.url ?? null),
				column((event) => (event.value === undefined ? null : event.value)),
				column((event) => event.userAgent ?? null),
			],
		);
	}
	await client.query('ANALYZE engagement_events');
}

const TIMESTAMPTZ = 1184;
const parseDate = types.getTypeParser(TIMESTAMPTZ, 'text');

/** The number written in text[start, end), digits only (the caller has checked them). */
function digitsAt(text, start, end) {
	let value = 0;
	for (let index = start; index < end; index++) value = value * 10 + text.charCodeAt(index) - 48;
	return value;
}

const ISO_TIMESTAMPTZ = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?$/;

/**
 * A timestamptz as PostgreSQL writes it ('2026-07-02 08:26:30.796+00', DateStyle ISO) → epoch ms, which factsFromRows
 * reads without a Date object per value (node-postgres' default makes one; 750 k fact rows hold millions of them).
 * Other shapes (BC, years before 100, offsets with seconds, infinity) go through node-postgres' own parser.
 */
function parseEpochMillis(text) {
	if (!ISO_TIMESTAMPTZ.test(text) || text.charCodeAt(0) === 48) {
		const date = parseDate(text);
		return date instanceof Date ? date.getTime() : date;
	}
	let position = 19;
	let millis = 0;
	if (text.charCodeAt(position) === 46) {
		// fraction: milliseconds, further digits dropped (as node-postgres and Date do)
		const start = ++position;
		while (text.charCodeAt(position) >= 48 && text.charCodeAt(position) <= 57) position++;
		millis =
			digitsAt(text, start, Math.min(position, start + 3)) *
			10 ** (3 - Math.min(position - start, 3));
	}
	const sign = text.charCodeAt(position) === 45 ? -1 : 1;
	const offsetMinutes =
		digitsAt(text, position + 1, position + 3) * 60 +
		(text.length > position + 3 ? digitsAt(text, position + 4, position + 6) : 0);
	return (
		Date.UTC(
			digitsAt(text, 0, 4),
			digitsAt(text, 5, 7) - 1,
			digitsAt(text, 8, 10),
			digitsAt(text, 11, 13),
			digitsAt(text, 14, 16),
			digitsAt(text, 17, 19),
			millis,
		) -
		sign * offsetMinutes * 60000
	);
}
const FACT_TYPES = {
	getTypeParser: (oid, format) =>
		oid === TIMESTAMPTZ ? parseEpochMillis : types.getTypeParser(oid, format),
};

/**
 * Runs examples/sql/facts.postgres.sql; `asOf` (ms, ISO or null) and `timezone` are its two parameters. Times come
 * back as epoch ms.
 */
async function runFactsQuery(client, { asOf = null, timezone = 'UTC' } = {}) {
	const result = await client.query({
		text: FACTS_SQL,
		values: [asOf === null || asOf === undefined ? null : new Date(asOf).toISOString(), timezone],
		types: FACT_TYPES,
	});
	return result.rows;
}

module.exports = {
	connect,
	createEventsSchema,
	dropSchema,
	insertEvents,
	runFactsQuery,
	parseEpochMillis,
	FACTS_SQL,
};
