import fc from 'fast-check';

import { EngagementInputError } from '../../lib/errors';
import type { EngagementEvent } from '../../lib/events/types';
import {
	eventsToFacts,
	factsFromRows,
	factsToEvents,
	factsToRows,
	scoreFacts,
} from '../../lib/facts';
import type { Facts } from '../../lib/facts';
import { modelNames } from '../../lib/models/registry';
import type { ScoreOptions } from '../../lib/models/types';
import { scoreContacts } from '../../lib/scoreContacts';
import { AS_OF, DAY, essentials, logArbitrary, optionsArbitrary } from './facts.arbitraries';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateDataset } = require('../../scripts/data/generator');

// hundreds of fast-check runs per model: generous on a busy 2-core CI machine
jest.setTimeout(60_000);

describe('facts: every model scores facts exactly as the events they summarise', () => {
	for (const model of modelNames()) {
		it(`${model}: scoreFacts(eventsToFacts(events)) = scoreContacts(events) (fast-check)`, () => {
			fc.assert(
				fc.property(
					logArbitrary,
					optionsArbitrary,
					(events, { timezone, excludeMachine, asOfShiftDays, activeTypes }) => {
						const options: ScoreOptions = {
							model,
							asOf: AS_OF + asOfShiftDays * DAY,
							timezone,
							excludeMachine,
						};
						if (activeTypes && model.startsWith('recency')) options.activeTypes = activeTypes;
						const facts = eventsToFacts(events, { timezone });
						expect(essentials(scoreFacts(facts, options))).toEqual(
							essentials(scoreContacts(events, options)),
						);
					},
				),
				{ numRuns: 300 },
			);
		});
	}

	it('explain: false: the compact rows and the account of the explained run, every model (fast-check)', () => {
		fc.assert(
			fc.property(logArbitrary, fc.constantFrom(...modelNames()), (events, model) => {
				const options = { model, asOf: AS_OF, timezone: 'UTC' };
				const facts = eventsToFacts(events, { timezone: 'UTC' });
				const compact = scoreFacts(facts, { ...options, explain: false });
				const full = scoreFacts(facts, options);
				expect(compact.contacts).toEqual(
					full.contacts.map(({ contactId, score, band }) => ({ contactId, score, band })),
				);
				expect(compact.account).toEqual(full.account);
				expect(essentials(compact)).toEqual(essentials(scoreContacts(events, options)));
			}),
			{ numRuns: 100 },
		);
	});

	it('facts cut at an asOf score as the events up to that instant', () => {
		fc.assert(
			fc.property(
				logArbitrary,
				fc.integer({ min: 0, max: 200 }),
				fc.constantFrom(...modelNames()),
				(events, daysBack, model) => {
					const cut = AS_OF - daysBack * DAY;
					const upToCut = events.filter((event) => (event.timestamp as number) <= cut);
					const facts = eventsToFacts(events, { asOf: cut });
					expect(facts.asOf).toBe(cut);
					const options = { model, asOf: cut + 5 * DAY };
					expect(essentials(scoreFacts(facts, options))).toEqual(
						essentials(scoreContacts(upToCut, options)),
					);
				},
			),
			{ numRuns: 200 },
		);
	});

	it('the generated demo-like dataset scores the same from facts for every model', () => {
		const { events } = generateDataset({
			seed: 3,
			contacts: 300,
			audienceShare: 0.5,
			timestamps: 'ms',
		});
		const facts = eventsToFacts(events);
		expect(facts.sends.length + facts.contacts.length + facts.days.length).toBeLessThan(
			events.length,
		);
		for (const model of modelNames()) {
			const options = { model, asOf: '2026-11-01T00:00:00Z' };
			expect(essentials(scoreFacts(facts, options))).toEqual(
				essentials(scoreContacts(events, options)),
			);
		}
	});
});

