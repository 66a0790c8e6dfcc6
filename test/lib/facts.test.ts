import fc from 'fast-check';

import { EngagementInputError } from '../../lib/errors';
import type { CampaignKind, EngagementEvent, EventType } from '../../lib/events/types';
import { eventsToFacts, factsFromRows, factsToEvents, scoreFacts } from '../../lib/facts';
import type { Facts } from '../../lib/facts';
import { modelNames } from '../../lib/models/registry';
import type { ScoreOptions, ScoreResult } from '../../lib/models/types';
import { scoreContacts } from '../../lib/scoreContacts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateDataset } = require('../../scripts/data/generator');

const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 10, 1);
const CAMPAIGNS: Array<[string, CampaignKind]> = [
	['b1', 'broadcast'],
	['b2', 'broadcast'],
	['b3', 'broadcast'],
	['a1', 'automation'],
	['t1', 'transactional'],
];
const NON_SEND_TYPES: EventType[] = [
	'open',
	'click',
	'conversion',
	'bounce',
	'complaint',
	'unsubscribe',
	'subscribe',
	'interaction',
	'web_visit',
	'purchase',
	'block',
	'unblock',
];

/**
 * What must be identical: every contact, its band, and its score — up to the last bits of a floating-point sum, whose
 * order follows the order the contacts and sends are first seen in (facts are ordered by contactId, events by time).
 */
function essentials(result: ScoreResult) {
	return result.contacts.map(({ contactId, score, band }) => ({
		contactId,
		band,
		score: score === null ? null : Number(score.toPrecision(12)),
	}));
}

/** Random event logs: few contacts and campaigns so that they collide; sends always carry a campaign. */
const eventArbitrary: fc.Arbitrary<EngagementEvent> = fc
	.record({
		contact: fc.integer({ min: 1, max: 6 }),
		send: fc.boolean(),
		type: fc.constantFrom(...NON_SEND_TYPES),
		campaign: fc.option(fc.integer({ min: 0, max: CAMPAIGNS.length - 1 }), { nil: undefined }),
		sendCampaign: fc.integer({ min: 0, max: CAMPAIGNS.length - 1 }),
		// within ~220 days before asOf, clustered on a few days so that windows and same-day counts are exercised
		day: fc.integer({ min: 0, max: 220 }),
		millisOfDay: fc.oneof(fc.integer({ min: 0, max: DAY - 1 }), fc.constantFrom(0, 3_600_000, DAY - 1)),
		machine: fc.boolean(),
		value: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
	})
	.map(({ contact, send, type, campaign, sendCampaign, day, millisOfDay, machine, value }) => {
		const timestamp = AS_OF - day * DAY + millisOfDay - DAY;
		if (send) {
			const [campaignId, campaignKind] = CAMPAIGNS[sendCampaign];
			return { contactId: `c${contact}`, type: millisOfDay % 2 ? 'sent' : 'delivered', timestamp, campaignId, campaignKind };
		}
		const event: EngagementEvent = { contactId: `c${contact}`, type, timestamp };
		if (campaign !== undefined && ['open', 'click', 'conversion'].includes(type)) {
			[event.campaignId, event.campaignKind] = CAMPAIGNS[campaign];
		}
		if (machine && (type === 'open' || type === 'click')) event.machine = true;
		if (value !== undefined && (type === 'web_visit' || type === 'purchase')) event.value = value;
		return event;
	});

const logArbitrary = fc
	.array(eventArbitrary, { minLength: 0, maxLength: 60 })
	.chain((events) =>
		// replay some events (webhook retries): same eventId, same content
		fc.subarray(events.map((_, index) => index)).map((repeats) => {
			const withIds = events.map((event, index) => ({ ...event, eventId: `e${index}` }));
			return [...withIds, ...repeats.map((index) => ({ ...withIds[index] }))];
		}),
	);

const optionsArbitrary = fc.record({
	timezone: fc.constantFrom('UTC', 'Asia/Taipei', 'America/New_York'),
	excludeMachine: fc.boolean(),
	asOfShiftDays: fc.constantFrom(0, 0, 3, 40),
	activeTypes: fc.option(fc.constantFrom(['interaction', 'open'], ['web_visit', 'purchase', 'click'], ['unsubscribe', 'conversion']), {
		nil: undefined,
	}),
});

describe('facts: every model scores facts exactly as the events they summarise', () => {
	for (const model of modelNames()) {
		it(`${model}: scoreFacts(eventsToFacts(events)) = scoreContacts(events) (fast-check)`, () => {
			fc.assert(
				fc.property(logArbitrary, optionsArbitrary, (events, { timezone, excludeMachine, asOfShiftDays, activeTypes }) => {
					const options: ScoreOptions = { model, asOf: AS_OF + asOfShiftDays * DAY, timezone, excludeMachine };
					if (activeTypes && model.startsWith('recency')) options.activeTypes = activeTypes;
					const facts = eventsToFacts(events, { timezone });
					expect(essentials(scoreFacts(facts, options))).toEqual(essentials(scoreContacts(events, options)));
				}),
				{ numRuns: 300 },
			);
		});
	}

	it('facts cut at an asOf score as the events up to that instant', () => {
		fc.assert(
			fc.property(logArbitrary, fc.integer({ min: 0, max: 200 }), fc.constantFrom(...modelNames()), (events, daysBack, model) => {
				const cut = AS_OF - daysBack * DAY;
				const upToCut = events.filter((event) => (event.timestamp as number) <= cut);
				const facts = eventsToFacts(events, { asOf: cut });
				expect(facts.asOf).toBe(cut);
				const options = { model, asOf: cut + 5 * DAY };
				expect(essentials(scoreFacts(facts, options))).toEqual(essentials(scoreContacts(upToCut, options)));
			}),
			{ numRuns: 200 },
		);
	});

	it('the generated demo-like dataset scores the same from facts for every model', () => {
		const { events } = generateDataset({ seed: 3, contacts: 300, audienceShare: 0.5, timestamps: 'ms' });
		const facts = eventsToFacts(events);
		expect(facts.sends.length + facts.contacts.length + facts.days.length).toBeLessThan(events.length);
		for (const model of modelNames()) {
			const options = { model, asOf: '2026-11-01T00:00:00Z' };
			expect(essentials(scoreFacts(facts, options))).toEqual(essentials(scoreContacts(events, options)));
		}
	});
});

