import fc from 'fast-check';

import type { EngagementEvent, EventType } from '../../lib/events/types';
import { LIFECYCLE_BANDS, lifecycle, lifecycleOverTime } from '../../lib/models/lifecycle';
import type { ScoreResult } from '../../lib/models/types';
import { scoreContacts } from '../../lib/scoreContacts';

import { contactRow as row } from './scoringFixtures';

const DAY = 86_400_000;
const AS_OF = Date.parse('2026-11-26T12:00:00Z');

/** An event `days` days before AS_OF, at 10:00 UTC. */
function at(days: number): number {
	return AS_OF - days * DAY - 2 * 3_600_000;
}

function event(
	contactId: string,
	type: EventType,
	days: number,
	extra: Partial<EngagementEvent> = {},
): EngagementEvent {
	return { contactId, type, timestamp: at(days), ...extra };
}

interface ContactPlan {
	/** Days before asOf of the contact's subscribe (its first event). */
	joined: number;
	/** Sends of the account's campaigns whose day is ≤ this many days back and ≥ `lastSend`. */
	lastSend?: number;
	/** Campaign days (days before asOf) the contact opened. */
	opened?: number[];
	unsubscribed?: number;
}

/** An account sending campaign `c<d>` every `cadence` days, from `firstSend` days ago to `lastSend` days ago. */
function population(
	plans: Record<string, ContactPlan>,
	cadence = 7,
	firstSend = 182,
	lastSend = 7,
): EngagementEvent[] {
	const events: EngagementEvent[] = [];
	for (const [contactId, plan] of Object.entries(plans)) {
		events.push(event(contactId, 'subscribe', plan.joined));
		for (let d = firstSend; d >= lastSend; d -= cadence) {
			if (d > plan.joined || d < (plan.lastSend ?? 0)) continue;
			events.push(event(contactId, 'sent', d, { campaignId: `c${d}` }));
		}
		for (const d of plan.opened ?? []) {
			events.push({
				...event(contactId, 'open', d),
				timestamp: at(d) + 3_600_000,
				campaignId: `c${d}`,
			});
		}
		if (plan.unsubscribed !== undefined)
			events.push(event(contactId, 'unsubscribe', plan.unsubscribed));
	}
	return events;
}

const weeksBack = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => from + 7 * i);

/** One contact per cluster, weekly sends (days 182 … 7 before asOf). */
const CLUSTERS: Record<string, ContactPlan> = {
	engaged: { joined: 182, opened: weeksBack(7, 10) },
	interested: { joined: 182, opened: [7] },
	dormant: { joined: 182, opened: [98] },
	disengaged: { joined: 182, opened: weeksBack(77, 10) },
	inactive: { joined: 182 },
	lapsed: { joined: 182, opened: weeksBack(70, 10), lastSend: 60 },
	unsubscribed: { joined: 182, opened: [7, 14, 21], unsubscribed: 3 },
	'active-new': { joined: 14, opened: [7] },
	'inactive-new': { joined: 14 },
};

function score(
	events: EngagementEvent[],
	parameters: Record<string, unknown> = {},
	asOf = AS_OF,
): ScoreResult {
	return scoreContacts(events, { model: 'lifecycle', asOf, ...parameters });
}

function bandOf(result: ScoreResult, contactId: string): string {
	const row = result.contacts.find((contact) => contact.contactId === contactId);
	if (!row) throw new Error(`no row for ${contactId}`);
	return row.band;
}

