import fc from 'fast-check';

import type { EngagementEvent } from '../../lib/events/types';
import { eventsToFacts, factsFromRows, scoreFacts } from '../../lib/facts';
import type { Facts } from '../../lib/facts';
import { modelNames } from '../../lib/models/registry';
import { scoreContacts } from '../../lib/scoreContacts';
import { AS_OF, DAY, essentials, logArbitrary } from '../lib/facts.arbitraries';

/* examples/sql/facts.postgres.sql against the real PostgreSQL on 127.0.0.1:5432 (database `test`). */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateDataset } = require('../../scripts/data/generator');

// real databases on a busy CI machine: seconds, not milliseconds
jest.setTimeout(120_000);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const postgres = require('../../scripts/bench/postgres');

type Client = {
	query: (
		sql: string | { text: string; types: unknown },
		values?: unknown[],
	) => Promise<{ rows: Record<string, unknown>[] }>;
	end: () => Promise<void>;
};

const schema = `facts_test_${process.pid}_${Date.now().toString(36)}`;
let client: Client;

beforeAll(async () => {
	client = await postgres.connect();
	await postgres.createEventsSchema(client, schema);
});

afterAll(async () => {
	if (!client) return;
	await postgres.dropSchema(client, schema);
	await client.end();
});

async function loadEvents(events: EngagementEvent[]) {
	await client.query('TRUNCATE engagement_events RESTART IDENTITY');
	await postgres.insertEvents(client, events);
}

async function sqlFacts(asOf: number | null, timezone: string): Promise<Facts> {
	const rows = await postgres.runFactsQuery(client, { asOf, timezone });
	return factsFromRows(rows, { timezone, asOf: asOf ?? undefined });
}

/** Orders rows by the text of `keys`, in turn; a missing key reads as ''. */
const byText =
	<Key extends string>(...keys: Key[]) =>
	(a: Partial<Record<Key, unknown>>, b: Partial<Record<Key, unknown>>) => {
		for (const key of keys) {
			const x = String(a[key] ?? '');
			const y = String(b[key] ?? '');
			if (x !== y) return x < y ? -1 : 1;
		}
		return 0;
	};

/** Facts in one order, purchase sums rounded (a database sums in its own order). */
function normalised(facts: Facts) {
	return {
		timezone: facts.timezone,
		asOf: facts.asOf,
		sends: [...facts.sends].sort(byText('contactId', 'campaignId')),
		contacts: [...facts.contacts].sort(byText('contactId')),
		days: [...facts.days]
			.map((day) => ({ ...day, purchaseValue: Math.round(day.purchaseValue * 1e6) / 1e6 }))
			.sort(byText('contactId', 'date', 'campaignId', 'campaignKind')),
	};
}

/**
 * Generated data plus the awkward cases: retries, resends, clicks before the send, machine events, no campaign,
 * untracked sends (first, resent, transactional).
 */
function awkwardEvents(): EngagementEvent[] {
	const { events } = generateDataset({
		seed: 11,
		contacts: 250,
		audienceShare: 0.5,
		duplicateRate: 0.01,
		timestamps: 'ms',
	});
	const at = (iso: string) => Date.parse(iso);
	const extra: EngagementEvent[] = [
		{
			eventId: 'x1',
			contactId: 'zz@example.com',
			type: 'click',
			timestamp: at('2026-09-01T08:00:00Z'),
			campaignId: 'bc-001',
			campaignKind: 'broadcast',
		},
		{
			eventId: 'x2',
			contactId: 'zz@example.com',
			type: 'delivered',
			timestamp: at('2026-09-01T09:00:00Z'),
			campaignId: 'bc-001',
			campaignKind: 'broadcast',
		},
		{
			eventId: 'x3',
			contactId: 'zz@example.com',
			type: 'delivered',
			timestamp: at('2026-09-20T09:00:00Z'),
			campaignId: 'bc-001',
			campaignKind: 'broadcast',
			tracked: false,
		},
		{
			contactId: 'ww@example.com',
			type: 'sent',
			timestamp: at('2026-09-05T09:00:00Z'),
			campaignId: 'bc-001',
			campaignKind: 'broadcast',
			tracked: false,
		},
		{
			contactId: 'ww@example.com',
			type: 'delivered',
			timestamp: at('2026-09-05T09:01:00Z'),
			campaignId: 'bc-001',
			campaignKind: 'broadcast',
		},
		{
			contactId: 'ww@example.com',
			type: 'delivered',
			timestamp: at('2026-09-06T09:00:00Z'),
			campaignId: 'tx-ww',
			campaignKind: 'transactional',
			tracked: false,
		},
		{
			eventId: 'x2',
			contactId: 'zz@example.com',
			type: 'delivered',
			timestamp: at('2026-09-01T09:00:00Z'),
			campaignId: 'bc-001',
			campaignKind: 'broadcast',
		},
		{ contactId: 'zz@example.com', type: 'open', timestamp: at('2026-09-01T23:30:00Z') },
		{
			contactId: 'zz@example.com',
			type: 'conversion',
			timestamp: at('2026-09-02T10:00:00Z'),
			campaignId: 'bc-001',
			machine: true,
		},
		{
			contactId: 'zz@example.com',
			type: 'subscribe',
			timestamp: at('2026-08-01T10:00:00Z'),
			machine: true,
		},
		{ contactId: 'zz@example.com', type: 'web_visit', timestamp: at('2026-09-03T16:00:00Z') },
		{ contactId: 'zz@example.com', type: 'unsubscribe', timestamp: at('2026-08-15T10:00:00Z') },
		{ contactId: 'zz@example.com', type: 'unsubscribe', timestamp: at('2026-10-15T10:00:00Z') },
		{
			contactId: 'yy@example.com',
			type: 'open',
			timestamp: at('2026-10-01T10:00:00Z'),
			machine: true,
		},
	];
	return [...events, ...extra];
}

