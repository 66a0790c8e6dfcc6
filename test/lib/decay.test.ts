import { scoreContacts } from '../../lib/scoreContacts';
import { DECAY_BANDS } from '../../lib/models/decay';
import type { EngagementEvent, EventType, CampaignKind } from '../../lib/events/types';
import type { ScoreResult } from '../../lib/models/types';

import { contactRow as row } from './scoringFixtures';

/**
 * Ometria's engagement score (seed 004) as DESIGN.md reads it. Each spec is named after the seed rule it checks;
 * the arithmetic is written out so a reader can redo it by hand.
 */

const DAY = 86_400_000;
/** Scoring instant: 2026-06-30 12:00 UTC. Event times are given in days before it. */
const AS_OF = Date.UTC(2026, 5, 30, 12);
const daysAgo = (days: number, hours = 0) => AS_OF - days * DAY + hours * 3_600_000;

function ev(
	contactId: string,
	type: EventType,
	time: number,
	campaignId?: string,
	extra: Partial<EngagementEvent> = {},
): EngagementEvent {
	return { contactId, type, timestamp: time, ...(campaignId ? { campaignId } : {}), ...extra };
}

/** A send `days` ago and, optionally, an open and/or click an hour later. */
function send(
	contactId: string,
	campaignId: string,
	days: number,
	answer: 'none' | 'open' | 'click' | 'both' = 'none',
	kind?: CampaignKind,
): EngagementEvent[] {
	const extra = kind ? { campaignKind: kind } : {};
	const sentAt = daysAgo(days);
	const events = [ev(contactId, 'delivered', sentAt, campaignId, extra)];
	if (answer === 'open' || answer === 'both')
		events.push(ev(contactId, 'open', sentAt + 3_600_000, campaignId, extra));
	if (answer === 'click' || answer === 'both')
		events.push(ev(contactId, 'click', sentAt + 3_600_000, campaignId, extra));
	return events;
}

function score(events: EngagementEvent[], options: Record<string, unknown> = {}): ScoreResult {
	return scoreContacts(events, { model: 'decay', asOf: AS_OF, ...options });
}

/**
 * A contact subscribed a year ago with six sends on the scoring day (age 0, decay 1): `opens` opened only, `clicks`
 * clicked (a click counts as an open).
 */
function sixSendsToday(contactId: string, opens: number, clicks: number): EngagementEvent[] {
	const events: EngagementEvent[] = [ev(contactId, 'subscribe', daysAgo(365))];
	for (let i = 0; i < 6; i++) {
		events.push(
			...send(
				contactId,
				`today-${i}`,
				0.25,
				i < clicks ? 'click' : i < clicks + opens ? 'open' : 'none',
			),
		);
	}
	return events;
}