describe('lifecycle (Contactlab Dynamic Customer Engagement, seed 002)', () => {
	const result = score(population(CLUSTERS));

	test('the thresholds are derived from the data and returned with their derivation', () => {
		expect(result.account).toMatchObject({
			sendIntervalDays: 7,
			contactedWithinDays: 21,
			newContactDays: 21,
			recentDays: 7,
			fewMaxActivities: 1,
		});
		const thresholds = result.account.thresholds as Record<
			string,
			{ derivation: string; overridden: boolean }
		>;
		expect(thresholds.sendIntervalDays.derivation).toBe(
			'median gap between the last 13 days with a broadcast send (gaps in days: 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7)',
		);
		expect(thresholds.contactedWithinDays.derivation).toBe('3 × sendIntervalDays (7), rounded up');
		expect(thresholds.newContactDays.derivation).toBe(
			'min(3 × sendIntervalDays = 21, median tenure of 9 contacts = 182), at least sendIntervalDays (7)',
		);
		expect(thresholds.recentDays.derivation).toMatch(
			/^median days since the last open or click over 5 contacted/,
		);
		expect(thresholds.fewMaxActivities.derivation).toMatch(/over 4 established contacted contacts/);
		expect(Object.values(thresholds).every((t) => !t.overridden)).toBe(true);
	});

	test('Engaged: in the database long enough, regular communications, recently opened/clicked (many times)', () => {
		expect(row(result, 'engaged')).toMatchObject({
			band: 'Engaged',
			score: 7,
			explanation:
				'Opened/clicked 10 emails (> 1: many), last opened/clicked 7 days ago (≤ 7: recent) → Engaged',
			details: {
				rule: 'recent-many',
				emailsOpenedOrClicked: 10,
				daysSinceLastOpenOrClick: 7,
				tenureDays: 182,
			},
		});
	});

	test('Active new: new, regular communications, recently opened and/or clicked at least once', () => {
		expect(row(result, 'active-new')).toMatchObject({
			band: 'Active new',
			explanation:
				'In the database 14 days (< 21: new), last opened/clicked 7 days ago (≤ 7: recent) → Active new',
			details: { new: true, rule: 'new-recently-active' },
		});
	});

	test('Interested: regular communications, recently opened and/or clicked a few times', () => {
		expect(row(result, 'interested')).toMatchObject({
			band: 'Interested',
			explanation:
				'Opened/clicked 1 email (≤ 1: few), last opened/clicked 7 days ago (≤ 7: recent) → Interested',
		});
	});

	test('Dormant: regular communications, opened and/or clicked a few times, but not recently', () => {
		expect(row(result, 'dormant')).toMatchObject({
			band: 'Dormant',
			explanation:
				'Opened/clicked 1 email (≤ 1: few), last opened/clicked 98 days ago (> 7: not recent) → Dormant',
		});
	});

	test('Disengaged: regular communications, had opened and/or clicked many times, but not recently', () => {
		expect(row(result, 'disengaged')).toMatchObject({
			band: 'Disengaged',
			details: { emailsOpenedOrClicked: 10, daysSinceLastOpenOrClick: 77, rule: 'not-recent-many' },
		});
	});

	test('Inactive new: new, regular communications, but not active', () => {
		expect(row(result, 'inactive-new')).toMatchObject({
			band: 'Inactive new',
			explanation: 'In the database 14 days (< 21: new), never opened or clicked → Inactive new',
		});
	});

	test('Inactive: regular communications but have not opened or clicked', () => {
		expect(row(result, 'inactive')).toMatchObject({
			band: 'Inactive',
			score: 1,
			explanation:
				'In the database 182 days, received 26 emails (last 7 days ago) but never opened or clicked → Inactive',
		});
	});

	test('Off: customers who have not been contacted recently (and opted-out contacts)', () => {
		expect(row(result, 'lapsed')).toMatchObject({
			band: 'Off',
			score: 0,
			explanation:
				'Last email 63 days ago, on 2026-09-24 (> 21 days: not contacted recently) → Off',
			details: { rule: 'not-contacted-recently', contacted: false },
		});
		expect(row(result, 'unsubscribed')).toMatchObject({
			band: 'Off',
			details: { rule: 'opted-out' },
		});
		const neverMailed = score([event('friend', 'subscribe', 3), ...population(CLUSTERS)]);
		expect(row(neverMailed, 'friend')).toMatchObject({
			band: 'Off',
			details: { rule: 'never-contacted' },
		});
	});

	test('every cluster is reached and counted once', () => {
		expect(result.account.bandCounts).toEqual({
			Engaged: 1,
			'Active new': 1,
			Interested: 1,
			Dormant: 1,
			Disengaged: 1,
			'Inactive new': 1,
			Inactive: 1,
			Off: 2,
		});
	});

	test('auto-adaptive: a monthly sender gets longer intervals, contact windows and tenure for "new"', () => {
		const monthly = score(
			population({ a: { joined: 400, opened: [10] }, b: { joined: 400 } }, 30, 390, 30),
		);
		expect(monthly.account).toMatchObject({
			sendIntervalDays: 30,
			contactedWithinDays: 90,
			newContactDays: 90,
			recentDays: 30,
		});
		const weekly = score(
			population({ a: { joined: 400, opened: [14] }, b: { joined: 400 } }, 7, 390, 7),
		);
		expect(weekly.account).toMatchObject({
			sendIntervalDays: 7,
			contactedWithinDays: 21,
			newContactDays: 21,
		});
	});

	test('auto-adaptive: a database full of new customers lowers the tenure that counts as new', () => {
		const plans: Record<string, ContactPlan> = { old: { joined: 182, opened: [7] } };
		for (let i = 0; i < 4; i++) plans[`newcomer${i}`] = { joined: 15, opened: [7] };
		const young = score(population(plans));
		expect(young.account.newContactDays).toBe(15);
		expect(bandOf(young, 'newcomer0')).toBe('Interested');
		expect(
			(young.account.thresholds as Record<string, { derivation: string }>).newContactDays
				.derivation,
		).toContain('median tenure of 5 contacts = 15');
	});

	test('auto-adaptive: "recent" follows the population\'s recency distribution', () => {
		const plans: Record<string, ContactPlan> = {};
		for (let i = 0; i < 5; i++) plans[`p${i}`] = { joined: 182, opened: [28 + 7 * i] };
		const stale = score(population(plans), { contactedWithinDays: 200 });
		// days since last open: 28, 35, 42, 49, 56 → median 42
		expect(stale.account.recentDays).toBe(42);
		expect(stale.contacts.map((c) => c.band)).toEqual([
			'Interested',
			'Interested',
			'Interested',
			'Dormant',
			'Dormant',
		]);
	});

	test('auto-adaptive: a change of cadence moves the send interval (last 12 gaps)', () => {
		// Monthly until 200 days ago, then weekly.
		const events: EngagementEvent[] = [];
		for (let d = 500; d > 200; d -= 30) events.push(event('x', 'sent', d, { campaignId: `m${d}` }));
		for (let d = 200; d >= 0; d -= 7) events.push(event('x', 'sent', d, { campaignId: `w${d}` }));
		const [before, after] = lifecycleOverTime(events, [AS_OF - 210 * DAY, AS_OF]);
		expect(before.thresholds.sendIntervalDays).toBe(30);
		expect(after.thresholds.sendIntervalDays).toBe(7);
	});

	test('every threshold can be overridden by a parameter', () => {
		const overridden = score(population(CLUSTERS), {
			recentDays: 120,
			fewMaxActivities: 20,
			newContactDays: 0,
			contactedWithinDays: 70,
		});
		expect(bandOf(overridden, 'dormant')).toBe('Interested');
		expect(bandOf(overridden, 'engaged')).toBe('Interested');
		expect(bandOf(overridden, 'active-new')).toBe('Interested');
		expect(bandOf(overridden, 'inactive-new')).toBe('Inactive');
		expect(bandOf(overridden, 'lapsed')).toBe('Interested');
		const thresholds = overridden.account.thresholds as Record<
			string,
			{ overridden: boolean; value: number }
		>;
		expect(thresholds.recentDays).toMatchObject({ overridden: true, value: 120 });
		expect(thresholds.sendIntervalDays.overridden).toBe(false);
		const slow = score(population(CLUSTERS), { sendIntervalDays: 30 });
		expect(slow.account).toMatchObject({ sendIntervalDays: 30, contactedWithinDays: 90 });
		expect(bandOf(slow, 'lapsed')).not.toBe('Off');
		expect(() => score([], { recentQuantile: 2 })).toThrow(/recentQuantile/);
	});

	test('transactional emails are not regular communications', () => {
		const events = [
			event('buyer', 'subscribe', 100),
			event('buyer', 'sent', 2, { campaignId: 'receipt', campaignKind: 'transactional' }),
			event('buyer', 'open', 2, { campaignId: 'receipt', campaignKind: 'transactional' }),
		];
		expect(row(score(events), 'buyer')).toMatchObject({
			band: 'Off',
			details: { rule: 'never-contacted' },
		});
	});

	test('cluster counts over time: lifecycleOverTime matches scoring at each date', () => {
		const events = population(CLUSTERS);
		const dates = [AS_OF - 120 * DAY, AS_OF - 60 * DAY, AS_OF - 10 * DAY, AS_OF];
		const overTime = lifecycleOverTime(
			events.map((e) => ({ ...e, timestamp: new Date(e.timestamp as number).toISOString() })),
			dates,
		);
		expect(overTime.map((snapshot) => snapshot.asOf)).toEqual(
			dates.map((d) => new Date(d).toISOString()),
		);
		overTime.forEach((snapshot, i) => {
			const scored = score(events, {}, dates[i]);
			expect(snapshot.bandCounts).toEqual(scored.account.bandCounts);
			expect(snapshot.contacts).toBe(scored.contacts.length);
			expect(snapshot.thresholds.recentDays).toBe(scored.account.recentDays);
		});
		// 120 days back the two new contacts had not joined yet.
		expect(overTime[0].contacts).toBe(7);
		expect(overTime[3].bandCounts).toEqual(result.account.bandCounts);
		expect(overTime[0].bandCounts.Off).toBe(0);
	});

	test('every contact is in exactly one cluster, whatever the order of events', () => {
		const plan = fc.record({
			joined: fc.integer({ min: 7, max: 182 }),
			lastSend: fc.integer({ min: 0, max: 100 }),
			opened: fc.array(
				fc.integer({ min: 1, max: 26 }).map((w) => 7 * w),
				{ maxLength: 6 },
			),
		});
		fc.assert(
			fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), plan), (plans) => {
				const events = population(plans);
				const forward = score(events);
				expect(score([...events].reverse())).toEqual(forward);
				const counts = forward.account.bandCounts as Record<string, number>;
				expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(forward.contacts.length);
				for (const contact of forward.contacts) {
					expect(LIFECYCLE_BANDS).toContain(contact.band);
					expect(contact.score).toBe(7 - LIFECYCLE_BANDS.indexOf(contact.band as never));
				}
			}),
			{ numRuns: 60 },
		);
	});

	test('the model function takes prepared TimedEvents too', () => {
		const timed = population(CLUSTERS).map((e) => ({ ...e, time: e.timestamp as number }));
		const direct = lifecycle(timed, {}, { asOf: AS_OF, timezone: 'UTC' });
		expect(direct.contacts).toEqual(result.contacts);
	});

	test('lifecycleOverTime applies the same machine filter as scoreContacts', () => {
		const events = population({ reader: { joined: 182 }, prefetched: { joined: 182 } });
		events.push({ ...event('reader', 'open', 7), timestamp: at(7) + 3_600_000, campaignId: 'c7' });
		events.push({ ...event('prefetched', 'open', 7), timestamp: at(7) + 1000, campaignId: 'c7' });
		const options = { machineFilter: { sendProximitySeconds: 5 } };
		const [snapshot] = lifecycleOverTime(events, [AS_OF], options);
		const scored = score(events, options);
		expect(snapshot.bandCounts).toEqual(scored.account.bandCounts);
		expect(bandOf(scored, 'prefetched')).toBe('Inactive');
		expect(bandOf(scored, 'reader')).not.toBe('Inactive');
		expect(lifecycleOverTime(events, [AS_OF])[0].bandCounts.Inactive).toBe(0);
	});
});
