import fc from 'fast-check';

import type { EngagementEvent } from '../../lib/events/types';
import type { ScoreOptions, ScoreResult } from '../../lib/models/types';
import {
	ExactSum,
	mergeStatistics,
	partialStatistics,
	partitionOfContact,
} from '../../lib/partition';
import { scoreContacts } from '../../lib/scoreContacts';
import { AS_OF, DAY, eventArbitrary as fewContactsEvent } from './facts.arbitraries';

/** Partitioned scoring (issue 8 item 3): partial statistics per partition → merge → banding = one run over all. */

const CAMPAIGNS = ['n1', 'n2', 'n3', 'n4', 'n5', 'a1', 't1'];
const KIND_OF: Record<string, EngagementEvent['campaignKind']> = {
	a1: 'automation',
	t1: 'transactional',
};

/** Many contacts (so partitions differ), campaigns shared across them, a cadence of sends. */
const manyContactsEvent: fc.Arbitrary<EngagementEvent> = fc
	.record({
		contact: fc.integer({ min: 0, max: 40 }),
		type: fc.constantFrom<EngagementEvent['type']>(
			'sent',
			'sent',
			'delivered',
			'open',
			'open',
			'click',
			'subscribe',
			'unsubscribe',
			'interaction',
		),
		campaign: fc.option(fc.constantFrom(...CAMPAIGNS), { nil: undefined, freq: 8 }),
		day: fc.integer({ min: -2, max: 260 }),
		millisOfDay: fc.integer({ min: 0, max: DAY - 1 }),
		machine: fc.boolean(),
	})
	.map(({ contact, type, campaign, day, millisOfDay, machine }) => {
		const event: EngagementEvent = {
			contactId: `p${contact}@x.io`,
			type,
			timestamp: AS_OF - day * DAY + millisOfDay,
		};
		if (campaign !== undefined) {
			event.campaignId = campaign;
			event.campaignKind = KIND_OF[campaign] ?? 'broadcast';
		}
		if (machine && type === 'open') event.machine = true;
		return event;
	});

const eventsArbitrary = fc.oneof(
	fc.array(manyContactsEvent, { maxLength: 220 }),
	fc.array(fewContactsEvent, { maxLength: 80 }),
);

function byPartition(
	events: readonly EngagementEvent[],
	partitions: number,
	salt: string,
): EngagementEvent[][] {
	const parts = Array.from({ length: partitions }, () => [] as EngagementEvent[]);
	for (const event of events) {
		parts[partitionOfContact(salt + event.contactId, partitions)].push(event);
	}
	return parts;
}

/** The three steps, as a workflow runs them, each partition alone; rows concatenated and sorted. */
function scoreInPartitions(parts: EngagementEvent[][], options: ScoreOptions) {
	// Statistics travel as JSON between executions.
	const partials = parts.map((events) =>
		JSON.parse(JSON.stringify(partialStatistics(events, options))),
	);
	const merged = JSON.parse(JSON.stringify(mergeStatistics(partials.reverse())));
	const results = parts.map((events) =>
		scoreContacts(events, { ...options, accountStatistics: merged }),
	);
	const contacts = results
		.flatMap((result) => result.contacts)
		.sort((a, b) => (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0));
	return { contacts, results, merged };
}

const MODEL_ACCOUNT_FIGURES: Record<string, string[]> = {
	decay: ['averageScore', 'contactsWithRawScore', 'lowThreshold', 'highThreshold'],
	clickShare: ['totalCampaigns', 'campaignsInData'],
	lifecycle: [
		'sendIntervalDays',
		'contactedWithinDays',
		'newContactDays',
		'recentDays',
		'fewMaxActivities',
		'thresholds',
	],
	recency: [],
	recency5: [],
};

function expectSameAsSingleRun(
	events: EngagementEvent[],
	partitions: number,
	salt: string,
	options: ScoreOptions,
) {
	const single: ScoreResult = scoreContacts(events, options);
	const { contacts, results, merged } = scoreInPartitions(
		byPartition(events, partitions, salt),
		options,
	);
	expect(contacts).toEqual(single.contacts);
	expect(merged.contacts).toBe(single.contacts.length);
	for (const result of results) {
		if (result.contacts.length === 0) continue;
		for (const figure of MODEL_ACCOUNT_FIGURES[options.model]) {
			expect({ figure, value: result.account[figure] }).toEqual({
				figure,
				value: single.account[figure],
			});
		}
	}
}