describe('decay — "we calculate a raw engagement score as a sum of all their interaction scores, divided by the sum of the interaction weights and sum of all age decay factors"', () => {
	test('weighted average worked by hand: opens weigh 1, clicks 2, linear age decay over 180 days', () => {
		// Send A today (6 hours before asOf), opened:         d = 1 − 0/180   = 1.0 → interaction 1.0·(1·1 + 2·0) = 1.0, weight 1.0·(1+2) = 3.0
		// Send B 90 days ago, clicked:  d = 1 − 90/180  = 0.5 → interaction 0.5·(1·1 + 2·1) = 1.5, weight 0.5·3     = 1.5
		// Send C 144 days ago, ignored: d = 1 − 144/180 = 0.2 → interaction 0.2·0           = 0.0, weight 0.2·3     = 0.6
		// raw = (1.0 + 1.5 + 0.0) / (3.0 + 1.5 + 0.6) = 2.5 / 5.1
		const result = score([
			...send('ana', 'A', 0.25, 'open'),
			...send('ana', 'B', 90, 'click'),
			...send('ana', 'C', 144),
		]);
		const ana = row(result, 'ana');
		expect(ana.details.rawScore).toBeCloseTo(2.5 / 5.1, 12);
		expect(ana.details).toMatchObject({
			sends: 3,
			sendsInWindow: 3,
			openedSends: 2,
			clickedSends: 1,
		});
	});

	test('clicks have a higher weighting than opens (clickWeight 2 vs openWeight 1 by default, both configurable)', () => {
		const events = [...send('opener', 'A', 10, 'open'), ...send('clicker', 'A', 10, 'click')];
		const result = score(events);
		// Opened only: 1/3. Clicked (a click counts as an open too): (1 + 2)/3 = 1.
		expect(row(result, 'opener').details.rawScore).toBeCloseTo(1 / 3, 12);
		expect(row(result, 'clicker').details.rawScore).toBe(1);
		const equalWeights = score(events, { openWeight: 1, clickWeight: 0 });
		expect(row(equalWeights, 'opener').details.rawScore).toBe(1);
	});

	test('a click counts as an open: a send with only a click event is an opened send', () => {
		const result = score(sixSendsToday('kim', 0, 1));
		const kim = row(result, 'kim');
		expect(kim.details.openedSends).toBe(1);
		expect(kim.details.clickedSends).toBe(1);
		// one send with o = 1, c = 1 → (1 + 2) / (6 · 3) = 3/18
		expect(kim.details.rawScore).toBeCloseTo(3 / 18, 12);
	});

	test('older interactions weigh less: the same clicked send scores lower in a mix when it is older', () => {
		const recent = score([...send('x', 'A', 10, 'click'), ...send('x', 'B', 100)]);
		const old = score([...send('x', 'A', 100, 'click'), ...send('x', 'B', 10)]);
		expect(row(recent, 'x').details.rawScore as number).toBeGreaterThan(
			row(old, 'x').details.rawScore as number,
		);
	});

	test('one send per contact and campaign: a sent and a delivered event of the same campaign are one send', () => {
		const events = [
			ev('lee', 'sent', daysAgo(5), 'A'),
			ev('lee', 'delivered', daysAgo(5) + 60_000, 'A'),
			ev('lee', 'open', daysAgo(4), 'A'),
		];
		expect(row(score(events), 'lee').details).toMatchObject({
			sends: 1,
			sendsInWindow: 1,
			openedSends: 1,
		});
	});
});

describe('decay — "clicks and opens in 7 days after receiving the email, WILL be included"', () => {
	const sentAt = daysAgo(30); // 2026-05-31 12:00 UTC
	test('an open on day 7 after the send counts, an open on day 8 does not', () => {
		const events = [
			ev('day7', 'delivered', sentAt, 'A'),
			ev('day7', 'open', sentAt + 7 * DAY + 11 * 3_600_000, 'A'), // 2026-06-07 23:00: calendar day 7
			ev('day8', 'delivered', sentAt, 'A'),
			ev('day8', 'open', sentAt + 7 * DAY + 12.5 * 3_600_000, 'A'), // 2026-06-08 00:30: calendar day 8
		];
		const result = score(events);
		expect(row(result, 'day7').details.openedSends).toBe(1);
		expect(row(result, 'day8').details.openedSends).toBe(0);
		expect(row(result, 'day8').band).toBe('No engagement');
	});

	test('the old 3-day rule is one parameter away: interactionWindowDays 3', () => {
		const events = [ev('c', 'delivered', sentAt, 'A'), ev('c', 'open', sentAt + 4 * DAY, 'A')];
		expect(row(score(events), 'c').details.openedSends).toBe(1);
		expect(row(score(events, { interactionWindowDays: 3 }), 'c').details.openedSends).toBe(0);
	});

	test('an open before its send (clock skew) or of another campaign does not count', () => {
		const events = [
			ev('c', 'delivered', sentAt, 'A'),
			ev('c', 'open', sentAt - 60_000, 'A'),
			ev('c', 'open', sentAt + DAY, 'B'),
		];
		expect(row(score(events), 'c').details.openedSends).toBe(0);
	});

	test('calendar days are counted in the scoring time zone', () => {
		// Send 2026-06-01 15:30 UTC = 2026-06-02 00:30 in Tokyo; open 2026-06-09 14:00 UTC = 23:00 in Tokyo.
		// UTC: June 1 → June 9 = 8 days (not counted). Tokyo: June 2 → June 9 = 7 days (counted).
		const events = [
			ev('c', 'delivered', Date.UTC(2026, 5, 1, 15, 30), 'A'),
			ev('c', 'open', Date.UTC(2026, 5, 9, 14), 'A'),
		];
		expect(row(score(events), 'c').details.openedSends).toBe(0);
		expect(row(score(events, { timezone: 'Asia/Tokyo' }), 'c').details.openedSends).toBe(1);
	});
});

