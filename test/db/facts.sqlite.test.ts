import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { EngagementEvent } from '../../lib/events/types';
import { eventsToFacts, factsFromRows, scoreFacts } from '../../lib/facts';
import type { Facts } from '../../lib/facts';
import { modelNames } from '../../lib/models/registry';
import { scoreContacts } from '../../lib/scoreContacts';
import { essentials } from '../lib/facts.arbitraries';

/*
 * examples/sql/facts.sqlite.sql on a real SQLite: n8n's own `sqlite3` driver, from the pinned n8n runtime that
 * `npm run demo` / the end-to-end tests install under .n8n-runtime/. Without that runtime the suite is skipped (and
 * says so); the PostgreSQL suite covers the same facts on every run.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateDataset } = require('../../scripts/data/generator');

// real databases on a busy CI machine: seconds, not milliseconds
jest.setTimeout(120_000);

const root = join(__dirname, '../..');
const driverPath = join(root, '.n8n-runtime/node_modules/sqlite3');
const sql = (name: string) => readFileSync(join(root, 'examples/sql', name), 'utf8');

interface Database {
	exec(sql: string, callback: (error: Error | null) => void): void;
	all(
		sql: string,
		values: unknown[],
		callback: (error: Error | null, rows: Record<string, unknown>[]) => void,
	): void;
	run(sql: string, values: unknown[], callback: (error: Error | null) => void): void;
	close(callback: (error: Error | null) => void): void;
}

const driver: { Database: new (file: string) => Database } | undefined = existsSync(driverPath)
	? // eslint-disable-next-line @typescript-eslint/no-require-imports
		require(driverPath)
	: undefined;
const describeWithDriver = driver ? describe : describe.skip;
if (!driver)
	// eslint-disable-next-line no-console -- says why the suite is skipped
	console.warn(
		`SQLite facts tests skipped: n8n's sqlite3 is not installed at ${driverPath} (npm run demo installs it)`,
	);

const promised = <T>(call: (callback: (error: Error | null, value: T) => void) => void) =>
	new Promise<T>((resolve, reject) =>
		call((error, value) => (error ? reject(error) : resolve(value))),
	);

describeWithDriver('examples/sql/facts.sqlite.sql on a real SQLite (n8n sqlite3)', () => {
	let db: Database;
	const generated = generateDataset({
		seed: 13,
		contacts: 200,
		audienceShare: 0.5,
		duplicateRate: 0.01,
		timestamps: 'ms',
	}) as {
		events: EngagementEvent[];
	};
	// every seventh delivery untracked (open tracking off): the facts keep it as untrackedSentAt
	const events = generated.events.map((event, index) =>
		event.type === 'delivered' && index % 7 === 0 ? { ...event, tracked: false } : event,
	);

	beforeAll(async () => {
		db = new (driver as { Database: new (file: string) => Database }).Database(':memory:');
		await promised<void>((done) => db.exec(sql('events.sqlite.sql'), done as never));
		await promised<void>((done) => db.exec('BEGIN', done as never));
		for (const event of events) {
			await promised<void>((done) =>
				db.run(
					'INSERT INTO engagement_events (event_id, contact_id, type, ts, campaign_id, campaign_kind, machine, tracked, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
					[
						event.eventId ?? null,
						event.contactId,
						event.type,
						event.timestamp,
						event.campaignId ?? null,
						event.campaignKind ?? null,
						event.machine ? 1 : 0,
						event.tracked === false ? 0 : null,
						event.value ?? null,
					],
					done as never,
				),
			);
		}
		await promised<void>((done) => db.exec('COMMIT', done as never));
	});

	afterAll(async () => {
		if (db) await promised<void>((done) => db.close(done as never));
	});

	const sqliteFacts = async (
		asOf: number | null,
		offsetMinutes: number,
		timezone: string,
	): Promise<Facts> => {
		const rows = await promised<Record<string, unknown>[]>((done) =>
			db.all(sql('facts.sqlite.sql'), [asOf, offsetMinutes], done),
		);
		return factsFromRows(rows, { timezone, asOf: asOf ?? undefined });
	};

	const sorted = (facts: Facts) => ({
		...facts,
		days: facts.days.map((day) => ({
			...day,
			purchaseValue: Math.round(day.purchaseValue * 1e6) / 1e6,
		})),
	});

	it.each([
		['all events, UTC', null, 0, 'UTC'],
		[
			'as of 2026-10-01, UTC+8 (Taipei has no daylight saving)',
			Date.parse('2026-10-01T00:00:00Z'),
			480,
			'UTC+8',
		],
	])('builds the same facts as eventsToFacts (%s)', async (_label, asOf, offset, timezone) => {
		const fromSql = await sqliteFacts(asOf, offset, timezone);
		const fromLibrary = eventsToFacts(events, { timezone, asOf: asOf ?? undefined });
		expect(fromSql.sends.length).toBeGreaterThan(500);
		// one order for both sides; purchase sums rounded (SQLite sums in its own order)
		const order = (facts: Facts) => ({
			...sorted(facts),
			sends: [...facts.sends].sort((a, b) =>
				`${a.contactId}|${a.campaignId}`.localeCompare(`${b.contactId}|${b.campaignId}`),
			),
			contacts: [...facts.contacts].sort((a, b) => a.contactId.localeCompare(b.contactId)),
			days: sorted(facts).days.sort((a, b) =>
				`${a.contactId}|${a.date}|${a.campaignId ?? ''}|${a.campaignKind}`.localeCompare(
					`${b.contactId}|${b.date}|${b.campaignId ?? ''}|${b.campaignKind}`,
				),
			),
		});
		expect(order(fromSql)).toEqual(order(fromLibrary));
	});

	it('scores from the SQLite facts equal scores from the raw events, for every model', async () => {
		const facts = await sqliteFacts(null, 0, 'UTC');
		for (const model of modelNames()) {
			const options = { model, asOf: '2026-11-01T00:00:00Z' };
			expect({ model, rows: essentials(scoreFacts(facts, options)) }).toEqual({
				model,
				rows: essentials(scoreContacts(events, options)),
			});
		}
	});
});