describe("runFactsQuery's timestamptz parser", () => {
	it('gives the epoch ms of node-postgres Date for every shape PostgreSQL writes', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { types } = require('pg');
		const asText = {
			getTypeParser: (oid: number, format: string) =>
				oid === 1184 ? String : types.getTypeParser(oid, format),
		};
		const nodePostgres = types.getTypeParser(1184, 'text');
		const expected = (text: string) => {
			const date = nodePostgres(text);
			return date instanceof Date ? date.getTime() : date;
		};
		for (const zone of [
			'UTC',
			'Asia/Kolkata',
			'America/St_Johns',
			'Europe/Dublin',
			'Pacific/Chatham',
		]) {
			await client.query(`SET TimeZone = '${zone}'`);
			const { rows } = await client.query({
				text: `SELECT timestamptz '1850-01-01' + (g * 7919 % 1000) * interval '91 days 1 hour 1.001001 seconds' AS t
					FROM generate_series(1, 2000) g
					UNION ALL SELECT unnest(ARRAY['0044-03-15 12:00 BC', '0099-03-15', '2026-07-02 08:26:30.7965+00', 'infinity', '-infinity']::timestamptz[])`,
				types: asText,
			});
			for (const { t } of rows)
				expect([t, postgres.parseEpochMillis(t)]).toEqual([t, expected(String(t))]);
		}
		await client.query('RESET TimeZone');
	});
});

describe('examples/sql/facts.postgres.sql on the real PostgreSQL', () => {
	const events = awkwardEvents();

	beforeAll(async () => {
		await loadEvents(events);
	});

	it.each([
		['all events, UTC days', null, 'UTC'],
		['as of 2026-10-01, Asia/Taipei days', Date.parse('2026-10-01T00:00:00Z'), 'Asia/Taipei'],
		[
			'as of 2026-09-15, America/New_York days',
			Date.parse('2026-09-15T12:00:00Z'),
			'America/New_York',
		],
	])('builds the same facts as eventsToFacts (%s)', async (_label, asOf, timezone) => {
		const fromSql = await sqlFacts(asOf, timezone);
		const fromLibrary = eventsToFacts(events, { timezone, asOf: asOf ?? undefined });
		expect(fromSql.sends.length).toBeGreaterThan(1000);
		expect(normalised(fromSql)).toEqual(normalised(fromLibrary));
	});

	it('scores from the SQL facts equal scores from the raw events, for every model', async () => {
		const facts = await sqlFacts(null, 'UTC');
		for (const model of modelNames()) {
			const options = { model, asOf: '2026-11-01T00:00:00Z' };
			expect({ model, rows: essentials(scoreFacts(facts, options)) }).toEqual({
				model,
				rows: essentials(scoreContacts(events, options)),
			});
		}
	});

	it('random event logs: SQL facts score as the events, every model (fast-check)', async () => {
		await fc.assert(
			fc.asyncProperty(
				logArbitrary,
				fc.constantFrom('UTC', 'Asia/Taipei'),
				fc.constantFrom(...modelNames()),
				async (log, timezone, model) => {
					await loadEvents(log);
					const facts = await sqlFacts(null, timezone);
					const options = { model, asOf: AS_OF + DAY, timezone };
					expect(essentials(scoreFacts(facts, options))).toEqual(
						essentials(scoreContacts(log, options)),
					);
				},
			),
			{ numRuns: 60 },
		);
	});
});