describe('decay — "This window is the last 180 days"', () => {
	test('a send 179 days before asOf is in the window, a send 180 days before is not', () => {
		const result = score([...send('in', 'A', 179, 'open'), ...send('out', 'A', 180, 'open')]);
		// d = 1 − 179/180 = 1/180 > 0; the raw score is the weighted average of that one send: (1/180·1)/(1/180·3)
		expect(row(result, 'in').details).toMatchObject({ sendsInWindow: 1, openedSends: 1 });
		expect(row(result, 'in').details.rawScore).toBeCloseTo(1 / 3, 12);
		expect(row(result, 'out').details).toMatchObject({
			sends: 1,
			sendsInWindow: 0,
			rawScore: null,
		});
		expect(row(result, 'out').band).toBe('No engagement');
	});

	test('windowDays is configurable', () => {
		const result = score(send('c', 'A', 50, 'open'), { windowDays: 30 });
		expect(row(result, 'c').details.sendsInWindow).toBe(0);
	});

	test('events after asOf are ignored, so scoring at an earlier asOf replays history', () => {
		const events = [...send('c', 'A', 10, 'open'), ...send('c', 'B', -5, 'click')];
		expect(row(score(events), 'c').details).toMatchObject({ sends: 1, clickedSends: 0 });
	});

	test('a row for every contact with any event at or before asOf (transactional, no campaign, any type), none for the others, also with explain: false', () => {
		const events = [
			...send('later', 'A', -1, 'both'),
			ev('receipt', 'open', daysAgo(3), 'r', { campaignKind: 'transactional' }),
			ev('bare', 'click', daysAgo(2)),
			ev('web', 'interaction', daysAgo(1)),
			ev('atAsOf', 'subscribe', AS_OF),
			ev('atAsOf', 'delivered', AS_OF + 1, 'A'),
			...send('sent', 'A', 4),
		];
		const expected = ['atAsOf', 'bare', 'receipt', 'sent', 'web'];
		for (const options of [{}, { explain: false }]) {
			const result = score(events, options);
			expect(result.contacts.map((contact) => contact.contactId)).toEqual(expected);
			expect(result.account.contacts).toBe(expected.length);
			expect(result.contacts.map((contact) => contact.band)).toEqual([
				'Null',
				'Null',
				'Null',
				'New',
				'Null',
			]);
		}
	});
});

describe('decay — "Transactional email interactions are not included as part of email engagement calculations"', () => {
	test('transactional sends and opens are ignored; a contact with only transactional email is Null', () => {
		const events = [
			...sixSendsToday('mixed', 0, 0),
			...send('mixed', 'receipt', 1, 'both', 'transactional'),
			...send('receiptsOnly', 'receipt', 1, 'both', 'transactional'),
		];
		const result = score(events);
		expect(row(result, 'mixed').details).toMatchObject({ sends: 6, openedSends: 0 });
		expect(row(result, 'mixed').band).toBe('No engagement');
		expect(row(result, 'receiptsOnly')).toMatchObject({ band: 'Null', score: null });
	});

	test('automation emails count (only transactional are excluded)', () => {
		const result = score(send('c', 'welcome', 3, 'open', 'automation'));
		expect(row(result, 'c').details.openedSends).toBe(1);
	});
});

