import fc from 'fast-check';
import { DateTime } from 'luxon';

import type { EventType, TimedEvent } from '../../lib/events/types';
import { createAsOfCalendar } from '../../lib/models/asOfCalendar';
import { recency } from '../../lib/models/recency';
import type { ScoreResult } from '../../lib/models/types';
import { scoreContacts } from '../../lib/scoreContacts';
import { calendarDaysBetween } from '../../lib/time';

import { contactRow as row } from './scoringFixtures';

const AS_OF = '2026-11-26T12:00:00Z';

function event(
	contactId: string,
	type: EventType,
	at: string | number,
	extra: Partial<TimedEvent> = {},
): TimedEvent {
	const time = typeof at === 'number' ? at : Date.parse(at);
	return { contactId, type, timestamp: time, time, ...extra };
}

/** An instant `days` calendar days before AS_OF's date, at the given UTC hour. */
function daysBefore(days: number, hour = 9): number {
	return DateTime.fromISO(AS_OF, { zone: 'UTC' }).minus({ days }).set({ hour }).toMillis();
}

function score(
	events: TimedEvent[],
	parameters: Record<string, unknown> = {},
	timezone = 'UTC',
	asOf = AS_OF,
): ScoreResult {
	return recency(events, parameters, { asOf: Date.parse(asOf), timezone });
}