describe('facts: shape', () => {
	const events: EngagementEvent[] = [
		{ contactId: 'ana', type: 'delivered', timestamp: '2026-10-01T09:00:00Z', campaignId: 'spring', campaignKind: 'broadcast' },
		{ contactId: 'ana', type: 'open', timestamp: '2026-10-01T09:03:00Z', campaignId: 'spring', machine: true },
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
				firstOpenAt: Date.parse('2026-10-01T12:00:00Z'),
				firstClickAt: Date.parse('2026-10-01T12:01:00Z'),
				firstConversionAt: null,
				machineOpenAt: Date.parse('2026-10-01T09:03:00Z'),
				machineClickAt: null,
			},
		]);
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

	it('day facts count per calendar day in the facts time zone, per campaign', () => {
		const summary = (list: Facts['days']) =>
			list.map(({ date, campaignId, opens, clicks, machineOpens, webVisits, maxPages }) => ({ date, campaignId, opens, clicks, machineOpens, webVisits, maxPages }));
		expect(summary(facts.days.filter((day) => day.contactId === 'ana'))).toEqual([
			{ date: '2026-10-01', campaignId: 'spring', opens: 1, clicks: 1, machineOpens: 1, webVisits: 0, maxPages: null },
			{ date: '2026-10-02', campaignId: null, opens: 0, clicks: 0, machineOpens: 0, webVisits: 2, maxPages: 7 },
			{ date: '2026-10-02', campaignId: 'spring', opens: 0, clicks: 1, machineOpens: 0, webVisits: 0, maxPages: null },
		]);
		expect(facts.days.find((day) => day.contactId === 'bo')).toMatchObject({ date: '2026-10-05', purchases: 2, purchaseValue: 25.5 });
		// 18:00 UTC on Oct 2 is already Oct 3 in Taipei (UTC+8)
		const taipei = eventsToFacts(events, { timezone: 'Asia/Taipei' });
		expect(taipei.days.filter((day) => day.contactId === 'ana' && day.webVisits > 0).map((day) => [day.date, day.webVisits])).toEqual([
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
		expect([busyFacts.sends.length, busyFacts.contacts.length, busyFacts.days.length]).toEqual([1, 1, 1]);
		const replayed = factsToEvents(busyFacts);
		expect(replayed.filter((event) => event.type === 'open')).toHaveLength(50);
		const dates = new Set(replayed.map((event) => new Date(event.timestamp as number).toISOString().slice(0, 10)));
		expect(dates).toEqual(new Set(['2026-10-01']));
		expect(new Set(factsToEvents(facts).map((event) => event.contactId))).toEqual(new Set(['ana', 'bo']));
	});

	it('scoreFacts refuses another time zone than the one the day facts were built in', () => {
		expect(() => scoreFacts(facts, { model: 'decay', timezone: 'Europe/Paris' })).toThrow(EngagementInputError);
	});
});

describe('facts: factsFromRows (SQL results, n8n items)', () => {
	it('reads flat rows with Dates, ISO strings and bigint strings back to the same facts', () => {
		const facts = eventsToFacts(generateDataset({ seed: 5, contacts: 60, timestamps: 'ms' }).events);
		const rows = [
			...facts.sends.map((send) => ({ factType: 'send', ...send, sentAt: send.sentAt === null ? null : new Date(send.sentAt as number) })),
			...facts.contacts.map((contact) => ({
				factType: 'contact',
				...contact,
				lastOpenAt: contact.lastOpenAt === null ? null : new Date(contact.lastOpenAt as number).toISOString(),
			})),
			...facts.days.map((day) => ({ factType: 'day', ...day, clicks: String(day.clicks) })),
		];
		expect(factsFromRows(rows)).toEqual(facts);
	});

	it('names the row and the field of a bad value', () => {
		const rows = [
			{ factType: 'contact', contactId: 'a', lastOpenAt: null },
			{ factType: 'send', contactId: 'a', campaignId: 'x', sentAt: 'yesterday-ish' },
		];
		expect(() => factsFromRows(rows)).toThrow(/event 1, field "sentAt"/);
		expect(() => factsFromRows([{ factType: 'week', contactId: 'a' }])).toThrow(/field "factType"/);
		expect(() => factsFromRows([{ factType: 'day', contactId: 'a', date: '2026-10-01', clicks: -1 }])).toThrow(/field "clicks"/);
	});
});
