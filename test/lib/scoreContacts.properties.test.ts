import fc from 'fast-check';

import { prepareEventColumns } from '../../lib/events/eventColumns';
import { columnsRefusal, scoreContacts, scoreEventColumns } from '../../lib/scoreContacts';
import { CLICK_SHARE_BANDS } from '../../lib/models/clickShare';
import { DECAY_BANDS } from '../../lib/models/decay';
import { modelNames } from '../../lib/models/registry';
import { modelBands } from '../../lib/bands/labels';
import type { CampaignKind, EngagementEvent, EventType } from '../../lib/events/types';

/** Invariants of scoreContacts that hold for any input: fast-check generates the event streams. */

const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 5, 30, 12);
const TYPES: EventType[] = [
	'sent',
	'delivered',
	'open',
	'click',
	'subscribe',
	'conversion',
	'unsubscribe',
	'interaction',
	'web_visit',
	'purchase',
	'block',
	'unblock',
];
const KINDS: Array<CampaignKind | undefined> = [
	undefined,
	'broadcast',
	'automation',
	'transactional',
];

const eventArbitrary: fc.Arbitrary<EngagementEvent> = fc
	.record({
		contact: fc.integer({ min: 0, max: 7 }),
		type: fc.constantFrom(...TYPES),
		// from 250 days before asOf to 5 days after, at any millisecond
		time: fc.integer({ min: AS_OF - 250 * DAY, max: AS_OF + 5 * DAY }),
		campaign: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
		kind: fc.constantFrom(...KINDS),
		machine: fc.boolean(),
		value: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
	})
	.map(({ contact, type, time, campaign, kind, machine, value }) => {
		const event: EngagementEvent = { contactId: `c${contact}@x.com`, type, timestamp: time };
		if (campaign !== undefined) event.campaignId = `k${campaign}`;
		if (kind !== undefined) event.campaignKind = kind;
		if (machine) event.machine = true;
		if (value !== undefined) event.value = value;
		return event;
	});

const eventsArbitrary = fc.array(eventArbitrary, { maxLength: 80 });

/** Events with unique eventIds. */
const withIds = (events: EngagementEvent[]) =>
	events.map((event, i) => ({ ...event, eventId: `e${i}` }));

const OPTIONS = { asOf: AS_OF };