describe('partitioned scoring gives exactly the single-run result', () => {
	for (const model of ['decay', 'clickShare', 'lifecycle', 'recency', 'recency5']) {
		it(`${model}: random partitionings by contact hash`, () => {
			fc.assert(
				fc.property(
					eventsArbitrary,
					fc.integer({ min: 1, max: 6 }),
					fc.string({ maxLength: 3 }),
					fc.constantFrom('UTC', 'Europe/Rome', 'America/New_York'),
					(events, partitions, salt, timezone) =>
						expectSameAsSingleRun(events, partitions, salt, { model, asOf: AS_OF, timezone }),
				),
				{ numRuns: 150 },
			);
		});
	}

	it('decay with non-default parameters (minEvents, window) and lifecycle with changed quantiles', () => {
		fc.assert(
			fc.property(eventsArbitrary, fc.integer({ min: 2, max: 5 }), (events, partitions) => {
				expectSameAsSingleRun(events, partitions, '', {
					model: 'decay',
					asOf: AS_OF,
					minEvents: 3,
					windowDays: 90,
				});
				expectSameAsSingleRun(events, partitions, '', {
					model: 'lifecycle',
					asOf: AS_OF,
					recentQuantile: 0.3,
					activityQuantile: 0.75,
					newContactQuantile: 0.2,
				});
			}),
			{ numRuns: 80 },
		);
	});

	it("explain: false (compact rows) in every step: the single run's compact rows and account figures", () => {
		fc.assert(
			fc.property(eventsArbitrary, fc.integer({ min: 2, max: 5 }), (events, partitions) => {
				for (const model of ['decay', 'clickShare', 'lifecycle']) {
					expectSameAsSingleRun(events, partitions, 'c', { model, asOf: AS_OF, explain: false });
				}
			}),
			{ numRuns: 60 },
		);
	});

	it('machine heuristics (send proximity, scanner rules) look at one contact: partitions stay exact', () => {
		fc.assert(
			fc.property(eventsArbitrary, fc.integer({ min: 2, max: 5 }), (events, partitions) => {
				for (const model of ['decay', 'lifecycle']) {
					expectSameAsSingleRun(events, partitions, 'm', {
						model,
						asOf: AS_OF,
						machineFilter: { sendProximitySeconds: 4 * 3600, scannerUserAgents: true },
					});
				}
			}),
			{ numRuns: 60 },
		);
	});

	it('without the merged statistics a partition bands on its own average (the merge is what makes it exact)', () => {
		// a opened and clicked all 6 sends (raw 1); b and c none (raw 0): account average 1/3, so a is High.
		const events: EngagementEvent[] = [];
		for (let i = 0; i < 6; i++) {
			const timestamp = AS_OF - (10 + i * 7) * DAY;
			for (const contactId of ['a', 'b', 'c']) {
				events.push({ contactId, type: 'sent', timestamp, campaignId: `k${i}` });
			}
			events.push({
				contactId: 'a',
				type: 'click',
				timestamp: timestamp + 3600_000,
				campaignId: `k${i}`,
			});
		}
		const options = { model: 'decay', asOf: AS_OF };
		const single = scoreContacts(events, options);
		expect(single.account.averageScore).toBe(1 / 3);
		expect(single.contacts.map((c) => c.band)).toEqual(['High', 'No engagement', 'No engagement']);
		const onlyA = events.filter((e) => e.contactId === 'a');
		const others = events.filter((e) => e.contactId !== 'a');
		expect(scoreContacts(onlyA, options).contacts[0].band).toBe('Medium');
		const merged = mergeStatistics([
			partialStatistics(onlyA, options),
			partialStatistics(others, options),
		]);
		expect(merged.contacts).toBe(3);
		const a = scoreContacts(onlyA, { ...options, accountStatistics: merged });
		expect(a.account.averageScore).toBe(1 / 3);
		expect(a.contacts).toEqual(single.contacts.slice(0, 1));
	});
});

