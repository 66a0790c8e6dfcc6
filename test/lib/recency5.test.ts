import fc from 'fast-check';
import { DateTime } from 'luxon';

import type { EventType, TimedEvent } from '../../lib/events/types';
import { recency5 } from '../../lib/models/recency5';
import type { ScoreResult } from '../../lib/models/types';
import { scoreContacts } from '../../lib/scoreContacts';

import { contactRow as row } from './scoringFixtures';

const AS_OF = '2026-11-26T12:00:00Z';

function event(
	contactId: string,
	type: EventType,
	days: number,
	extra: Partial<TimedEvent> = {},
): TimedEvent {
	const time = DateTime.fromISO(AS_OF, { zone: 'UTC' }).minus({ days }).set({ hour: 9 }).toMillis();
	return { contactId, type, timestamp: time, time, ...extra };
}

const visit = (contactId: string, days: number, pages: number) =>
	event(contactId, 'web_visit', days, { value: pages });

function score(events: TimedEvent[], parameters: Record<string, unknown> = {}): ScoreResult {
	return recency5(events, parameters, { asOf: Date.parse(AS_OF), timezone: 'UTC' });
}

describe('recency5 (Crescendo Lab 5 levels, seed 000)', () => {
	test('Level 5: within the last 60 days browsed the website in depth (≥ 5 pages in a visit)', () => {
		const result = score([visit('deep', 60, 5), visit('shallow', 10, 4), visit('too-old', 61, 12)]);
		expect(row(result, 'deep')).toMatchObject({
			band: 'Level 5',
			score: 5,
			details: { rule: 'deep-browse', deepVisitsWithinWebWindow: 1, maxPagesInVisit: 5 },
		});
		expect(row(result, 'deep').explanation).toBe(
			'Deep browse: 1 web visit of ≥ 5 pages within 60 days (up to 5, last on 2026-09-27) → Level 5',
		);
		expect(row(result, 'shallow').band).toBe('Level 1');
		expect(row(result, 'too-old').band).toBe('Level 1');
	});

	test('Level 5: within the last 60 days made a purchase', () => {
		const result = score([
			event('buyer', 'purchase', 59, { value: 120 }),
			event('old-buyer', 'purchase', 61),
		]);
		expect(row(result, 'buyer')).toMatchObject({
			band: 'Level 5',
			details: { rule: 'purchase', purchasesWithinWebWindow: 1 },
		});
		expect(row(result, 'buyer').explanation).toBe(
			'1 purchase within 60 days, last on 2026-09-28 → Level 5',
		);
		expect(row(result, 'old-buyer').band).toBe('Level 1');
	});

	test('Level 4: within the last 60 days clicked multiple links (2 clicks)', () => {
		const result = score([
			event('two-clicks', 'click', 45),
			event('two-clicks', 'click', 50),
			event('one-recent-one-old', 'click', 45),
			event('one-recent-one-old', 'click', 61),
		]);
		expect(row(result, 'two-clicks')).toMatchObject({
			band: 'Level 4',
			details: { rule: 'multiple-clicks', clicksWithinWebWindow: 2 },
		});
		expect(row(result, 'two-clicks').explanation).toBe('2 clicks within 60 days (≥ 2) → Level 4');
		// One click in 60 days, last active 45 days ago: Level 2 by recency.
		expect(row(result, 'one-recent-one-old').band).toBe('Level 2');
	});

	test('Level 4: within the last 60 days browsed frequently (visits on 3 distinct days)', () => {
		const result = score([
			visit('three-days', 1, 1),
			visit('three-days', 20, 2),
			visit('three-days', 59, 1),
			visit('same-day-thrice', 3, 1),
			visit('same-day-thrice', 3, 2),
			visit('same-day-thrice', 3, 3),
			visit('two-days', 3, 1),
			visit('two-days', 4, 1),
		]);
		expect(row(result, 'three-days')).toMatchObject({
			band: 'Level 4',
			details: { rule: 'frequent-visits', distinctVisitDays: 3, webVisitsWithinWebWindow: 3 },
		});
		expect(row(result, 'same-day-thrice')).toMatchObject({
			band: 'Level 1',
			details: { distinctVisitDays: 1 },
		});
		expect(row(result, 'two-days').band).toBe('Level 1');
	});

	test('Level 3: actively interacted within 30 days and clicked a link within 60 days', () => {
		const result = score([
			event('clicked', 'click', 30),
			event('message-and-old-click', 'interaction', 2),
			event('message-and-old-click', 'click', 55),
		]);
		expect(row(result, 'clicked')).toMatchObject({
			band: 'Level 3',
			score: 3,
			details: { rule: 'active-and-clicked', daysSinceLastActive: 30 },
		});
		expect(row(result, 'message-and-old-click')).toMatchObject({ band: 'Level 3' });
		expect(row(result, 'message-and-old-click').explanation).toBe(
			'Active within 30 days (last active interaction (interaction) 2 days ago, on 2026-11-24) and 1 click within 60 days → Level 3',
		);
	});

	test('our reading: active within 30 days without a click or purchase in 60 days falls to Level 2', () => {
		const result = score([event('talker', 'interaction', 5), event('friend', 'subscribe', 0)]);
		expect(row(result, 'talker')).toMatchObject({
			band: 'Level 2',
			details: { rule: 'active-without-click', clicksWithinWebWindow: 0 },
		});
		expect(row(result, 'talker').explanation).toBe(
			'Active within 30 days (last active interaction (interaction) 5 days ago, on 2026-11-21) but no click or purchase within 60 days → Level 2',
		);
		expect(row(result, 'friend').band).toBe('Level 2');
	});

	test('Level 2: last active interaction between 31–90 days ago; Level 1: none in the past 90 days', () => {
		const result = score([
			event('thirty-one', 'interaction', 31),
			event('ninety', 'subscribe', 90),
			event('ninety-one', 'interaction', 91),
			event('reader', 'open', 1),
		]);
		expect(row(result, 'thirty-one')).toMatchObject({
			band: 'Level 2',
			details: { rule: 'active-within-level2-days' },
		});
		expect(row(result, 'ninety').band).toBe('Level 2');
		expect(row(result, 'ninety-one')).toMatchObject({
			band: 'Level 1',
			details: { rule: 'no-active-within-level2-days' },
		});
		expect(row(result, 'reader')).toMatchObject({
			band: 'Level 1',
			details: { rule: 'never-active' },
		});
	});

	test('Level 1 includes blocked users: a blocked contact is Level 1 even after a purchase or deep browse', () => {
		const result = score([
			event('blocked-buyer', 'purchase', 3),
			visit('blocked-buyer', 3, 9),
			event('blocked-buyer', 'click', 3),
			event('blocked-buyer', 'click', 4),
			event('blocked-buyer', 'block', 1),
			event('unblocked-buyer', 'block', 10),
			event('unblocked-buyer', 'unblock', 8),
			event('unblocked-buyer', 'purchase', 3),
		]);
		expect(row(result, 'blocked-buyer')).toMatchObject({
			band: 'Level 1',
			details: { rule: 'blocked', blocked: true, purchasesWithinWebWindow: 1 },
		});
		expect(row(result, 'unblocked-buyer').band).toBe('Level 5');
	});

	test('parameters deepBrowsePages, multipleClicks, frequentVisitDays and webWindowDays are honoured', () => {
		const events = [
			visit('v', 10, 3),
			visit('v', 11, 1),
			event('c', 'click', 10),
			event('c', 'click', 11),
			event('c', 'click', 12),
		];
		const defaults = score(events);
		expect(row(defaults, 'v').band).toBe('Level 1');
		expect(row(defaults, 'c').band).toBe('Level 4');
		const tuned = score(events, { deepBrowsePages: 3, multipleClicks: 4, frequentVisitDays: 2 });
		expect(row(tuned, 'v').band).toBe('Level 5');
		expect(row(tuned, 'c').band).toBe('Level 3');
		const narrow = score(events, { webWindowDays: 10 });
		expect(row(narrow, 'c').band).toBe('Level 3');
		expect(narrow.account).toMatchObject({ webWindowDays: 10, deepBrowsePages: 5, level3Days: 30 });
		expect(() => score(events, { deepBrowsePages: 'many' })).toThrow(/deepBrowsePages/);
	});

	test('levels are counted in account and every contact gets exactly one level whatever the event order', () => {
		const types: EventType[] = [
			'interaction',
			'click',
			'purchase',
			'web_visit',
			'block',
			'unblock',
			'open',
		];
		const arbitrary = fc.record({
			contactId: fc.constantFrom('a', 'b', 'c', 'd'),
			type: fc.constantFrom(...types),
			days: fc.integer({ min: 0, max: 100 }),
			pages: fc.integer({ min: 0, max: 8 }),
		});
		fc.assert(
			fc.property(fc.array(arbitrary, { maxLength: 40 }), (specs) => {
				const events = specs.map((s) => event(s.contactId, s.type, s.days, { value: s.pages }));
				const result = score(events);
				expect(score([...events].reverse())).toEqual(result);
				const counts = result.account.bandCounts as Record<string, number>;
				expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(result.contacts.length);
				for (const contact of result.contacts) {
					expect(contact.score).toBe(Number(contact.band.slice(-1)));
					if (contact.details.blocked) expect(contact.band).toBe('Level 1');
				}
			}),
		);
	});

	test('through scoreContacts: web visits with page counts from raw events', () => {
		const result = scoreContacts(
			[
				{
					contactId: 'shopper',
					type: 'web_visit',
					timestamp: '2026-11-20T10:00:00+08:00',
					value: 6,
				},
				{
					contactId: 'browser',
					type: 'web_visit',
					timestamp: '2026-11-20T23:30:00+08:00',
					value: 1,
				},
				{
					contactId: 'browser',
					type: 'web_visit',
					timestamp: '2026-11-21T00:30:00+08:00',
					value: 1,
				},
				{
					contactId: 'browser',
					type: 'web_visit',
					timestamp: '2026-11-22T12:00:00+08:00',
					value: 1,
				},
			],
			{ model: 'recency5', asOf: AS_OF, timezone: 'Asia/Taipei' },
		);
		expect(result.contacts.map((c) => [c.contactId, c.band])).toEqual([
			['browser', 'Level 4'],
			['shopper', 'Level 5'],
		]);
		// In UTC the first two visits of 'browser' fall on the same day: only 2 distinct days.
		const utc = scoreContacts(
			[
				{
					contactId: 'browser',
					type: 'web_visit',
					timestamp: '2026-11-20T23:30:00+08:00',
					value: 1,
				},
				{
					contactId: 'browser',
					type: 'web_visit',
					timestamp: '2026-11-21T00:30:00+08:00',
					value: 1,
				},
				{
					contactId: 'browser',
					type: 'web_visit',
					timestamp: '2026-11-22T12:00:00+08:00',
					value: 1,
				},
			],
			{ model: 'recency5', asOf: AS_OF, timezone: 'UTC' },
		);
		expect(utc.contacts[0]).toMatchObject({ band: 'Level 1', details: { distinctVisitDays: 2 } });
	});
});