describe('facts: shape', () => {
	const events: EngagementEvent[] = [
		{
			contactId: 'ana',
			type: 'delivered',
			timestamp: '2026-10-01T09:00:00Z',
			campaignId: 'spring',
			campaignKind: 'broadcast',
		},
		{
			contactId: 'ana',
			type: 'open',
			timestamp: '2026-10-01T09:03:00Z',
			campaignId: 'spring',
			machine: true,
		},
		{ contactId: 'ana', type: 'open', timestamp: '2026-10-01T12:00:00Z', campaignId: 'spring' },
		{ contactId: 'ana', type: 'click', timestamp: '2026-10-01T12:01:00Z', campaignId: 'spring' },
		{ contactId: 'ana', type: 'click', timestamp: '2026-10-02T08:00:00Z', campaignId: 'spring' },
		{ contactId: 'ana', type: 'web_visit', timestamp: '2026-10-02T08:05:00Z', value: 7 },
		{ contactId: 'ana', type: 'web_visit', timestamp: '2026-10-02T18:00:00Z', value: 2 },
		{ contactId: 'ana', type: 'subscribe', timestamp: '2026-09-01T10:00:00Z' },
		{ contactId: 'ana', type: 'block', timestamp: '2026-10-03T10:00:00Z' },
		{ contactId: 'bo', type: 'purchase', timestamp: '2026-10-05T10:00:00Z', value: 20 },
		{ contactId: 'bo', type: 'purchase', timestamp: '2026-10-05T11:00:00Z', value: 5.5 },
	];
	const facts: Facts = eventsToFacts(events);

	it('one send fact per contact and campaign with first times, machine kept apart', () => {
		expect(facts.sends).toEqual([
			{
				contactId: 'ana',
				campaignId: 'spring',
				campaignKind: 'broadcast',
				sentAt: Date.parse('2026-10-01T09:00:00Z'),
				lastSentAt: Date.parse('2026-10-01T09:00:00Z'),
				untrackedSentAt: null,
				firstOpenAt: Date.parse('2026-10-01T12:00:00Z'),
				firstClickAt: Date.parse('2026-10-01T12:01:00Z'),
				firstConversionAt: null,
				machineOpenAt: Date.parse('2026-10-01T09:03:00Z'),
				machineClickAt: null,
			},
		]);
	});

	it('a send marked tracked: false keeps its first untracked delivery, and factsToEvents gives it back', () => {
		const at = (iso: string) => Date.parse(iso);
		const log: EngagementEvent[] = [
			{ contactId: 'cy', type: 'sent', timestamp: '2026-10-01T09:00:00Z', campaignId: 'c1' },
			{
				contactId: 'cy',
				type: 'delivered',
				timestamp: '2026-10-01T09:01:00Z',
				campaignId: 'c1',
				tracked: false,
			},
			{ contactId: 'cy', type: 'sent', timestamp: '2026-10-04T09:00:00Z', campaignId: 'c1' },
		];
		const [send] = eventsToFacts(log).sends;
		expect(send).toMatchObject({
			sentAt: at('2026-10-01T09:00:00Z'),
			untrackedSentAt: at('2026-10-01T09:01:00Z'),
			lastSentAt: at('2026-10-04T09:00:00Z'),
		});
		const untracked = factsToEvents(eventsToFacts(log)).filter((event) => event.tracked === false);
		expect(untracked.map((event) => [event.type, event.timestamp])).toEqual([
			['delivered', at('2026-10-01T09:01:00Z')],
		]);
		// decay reads the send as untracked: unknown, not unopened
		const options = { model: 'decay', asOf: '2026-11-01T00:00:00Z' };
		const fromFacts = scoreFacts(eventsToFacts(log), options).contacts[0];
		expect(fromFacts).toMatchObject({ score: null, details: { rule: 'untracked' } });
		expect(fromFacts).toEqual(scoreContacts(log, options).contacts[0]);
	});

	it('one contact fact per contact: first subscribe, last of each type, last active', () => {
		const ana = facts.contacts.find((contact) => contact.contactId === 'ana');
		expect(ana).toMatchObject({
			subscribedAt: Date.parse('2026-09-01T10:00:00Z'),
			lastBlockAt: Date.parse('2026-10-03T10:00:00Z'),
			lastClickAt: Date.parse('2026-10-02T08:00:00Z'),
			lastMachineOpenAt: Date.parse('2026-10-01T09:03:00Z'),
			lastWebVisitAt: Date.parse('2026-10-02T18:00:00Z'),
			lastActiveAt: Date.parse('2026-10-02T08:00:00Z'),
			lastUnblockAt: null,
		});
		expect(facts.contacts.map((contact) => contact.contactId)).toEqual(['ana', 'bo']);
	});

	it('day facts count per calendar day in the facts time zone, per campaign, beyond the send firsts', () => {
		// Oct 1 holds spring's first open, click and machine open only: the send fact says it all, no day row
		const summary = (list: Facts['days']) =>
			list.map(({ date, campaignId, opens, clicks, machineOpens, webVisits, maxPages }) => ({
				date,
				campaignId,
				opens,
				clicks,
				machineOpens,
				webVisits,
				maxPages,
			}));
		expect(summary(facts.days.filter((day) => day.contactId === 'ana'))).toEqual([
			{
				date: '2026-10-02',
				campaignId: null,
				opens: 0,
				clicks: 0,
				machineOpens: 0,
				webVisits: 2,
				maxPages: 7,
			},
			{
				date: '2026-10-02',
				campaignId: 'spring',
				opens: 0,
				clicks: 1,
				machineOpens: 0,
				webVisits: 0,
				maxPages: null,
			},
		]);
		expect(facts.days.find((day) => day.contactId === 'bo')).toMatchObject({
			date: '2026-10-05',
			purchases: 2,
			purchaseValue: 25.5,
		});
		// 18:00 UTC on Oct 2 is already Oct 3 in Taipei (UTC+8)
		const taipei = eventsToFacts(events, { timezone: 'Asia/Taipei' });
		expect(
			taipei.days
				.filter((day) => day.contactId === 'ana' && day.webVisits > 0)
				.map((day) => [day.date, day.webVisits]),
		).toEqual([
			['2026-10-02', 1],
			['2026-10-03', 1],
		]);
	});

	it('fifty opens of one campaign on one day are three fact rows; factsToEvents keeps the day count and every contact', () => {
		const busy: EngagementEvent[] = Array.from({ length: 50 }, (_, index) => ({
			contactId: 'busy',
			type: 'open' as const,
			timestamp: Date.UTC(2026, 9, 1, 12) + index * 60_000,
			campaignId: 'spring',
		}));
		const busyFacts = eventsToFacts(busy);
		expect([busyFacts.sends.length, busyFacts.contacts.length, busyFacts.days.length]).toEqual([
			1, 1, 1,
		]);
		const replayed = factsToEvents(busyFacts);
		expect(replayed.filter((event) => event.type === 'open')).toHaveLength(50);
		const dates = new Set(
			replayed.map((event) => new Date(event.timestamp as number).toISOString().slice(0, 10)),
		);
		expect(dates).toEqual(new Set(['2026-10-01']));
		expect(new Set(factsToEvents(facts).map((event) => event.contactId))).toEqual(
			new Set(['ana', 'bo']),
		);
	});

	it('scoreFacts refuses another time zone than the one the day facts were built in', () => {
		expect(() => scoreFacts(facts, { model: 'decay', timezone: 'Europe/Paris' })).toThrow(
			EngagementInputError,
		);
	});
});