describe('recency (Crescendo Lab 3 levels, seed 000)', () => {
	test('Level 3: actively interacted within the past 30 days (30 days ago is still Level 3)', () => {
		const result = score([
			event('today', 'interaction', daysBefore(0)),
			event('thirty', 'click', daysBefore(30)),
		]);
		expect(row(result, 'today')).toMatchObject({ band: 'Level 3', score: 3 });
		expect(row(result, 'thirty')).toMatchObject({ band: 'Level 3', score: 3 });
		expect(row(result, 'thirty').details).toMatchObject({
			rule: 'active-within-level3-days',
			daysSinceLastActive: 30,
			lastActiveType: 'click',
			lastActiveDate: '2026-10-27',
		});
		expect(row(result, 'thirty').explanation).toBe(
			'Last active interaction (click) 30 days ago, on 2026-10-27: within 30 days → Level 3',
		);
	});

	test('Level 2: last active interaction was 31–90 days ago (31 and 90 are Level 2)', () => {
		const result = score([
			event('thirty-one', 'subscribe', daysBefore(31)),
			event('ninety', 'unblock', daysBefore(90)),
		]);
		expect(row(result, 'thirty-one')).toMatchObject({ band: 'Level 2', score: 2 });
		expect(row(result, 'ninety')).toMatchObject({ band: 'Level 2', score: 2 });
		expect(row(result, 'ninety').details).toMatchObject({ daysSinceLastActive: 90 });
		expect(row(result, 'thirty-one').explanation).toBe(
			'Last active interaction (subscribe) 31 days ago, on 2026-10-26: 31–90 days → Level 2',
		);
	});

	test('Level 1: no active interaction in the past 90 days (91 days ago is Level 1)', () => {
		const result = score([
			event('ninety-one', 'interaction', daysBefore(91)),
			event('ninety-one', 'open', daysBefore(1)),
			event('opens-only', 'open', daysBefore(2)),
			event('opens-only', 'sent', daysBefore(2)),
		]);
		expect(row(result, 'ninety-one')).toMatchObject({ band: 'Level 1', score: 1 });
		expect(row(result, 'ninety-one').details).toMatchObject({
			rule: 'no-active-within-level2-days',
			daysSinceLastActive: 91,
		});
		expect(row(result, 'ninety-one').explanation).toBe(
			'Last active interaction (interaction) 91 days ago, on 2026-08-27: none in the past 90 days → Level 1',
		);
		expect(row(result, 'opens-only')).toMatchObject({ band: 'Level 1', score: 1 });
		expect(row(result, 'opens-only').details).toMatchObject({
			rule: 'never-active',
			lastActiveAt: null,
		});
	});

	test('Level 1 includes blocked users: blocked after a recent interaction is Level 1', () => {
		const result = score([
			event('blocked', 'interaction', daysBefore(3)),
			event('blocked', 'block', daysBefore(2)),
			event('unblocked', 'block', daysBefore(10)),
			event('unblocked', 'unblock', daysBefore(5)),
			event('blocked-again', 'block', daysBefore(50)),
			event('blocked-again', 'unblock', daysBefore(40)),
			event('blocked-again', 'click', daysBefore(20)),
			event('blocked-again', 'block', daysBefore(1)),
		]);
		expect(row(result, 'blocked')).toMatchObject({ band: 'Level 1', score: 1 });
		expect(row(result, 'blocked').details).toMatchObject({ rule: 'blocked', blocked: true });
		expect(row(result, 'blocked').explanation).toMatch(/^Blocked the account on 2026-11-24/);
		expect(row(result, 'blocked-again')).toMatchObject({ band: 'Level 1' });
		expect(result.account.blockedContacts).toBe(2);
	});

	test('unblocking a previously blocked account is an active interaction (Level 3)', () => {
		const result = score([
			event('unblocked', 'block', daysBefore(10)),
			event('unblocked', 'unblock', daysBefore(5)),
		]);
		expect(row(result, 'unblocked')).toMatchObject({ band: 'Level 3' });
		expect(row(result, 'unblocked').details).toMatchObject({
			blocked: false,
			lastActiveType: 'unblock',
		});
	});

	test('opens are not active interactions', () => {
		const result = score([event('reader', 'open', daysBefore(1))]);
		expect(row(result, 'reader').band).toBe('Level 1');
	});

	test('activeTypes parameter changes what counts as active', () => {
		const events = [event('a', 'open', daysBefore(1)), event('b', 'click', daysBefore(1))];
		const result = score(events, { activeTypes: ['open', 'interaction'] });
		expect(row(result, 'a').band).toBe('Level 3');
		expect(row(result, 'b').band).toBe('Level 1');
		expect(score(events, { activeTypes: 'open, click' }).contacts.map((c) => c.band)).toEqual([
			'Level 3',
			'Level 3',
		]);
		expect(() => score(events, { activeTypes: ['opened'] })).toThrow(/activeTypes.*opened/);
	});

	test('level3Days and level2Days override the 30/90 edges', () => {
		const result = score([event('x', 'click', daysBefore(8))], { level3Days: 7, level2Days: 8 });
		expect(row(result, 'x').band).toBe('Level 2');
		expect(() => score([], { level3Days: 10, level2Days: 5 })).toThrow(/level2Days/);
	});

	test('days ago are calendar days in the timezone: 23:59 local 31 days back is Level 2 in Taipei, Level 3 in UTC', () => {
		// asOf = 2026-11-26 00:30 in Taipei (UTC+8) = 2026-11-25T16:30Z; the click is at 2026-10-26 23:59 Taipei.
		const asOf = '2026-11-25T16:30:00Z';
		const click = event('c', 'click', '2026-10-26T15:59:00Z');
		expect(row(score([click], {}, 'Asia/Taipei', asOf), 'c')).toMatchObject({
			band: 'Level 2',
			details: { daysSinceLastActive: 31, lastActiveDate: '2026-10-26' },
		});
		expect(row(score([click], {}, 'UTC', asOf), 'c')).toMatchObject({
			band: 'Level 3',
			details: { daysSinceLastActive: 30 },
		});
	});

	test('calendar days stay exact across a DST change (Europe/Rome, 2026-03-29)', () => {
		// 30 calendar days before 2026-04-20 is 2026-03-21, before the clocks went forward.
		const asOf = '2026-04-20T00:15:00+02:00';
		const atStartOfDay = event('edge', 'click', '2026-03-21T00:00:00+01:00');
		const dayBefore = event('late', 'click', '2026-03-20T23:59:59+01:00');
		const result = score([atStartOfDay, dayBefore], {}, 'Europe/Rome', asOf);
		expect(row(result, 'edge')).toMatchObject({
			band: 'Level 3',
			details: { daysSinceLastActive: 30 },
		});
		expect(row(result, 'late')).toMatchObject({
			band: 'Level 2',
			details: { daysSinceLastActive: 31 },
		});
	});

	test('the fast calendar-day counter agrees with luxon in every zone, DST included', () => {
		const zones = [
			'UTC',
			'Europe/Rome',
			'America/New_York',
			'Australia/Lord_Howe',
			'Asia/Kathmandu',
			'America/Santiago',
		];
		fc.assert(
			fc.property(
				fc.constantFrom(...zones),
				fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
				fc.integer({ min: 0, max: 400 * 86_400_000 }),
				(zone, asOf, back) => {
					const counter = createAsOfCalendar(asOf, zone);
					expect(counter.daysAgo(asOf - back)).toBe(calendarDaysBetween(asOf - back, asOf, zone));
				},
			),
			{ numRuns: 2000 },
		);
	});

	test('events after asOf are not seen; rows are sorted by contactId', () => {
		const result = score([
			event('b', 'click', daysBefore(100)),
			event('b', 'click', Date.parse(AS_OF) + 1000),
			event('a', 'click', daysBefore(1)),
			event('future-only', 'click', Date.parse(AS_OF) + 1000),
		]);
		expect(result.contacts.map((c) => c.contactId)).toEqual(['a', 'b']);
		expect(row(result, 'b').band).toBe('Level 1');
		expect(result.account).toMatchObject({
			eventsAfterAsOf: 2,
			bandCounts: { 'Level 3': 1, 'Level 2': 0, 'Level 1': 1 },
			averageScore: 2,
		});
	});

	test('order of events is irrelevant and every contact gets exactly one level', () => {
		const types: EventType[] = [
			'interaction',
			'subscribe',
			'unblock',
			'click',
			'open',
			'block',
			'sent',
		];
		const arbitraryEvent = fc.record({
			contactId: fc.constantFrom('a', 'b', 'c'),
			type: fc.constantFrom(...types),
			days: fc.integer({ min: 0, max: 120 }),
		});
		fc.assert(
			fc.property(fc.array(arbitraryEvent, { maxLength: 30 }), (specs) => {
				const events = specs.map((spec) => event(spec.contactId, spec.type, daysBefore(spec.days)));
				const forward = score(events);
				const backward = score([...events].reverse());
				expect(backward).toEqual(forward);
				for (const contact of forward.contacts) {
					expect(['Level 1', 'Level 2', 'Level 3']).toContain(contact.band);
					expect(contact.score).toBe(Number(contact.band.slice(-1)));
				}
			}),
		);
	});

	test('through scoreContacts: ISO timestamps, machine clicks excluded, same rows as the model', () => {
		const events = [
			{ contactId: 'u1', type: 'click' as const, timestamp: '2026-10-27T09:00:00Z' },
			{ contactId: 'u2', type: 'click' as const, timestamp: '2026-11-25T09:00:00Z', machine: true },
			{ contactId: 'u2', type: 'interaction' as const, timestamp: '2026-10-26T09:00:00Z' },
		];
		const result = scoreContacts(events, { model: 'recency', asOf: AS_OF });
		expect(result.contacts.map((c) => [c.contactId, c.band])).toEqual([
			['u1', 'Level 3'],
			['u2', 'Level 2'],
		]);
		expect(result.account).toMatchObject({
			machineEventsExcluded: 1,
			bandCounts: { 'Level 3': 1, 'Level 2': 1 },
		});
		const withMachine = scoreContacts(events, {
			model: 'recency',
			asOf: AS_OF,
			excludeMachine: false,
		});
		expect(withMachine.contacts[1].band).toBe('Level 3');
		expect(() => scoreContacts(events, { model: 'recency', asOf: AS_OF, level3Days: -1 })).toThrow(
			/level3Days/,
		);
	});
});