describe('decay — "If a contact has not received the minimum number of events in the time window, an account-specific average is proportionally applied"', () => {
	test('minimum-6 protection: score = (n·raw + (6 − n)·average) / 6', () => {
		// pat: 2 sends today, both clicked           → raw = (3 + 3) / (3 + 3)  = 1
		// sam: 6 sends today, 3 opened, none clicked → raw = 3 / 18            = 1/6
		// account average = (1 + 1/6) / 2 = 7/12
		// pat (n = 2 < 6): score = (2·1 + 4·7/12) / 6 = (2 + 7/3) / 6 = 13/18
		// sam (n = 6):     score = raw = 1/6 (no protection)
		const result = score([
			...send('pat', 'A', 0.25, 'click'),
			...send('pat', 'B', 0.25, 'click'),
			...sixSendsToday('sam', 3, 0),
		]);
		expect(result.account.averageScore).toBeCloseTo(7 / 12, 12);
		expect(row(result, 'pat').score).toBeCloseTo(13 / 18, 12);
		expect(row(result, 'pat').details.protected).toBe(true);
		expect(row(result, 'sam').score).toBeCloseTo(1 / 6, 12);
		expect(row(result, 'sam').details.protected).toBe(false);
	});

	test('minEvents is configurable (0 turns protection off)', () => {
		const events = [...send('pat', 'A', 0.25, 'click'), ...sixSendsToday('sam', 3, 0)];
		expect(row(score(events, { minEvents: 0 }), 'pat').score).toBe(1);
	});
});

describe('decay — "Account-average-engagement score is just the sum of the raw engagement scores for all contacts divided by the number of contacts that have been assigned raw engagement scores"', () => {
	test('the average uses raw (unprotected) scores of contacts with a send in the window; Null and out-of-window contacts are left out', () => {
		// one: raw 1/3 (one opened send); two: raw 1 (one clicked send); old: no send in the window; none: no send at all
		const result = score([
			...send('one', 'A', 2, 'open'),
			...send('two', 'A', 2, 'click'),
			...send('old', 'A', 200, 'click'),
			ev('none', 'open', daysAgo(1), 'A'),
		]);
		expect(result.account.contactsWithRawScore).toBe(2);
		expect(result.account.averageScore).toBeCloseTo((1 / 3 + 1) / 2, 12);
	});
});

describe('decay — engagement bands', () => {
	test('Null: "there is no email engagement data for a contact, so an engagement score cannot be calculated"', () => {
		const result = score([ev('web', 'web_visit', daysAgo(1)), ...send('other', 'A', 1, 'open')]);
		expect(row(result, 'web')).toMatchObject({ band: 'Null', score: null });
		expect(row(result, 'web').details.rule).toBe('noSend');
	});

	test('New: "subscribed within the last 4 weeks and have not interacted (opened or clicked)"', () => {
		const events = [
			ev('fresh', 'subscribe', daysAgo(27)),
			...send('fresh', 'A', 20),
			ev('month', 'subscribe', daysAgo(28)),
			...send('month', 'A', 20),
			...send('firstSendRecent', 'A', 10),
			...send('veteran', 'A', 20, 'open'),
		];
		const result = score(events);
		expect(row(result, 'fresh').band).toBe('New');
		// protected score of a new contact: (1·0 + 5·average)/6, average = veteran 1/3, fresh 0, month 0, firstSendRecent 0
		const average = 1 / 3 / 4;
		expect(row(result, 'fresh').score).toBeCloseTo((5 * average) / 6, 12);
		expect(row(result, 'month').band).toBe('No engagement'); // 28 days is not "within the last 4 weeks"
		expect(row(result, 'firstSendRecent').band).toBe('New'); // no subscribe event: tenure from the first send
	});

	test('New: "Once those people start interacting they are moved to their respective interaction bucket"', () => {
		const result = score([ev('fresh', 'subscribe', daysAgo(3)), ...send('fresh', 'A', 2, 'open')]);
		expect(row(result, 'fresh').band).not.toBe('New');
	});

	test('No engagement: "contacts with engagement score = 0" — no counted open or click in the window', () => {
		const result = score([
			...sixSendsToday('quiet', 0, 0),
			...send('late', 'A', 60),
			ev('late', 'open', daysAgo(40), 'A'), // 20 days after the send: outside the 7-day window
			...send('active', 'A', 1, 'open'),
		]);
		expect(row(result, 'quiet')).toMatchObject({ band: 'No engagement', score: 0 });
		expect(row(result, 'late')).toMatchObject({ band: 'No engagement', score: 0 });
		expect(row(result, 'late').details.lastOpenDate).toBe('2026-05-21');
	});

	test('Low < 0.5 × average, Medium between, High > 1.5 × average; a score equal to an edge is Medium', () => {
		// raws (no protection, 6 sends each, decay 1): a = 3/18, b = 6/18, c = 9/18 → average = 6/18
		// 0.5 × average = 3/18 = a, 1.5 × average = 9/18 = c: both exactly on the edges → Medium
		const result = score([
			...sixSendsToday('a', 3, 0),
			...sixSendsToday('b', 6, 0),
			...sixSendsToday('c', 0, 3),
		]);
		const average = result.account.averageScore as number;
		expect(row(result, 'a').score).toBe(0.5 * average);
		expect(row(result, 'c').score).toBe(1.5 * average);
		expect(['a', 'b', 'c'].map((id) => row(result, id).band)).toEqual([
			'Medium',
			'Medium',
			'Medium',
		]);
	});

	test('Low and High strictly beyond the edges', () => {
		// raws: low 1/18, mid 6/18, high 3/3 = 18/18 → average = 25/54; low < 25/108, high > 25/36
		const result = score([
			...sixSendsToday('low', 1, 0),
			...sixSendsToday('mid', 6, 0),
			...sixSendsToday('high', 0, 6),
		]);
		expect(result.account.averageScore).toBeCloseTo(25 / 54, 12);
		expect(row(result, 'low').band).toBe('Low');
		expect(row(result, 'mid').band).toBe('Medium');
		expect(row(result, 'high').band).toBe('High');
		expect(result.account.bandCounts).toMatchObject({ Low: 1, Medium: 1, High: 1 });
	});

	test('lowMultiplier and highMultiplier are configurable', () => {
		const events = [
			...sixSendsToday('low', 1, 0),
			...sixSendsToday('mid', 6, 0),
			...sixSendsToday('high', 0, 6),
		];
		const result = score(events, { lowMultiplier: 0.1, highMultiplier: 3 });
		expect(result.contacts.map((contact) => contact.band)).toEqual(['Medium', 'Medium', 'Medium']);
	});

	test('every band label is one of the exact labels', () => {
		const result = score([...sixSendsToday('a', 1, 0), ev('b', 'open', daysAgo(1), 'x')]);
		for (const contact of result.contacts) expect(DECAY_BANDS).toContain(contact.band);
	});
});