describe('facts: factsFromRows (SQL results, n8n items)', () => {
	it('reads flat rows with Dates, ISO strings and bigint strings back to the same facts', () => {
		const facts = eventsToFacts(
			generateDataset({ seed: 5, contacts: 60, timestamps: 'ms' }).events,
		);
		const rows = [
			...facts.sends.map((send) => ({
				factType: 'send',
				...send,
				sentAt: send.sentAt === null ? null : new Date(send.sentAt as number),
			})),
			...facts.contacts.map((contact) => ({
				factType: 'contact',
				...contact,
				lastOpenAt:
					contact.lastOpenAt === null ? null : new Date(contact.lastOpenAt as number).toISOString(),
			})),
			...facts.days.map((day) => ({ factType: 'day', ...day, clicks: String(day.clicks) })),
		];
		expect(factsFromRows(rows)).toEqual(facts);
	});

	it('factsToRows and factsFromRows round-trip, timestamps as ISO strings too', () => {
		const facts = eventsToFacts(
			generateDataset({ seed: 6, contacts: 40, timestamps: 'ms' }).events,
			{ timezone: 'Asia/Taipei' },
		);
		const rows = factsToRows(facts);
		expect(rows).toHaveLength(facts.sends.length + facts.contacts.length + facts.days.length);
		expect(new Set(rows.map((row) => row.factType))).toEqual(new Set(['send', 'contact', 'day']));
		expect(factsFromRows(JSON.parse(JSON.stringify(rows)), { timezone: 'Asia/Taipei' })).toEqual(
			facts,
		);
	});

	it('names the row and the field of a bad value', () => {
		const rows = [
			{ factType: 'contact', contactId: 'a', lastOpenAt: null },
			{ factType: 'send', contactId: 'a', campaignId: 'x', sentAt: 'yesterday-ish' },
		];
		expect(() => factsFromRows(rows)).toThrow(/event 1, field "sentAt"/);
		expect(() => factsFromRows([{ factType: 'week', contactId: 'a' }])).toThrow(/field "factType"/);
		expect(() =>
			factsFromRows([{ factType: 'day', contactId: 'a', date: '2026-10-01', clicks: -1 }]),
		).toThrow(/field "clicks"/);
	});
});