describe('statistics are checked', () => {
	const events: EngagementEvent[] = [
		{ contactId: 'a', type: 'sent', timestamp: AS_OF - DAY, campaignId: 'k' },
	];
	const merged = mergeStatistics([partialStatistics(events, { model: 'decay', asOf: AS_OF })]);

	it('banding with another asOf, model or timezone is refused', () => {
		expect(() =>
			scoreContacts(events, { model: 'decay', asOf: AS_OF + 1, accountStatistics: merged }),
		).toThrow(/accountStatistics.*as of 2026-11-01T00:00:00.000Z/);
		expect(() =>
			scoreContacts(events, {
				model: 'decay',
				asOf: AS_OF,
				timezone: 'Asia/Tokyo',
				accountStatistics: merged,
			}),
		).toThrow(/calendar days in "UTC"/);
		const lifecycleMerged = mergeStatistics([
			partialStatistics(events, { model: 'lifecycle', asOf: AS_OF }),
		]);
		expect(() =>
			scoreContacts(events, { model: 'decay', asOf: AS_OF, accountStatistics: lifecycleMerged }),
		).toThrow(/model "lifecycle"/);
		expect(() =>
			scoreContacts(events, { model: 'decay', asOf: AS_OF, accountStatistics: { figures: {} } }),
		).toThrow(/merged statistics/);
	});

	it('merging partials of different runs is refused, naming the partial', () => {
		const other = partialStatistics(events, { model: 'decay', asOf: AS_OF - DAY });
		expect(() => mergeStatistics([merged, other])).toThrow(/event 1.*asOf/);
		expect(() => mergeStatistics([])).toThrow(/at least one partition/);
	});

	it('models without a partitioned mode say which have one', () => {
		expect(() => partialStatistics(events, { model: 'rfm', asOf: AS_OF })).toThrow(
			/no partitioned mode.*decay, clickShare, lifecycle/,
		);
	});
});

describe('ExactSum', () => {
	it('gives the correctly rounded sum whatever the order (naive sums differ)', () => {
		const values = [1e16, 1, -1e16, 0.1, 0.2, 0.3, 1 / 3, 2 / 3];
		expect(values.reduce((a, b) => a + b, 0)).not.toBe(2.6);
		fc.assert(
			fc.property(fc.shuffledSubarray(values, { minLength: values.length }), (order) => {
				const sum = new ExactSum();
				for (const v of order) sum.add(v);
				// exact: 1 + 0.1 + 0.2 + 0.3 + 1/3 + 2/3 as doubles, rounded once
				expect(sum.value()).toBe(2.6);
			}),
		);
	});

	it('property: the exact sum correctly rounded, for mixed signs and magnitudes (expansions that shrink and grow)', () => {
		// Doubles m · 2^e with |e| ≤ 150: each is a whole multiple of 2^-203, so SCALE · x is an exact integer and the
		// exact total is one BigInt; Number() rounds it once (ties to even) and the power of two scales it back exactly.
		const SCALE = 2 ** 203;
		const value = fc
			.tuple(
				fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
				fc.integer({ min: -150, max: 100 }),
			)
			.map(([mantissa, exponent]) => mantissa * 2 ** exponent);
		// x and -x nudged: sums that cancel down to a few partials, then grow again
		const values = fc
			.array(
				fc.oneof(
					value,
					value.map((x) => [x, -x]),
					value.map((x) => [x, -x * (1 + 2 ** -52)]),
				),
				{
					maxLength: 60,
				},
			)
			.map((list) => list.flat());
		fc.assert(
			fc.property(values, (list) => {
				const sum = new ExactSum();
				let exact = 0n;
				for (const x of list) {
					sum.add(x);
					exact += BigInt(x * SCALE);
					expect(sum.value()).toBe(Number(exact) / SCALE);
				}
				const partials = sum.toPartials();
				expect(new ExactSum(partials).value()).toBe(sum.value());
				expect(partials.reduce((total, p) => total + BigInt(p * SCALE), 0n)).toBe(exact);
			}),
			{ numRuns: 300 },
		);
	});

	it('merging partial expansions equals summing everything in one', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 200 }),
				fc.integer({ min: 1, max: 199 }),
				(values, cut) => {
					const whole = new ExactSum();
					values.forEach((v) => whole.add(v));
					const left = new ExactSum(values.slice(0, cut));
					const right = new ExactSum(values.slice(cut));
					const merged = new ExactSum([...right.toPartials(), ...left.toPartials()]);
					expect(merged.value()).toBe(whole.value());
				},
			),
		);
	});
});

describe('partitionOfContact', () => {
	it('is stable FNV-1a modulo the partition count', () => {
		// FNV-1a 32 of "a" is 0xe40c292c
		expect(partitionOfContact('a', 0x7fffffff)).toBe(0xe40c292c % 0x7fffffff);
		expect(partitionOfContact('a', 1)).toBe(0);
		expect(() => partitionOfContact('a', 0)).toThrow(RangeError);
	});
});