describe('scoreContacts invariants (fast-check)', () => {
	test('decay: scores in [0, 1] or null for Null, every contact exactly one band of the six', () => {
		fc.assert(
			fc.property(eventsArbitrary, (events) => {
				const result = scoreContacts(events, { model: 'decay', ...OPTIONS });
				for (const contact of result.contacts) {
					expect(DECAY_BANDS.filter((band) => band === contact.band)).toHaveLength(1);
					if (contact.band === 'Null') expect(contact.score).toBeNull();
					else {
						expect(contact.score).toBeGreaterThanOrEqual(0);
						expect(contact.score).toBeLessThanOrEqual(1);
					}
					if (contact.band === 'No engagement') expect(contact.score).toBe(0);
					const raw = contact.details.rawScore as number | null;
					if (raw !== null) expect(raw >= 0 && raw <= 1).toBe(true);
				}
				const average = result.account.averageScore as number;
				expect(average >= 0 && average <= 1).toBe(true);
			}),
			{ numRuns: 300 },
		);
	});

	test('clickShare: scores are whole stars 0–5 matching the band label', () => {
		fc.assert(
			fc.property(
				eventsArbitrary,
				fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
				(events, totalCampaigns) => {
					const result = scoreContacts(events, { model: 'clickShare', ...OPTIONS, totalCampaigns });
					for (const contact of result.contacts) {
						expect(Number.isInteger(contact.score)).toBe(true);
						expect(CLICK_SHARE_BANDS[contact.score as number]).toBe(contact.band);
					}
				},
			),
			{ numRuns: 300 },
		);
	});

	describe.each(modelNames())('%s', (model) => {
		test('one row per contact seen up to asOf, sorted by contactId, each with a band, an explanation and details', () => {
			fc.assert(
				fc.property(eventsArbitrary, (events) => {
					const result = scoreContacts(events, { model, ...OPTIONS, excludeMachine: false });
					const ids = result.contacts.map((contact) => contact.contactId);
					const seen = events
						.filter((event) => (event.timestamp as number) <= AS_OF)
						.map((event) => event.contactId);
					expect(ids).toEqual([...new Set(seen)].sort());
					const bandCounts: Record<string, number> = {};
					for (const band of modelBands(model) ?? []) bandCounts[band] = 0;
					for (const contact of result.contacts) {
						expect(typeof contact.band).toBe('string');
						expect(contact.band.length).toBeGreaterThan(0);
						expect(contact.explanation.length).toBeGreaterThan(0);
						expect(typeof contact.details).toBe('object');
						bandCounts[contact.band]++;
					}
					// every model's account counts its contacts per band, every band of the model listed
					expect(result.account.bandCounts).toEqual(bandCounts);
				}),
				{ numRuns: 150 },
			);
		});

		test('the order of the events does not matter', () => {
			fc.assert(
				fc.property(eventsArbitrary, fc.infiniteStream(fc.nat()), (events, randoms) => {
					const shuffled = [...events];
					for (let i = shuffled.length - 1; i > 0; i--) {
						const j = randoms.next().value % (i + 1);
						[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
					}
					expect(scoreContacts(shuffled, { model, ...OPTIONS })).toEqual(
						scoreContacts(events, { model, ...OPTIONS }),
					);
				}),
				{ numRuns: 150 },
			);
		});

		test('duplicated eventIds change nothing (the first of each is kept)', () => {
			fc.assert(
				fc.property(eventsArbitrary, fc.array(fc.nat(), { maxLength: 30 }), (events, picks) => {
					const unique = withIds(events);
					if (unique.length === 0) return;
					const duplicated: EngagementEvent[] = [...unique];
					for (const pick of picks) {
						const original = unique[pick % unique.length];
						// a retried webhook, somewhere after the original: same eventId, a later timestamp
						const after = duplicated.indexOf(original) + 1;
						const at = after + ((pick * 7) % (duplicated.length - after + 1));
						duplicated.splice(at, 0, {
							...original,
							timestamp: (original.timestamp as number) + 1000,
						});
					}
					const original = scoreContacts(unique, { model, ...OPTIONS });
					const withDuplicates = scoreContacts(duplicated, { model, ...OPTIONS });
					expect(withDuplicates.contacts).toEqual(original.contacts);
				}),
				{ numRuns: 150 },
			);
		});

		test('explain: false gives the same contactId, score and band per row, nothing else, and the same account (events and columns)', () => {
			fc.assert(
				fc.property(eventsArbitrary, fc.boolean(), (events, excludeMachine) => {
					const options = { model, ...OPTIONS, excludeMachine };
					const full = scoreContacts(events, options);
					const compact = scoreContacts(events, { ...options, explain: false });
					expect(compact.contacts).toEqual(
						full.contacts.map(({ contactId, score, band }) => ({ contactId, score, band })),
					);
					for (const row of compact.contacts)
						expect(Object.keys(row)).toEqual(['contactId', 'score', 'band']);
					expect(compact.account).toEqual(full.account);
					if (columnsRefusal(options) !== undefined) return;
					const columns = prepareEventColumns(events, { excludeMachine });
					expect(scoreEventColumns(columns, { ...options, explain: false })).toEqual(compact);
				}),
				{ numRuns: 150 },
			);
		});
	});
});

describe('explain: false refuses what it cannot give', () => {
	test.each(['includeEvidence', 'includeRawFigures'])(
		'%s adds to the details: an error naming it',
		(option) => {
			expect(() =>
				scoreContacts([], { model: 'decay', ...OPTIONS, explain: false, [option]: true }),
			).toThrow(expect.objectContaining({ field: option }));
		},
	);

	test('explain must be a boolean', () => {
		expect(() => scoreContacts([], { model: 'decay', ...OPTIONS, explain: 'no' })).toThrow(
			expect.objectContaining({ field: 'explain' }),
		);
	});
});