describe('decay — explanations and details', () => {
	test('the explanation says why, with the counts, the score and the average', () => {
		const result = score([
			...send('x', 'A', 1, 'click'),
			...send('x', 'B', 2, 'open'),
			...send('x', 'C', 3, 'open'),
			...send('x', 'D', 4),
			...send('x', 'E', 5),
			...send('x', 'F', 6),
			...sixSendsToday('y', 1, 0),
		]);
		expect(row(result, 'x').explanation).toMatch(
			/^3 of 6 sends opened within 7 days in the last 180 days, 1 clicked; score 0\.\d\d vs account average 0\.\d\d → High$/,
		);
		expect(row(result, 'x').details).toMatchObject({
			rule: 'aboveHighThreshold',
			lastSendDate: '2026-06-29',
			lastClickDate: '2026-06-29',
			lastOpenDate: '2026-06-28',
		});
		expect(row(result, 'y').explanation).toContain('→ Low');
	});

	test('a protected score says so', () => {
		const result = score([...send('x', 'A', 1, 'click'), ...sixSendsToday('y', 1, 0)]);
		expect(row(result, 'x').explanation).toContain('account-average protection: 1 < 6 sends');
	});

	test('parameters are checked and named', () => {
		expect(() => score([], { windowDays: 0 })).toThrow(/windowDays/);
		expect(() => score([], { minEvents: 2.5 })).toThrow(/minEvents/);
		expect(() => score([], { openWeight: 'x' })).toThrow(/openWeight/);
	});

	test('account figures: average, thresholds, campaigns, band counts, parameters', () => {
		const result = score([...send('a', 'A', 1, 'open'), ...send('b', 'B', 300)]);
		expect(result.account).toMatchObject({
			model: 'decay',
			contactsWithRawScore: 1,
			totalCampaigns: 1,
			lowThreshold: (0.5 * 1) / 3,
			highThreshold: (1.5 * 1) / 3,
			parameters: { windowDays: 180, minEvents: 6 },
		});
	});
});
