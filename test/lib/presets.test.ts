import type { EngagementEvent } from '../../lib/events/types';
import { mailchimpClickPoints, mailchimpStarsFor } from '../../lib/models/mailchimpStars';
import { quintileScores, rfmSegment } from '../../lib/models/rfm';
import type { ScoreResult } from '../../lib/models/types';
import { scoreContacts } from '../../lib/scoreContacts';

import { AS_OF, contactRow as row, ev, sends } from './scoringFixtures';

function score(
	model: string,
	events: EngagementEvent[],
	options: Record<string, unknown> = {},
): ScoreResult {
	return scoreContacts(events, { model, asOf: AS_OF, ...options });
}

describe('klaviyoEngagement (Klaviyo engaged / unengaged segments)', () => {
	test('Engaged: opened or clicked at least once in the last 30 days (30 days ago in, 31 out)', () => {
		const result = score('klaviyoEngagement', [
			...sends('in', 6, 200),
			ev('in', 'open', 30, { campaignId: 'k1' }),
			...sends('out', 6, 200),
			ev('out', 'click', 31, { campaignId: 'k1' }),
		]);
		expect(row(result, 'in')).toMatchObject({
			band: 'Engaged',
			score: 2,
			details: { rule: 'openedOrClickedRecently' },
		});
		expect(row(result, 'in').explanation).toBe(
			'1 open or click in the last 30 days (last opened or clicked 30 days ago) → Engaged',
		);
		expect(row(result, 'out')).toMatchObject({ band: 'Neither', score: 1 });
	});

	test('Engaged: subscribed in the last 15 days (15 in, 16 out)', () => {
		const result = score('klaviyoEngagement', [
			ev('new15', 'subscribe', 15),
			ev('new16', 'subscribe', 16),
		]);
		expect(row(result, 'new15')).toMatchObject({
			band: 'Engaged',
			details: { rule: 'subscribedRecently' },
		});
		expect(row(result, 'new15').explanation).toBe('Subscribed 15 days ago (≤ 15) → Engaged');
		expect(row(result, 'new16')).toMatchObject({ band: 'Neither' });
	});

	test('Unengaged: received at least 5 emails over all time and no open or click in the last 90 days', () => {
		const result = score('klaviyoEngagement', [
			...sends('five', 5, 400),
			...sends('four', 4, 400),
			...sends('opened90', 5, 400),
			ev('opened90', 'open', 90, { campaignId: 'k1' }),
			...sends('opened91', 5, 400),
			ev('opened91', 'open', 91, { campaignId: 'k1' }),
		]);
		expect(row(result, 'five')).toMatchObject({
			band: 'Unengaged',
			score: 0,
			details: { received: 5 },
		});
		expect(row(result, 'five').explanation).toBe(
			'Received 5 tracked emails (≥ 5) and no open or click in the last 90 days (never opened or clicked) → Unengaged',
		);
		expect(row(result, 'four')).toMatchObject({ band: 'Neither', details: { received: 4 } });
		expect(row(result, 'opened90')).toMatchObject({ band: 'Neither' });
		expect(row(result, 'opened91')).toMatchObject({ band: 'Unengaged' });
	});

	test('machine (Apple privacy) opens do not make a contact Engaged unless excludeMachine is false', () => {
		const events = [
			...sends('mpp', 5, 100),
			ev('mpp', 'open', 2, { campaignId: 'k5', machine: true }),
		];
		expect(row(score('klaviyoEngagement', events), 'mpp').band).toBe('Unengaged');
		expect(row(score('klaviyoEngagement', events, { excludeMachine: false }), 'mpp').band).toBe(
			'Engaged',
		);
	});

	test('Unknown is not Unengaged: every send untracked and no open or click', () => {
		const result = score(
			'klaviyoEngagement',
			[...sends('dark', 8, 200, 'k', { tracked: false }), ...sends('listed', 8, 200, 'u')],
			{ untrackedCampaigns: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'] },
		);
		expect(row(result, 'dark')).toMatchObject({
			band: 'Unknown',
			score: null,
			details: { rule: 'untracked', untrackedSends: 8 },
		});
		expect(row(result, 'listed')).toMatchObject({ band: 'Unknown', score: null });
	});
});

describe('hubspotGraymail (HubSpot graymail suppression)', () => {
	test('never engaged: graymail from no engagement with the last 11 sends (10 is not)', () => {
		const result = score('hubspotGraymail', [...sends('eleven', 11, 60), ...sends('ten', 10, 60)]);
		expect(row(result, 'eleven')).toMatchObject({
			band: 'Graymail',
			score: 11,
			details: { rule: 'neverEngagedLimit', everEngaged: false },
		});
		expect(row(result, 'eleven').explanation).toBe(
			'Never engaged with any of 11 sends; never engaged limit 11 → Graymail',
		);
		expect(row(result, 'ten')).toMatchObject({ band: 'Not graymail', score: 10 });
	});

	test('previously engaged: graymail from no engagement with the last 16 sends (15 is not)', () => {
		const engagedThen = (id: string, after: number) => [
			...sends(id, 1 + after, 60),
			ev(id, 'click', 59, { campaignId: 'k1' }),
		];
		const result = score('hubspotGraymail', [
			...engagedThen('sixteen', 16),
			...engagedThen('fifteen', 15),
		]);
		expect(row(result, 'sixteen')).toMatchObject({
			band: 'Graymail',
			score: 16,
			details: { rule: 'previouslyEngagedLimit', everEngaged: true },
		});
		expect(row(result, 'fifteen')).toMatchObject({ band: 'Not graymail', score: 15 });
		expect(row(result, 'fifteen').explanation).toBe(
			'15 sends since the last engaged one (2026-09-27); previously engaged limit 16 → Not graymail',
		);
	});

	test('an open before the send does not engage with it; transactional and untracked sends do not count', () => {
		const result = score('hubspotGraymail', [
			...sends('c', 11, 60),
			ev('c', 'open', 61, { campaignId: 'k11' }),
			ev('c', 'sent', 5, { campaignId: 'receipt', campaignKind: 'transactional' }),
			ev('c', 'sent', 4, { campaignId: 'dark', tracked: false }),
		]);
		expect(row(result, 'c')).toMatchObject({
			score: 11,
			band: 'Graymail',
			details: { trackedSends: 11, untrackedSends: 1 },
		});
	});

	test('Unknown when every send is untracked', () => {
		const result = score('hubspotGraymail', sends('dark', 20, 60, 'k', { tracked: false }));
		expect(row(result, 'dark')).toMatchObject({ band: 'Unknown', score: null });
	});
});

describe('mailchimpStars (Mailchimp contact rating, 16-point scale)', () => {
	test('published scale: 1★ = −5…−1, 2★ = 0, 3★ = 1, 4★ = 2–5, 5★ = 6–10', () => {
		expect([-5, -1, 0, 1, 2, 5, 6, 10].map(mailchimpStarsFor)).toEqual([1, 1, 2, 3, 4, 4, 5, 5]);
	});

	test('click points: round(10 · clicked / received), halves up', () => {
		expect(mailchimpClickPoints(1, 20)).toBe(1); // 5 % → 0.5 → 1
		expect(mailchimpClickPoints(1, 21)).toBe(0); // 4.8 %
		expect(mailchimpClickPoints(3, 20)).toBe(2); // 15 % → 1.5 → 2
		expect(mailchimpClickPoints(11, 20)).toBe(6); // 55 % → 5.5 → 6
		expect(mailchimpClickPoints(0, 0)).toBe(0);
	});

	test('everyone starts at 0 = 2 stars; clicks against send frequency raise the rating', () => {
		const clicksOf = (id: string, clicked: number, received: number) => [
			...sends(id, received, 100),
			...Array.from({ length: clicked }, (_, i) =>
				ev(id, 'click', 100 - i, { campaignId: `k${i + 1}` }),
			),
		];
		const result = score('mailchimpStars', [
			ev('fresh', 'subscribe', 1),
			...clicksOf('c1of21', 1, 21),
			...clicksOf('c1of20', 1, 20),
			...clicksOf('c3of20', 3, 20),
			...clicksOf('c11of20', 11, 20),
		]);
		expect(row(result, 'fresh')).toMatchObject({
			band: '2 stars',
			score: 2,
			details: { rule: 'noCampaigns' },
		});
		expect(row(result, 'c1of21')).toMatchObject({ band: '2 stars', score: 2 });
		expect(row(result, 'c1of20')).toMatchObject({ band: '3 stars', score: 3 });
		expect(row(result, 'c3of20')).toMatchObject({ band: '4 stars', score: 4 });
		expect(row(result, 'c11of20')).toMatchObject({ band: '5 stars', score: 5 });
		expect(row(result, 'c3of20').explanation).toBe(
			'Clicked 3 of 20 campaigns received (15%) → 2 points → 4 stars',
		);
	});

	test('automations do not count; complaints and bounces take the negative range; a positive rating resets to 0 on a bounce', () => {
		const result = score('mailchimpStars', [
			...sends('auto', 4, 50, 'a', { campaignKind: 'automation' }),
			ev('auto', 'click', 49, { campaignId: 'a1', campaignKind: 'automation' }),
			...sends('spam', 4, 50),
			ev('spam', 'click', 49, { campaignId: 'k1' }),
			ev('spam', 'complaint', 10),
			...sends('bounced', 4, 50),
			ev('bounced', 'bounce', 10),
			...sends('reset', 4, 50),
			ev('reset', 'click', 49, { campaignId: 'k1' }),
			ev('reset', 'bounce', 10),
		]);
		expect(row(result, 'auto')).toMatchObject({
			band: '2 stars',
			details: { receivedCampaigns: 0 },
		});
		expect(row(result, 'spam')).toMatchObject({
			band: '1 star',
			score: 1,
			details: { points: -5, rule: 'complaint' },
		});
		expect(row(result, 'bounced')).toMatchObject({
			band: '1 star',
			details: { points: -1, rule: 'bounce' },
		});
		expect(row(result, 'reset')).toMatchObject({
			band: '2 stars',
			details: { points: 0, clickPoints: 3, rule: 'bounceReset' },
		});
	});
});

describe('mailpoet (MailPoet engagement score)', () => {
	test('score = opens ÷ sent × 100 over the last 12 months', () => {
		const result = score('mailpoet', [
			...sends('c', 4, 300),
			ev('c', 'open', 299, { campaignId: 'k1' }),
			ev('c', 'open', 298, { campaignId: 'k1' }),
			ev('c', 'click', 297, { campaignId: 'k3' }),
		]);
		expect(row(result, 'c')).toMatchObject({
			band: 'Scored',
			score: 50,
			details: { sentInWindow: 4, openedInWindow: 2 },
		});
		expect(row(result, 'c').explanation).toBe(
			'2 of 4 emails sent in the last 12 months opened → score 50%',
		);
	});

	test('null below 3 sends in the window (2 → null, 3 → scored); sends older than a year do not count', () => {
		const result = score('mailpoet', [
			...sends('two', 2, 100),
			...sends('three', 3, 100),
			ev('three', 'open', 99, { campaignId: 'k1' }),
			// exactly one year before asOf is not "later than a year ago"; the day after is
			ev('edge', 'sent', 0, { campaignId: 'x1', timestamp: '2025-11-26T12:00:00Z' }),
			ev('edge', 'sent', 0, { campaignId: 'x2', timestamp: '2025-11-26T12:00:01Z' }),
			ev('edge', 'sent', 0, { campaignId: 'x3', timestamp: '2026-01-01T00:00:00Z' }),
			ev('edge', 'sent', 0, { campaignId: 'x4', timestamp: '2026-02-01T00:00:00Z' }),
		]);
		expect(row(result, 'two')).toMatchObject({
			band: 'Unknown',
			score: null,
			details: { rule: 'fewerThanMinSends' },
		});
		expect(row(result, 'two').explanation).toBe(
			'2 tracked emails sent in the last 12 months, fewer than 3 → no score',
		);
		expect(row(result, 'three').score).toBeCloseTo(100 / 3, 10);
		expect(row(result, 'edge')).toMatchObject({ score: 0, details: { sentInWindow: 3 } });
	});

	test('untracked sends are not counted as unopened: rates over tracked sends only', () => {
		const result = score('mailpoet', [
			...sends('mixed', 3, 50),
			...sends('mixed', 3, 40, 'dark', { tracked: false }),
			ev('mixed', 'open', 49, { campaignId: 'k1' }),
			...sends('dark', 5, 50, 'd', { tracked: false }),
		]);
		expect(row(result, 'mixed')).toMatchObject({
			details: { sentInWindow: 3, untrackedInWindow: 3 },
		});
		expect(row(result, 'mixed').score).toBeCloseTo(100 / 3, 10);
		expect(row(result, 'dark')).toMatchObject({
			score: null,
			band: 'Unknown',
			details: { rule: 'untracked' },
		});
	});
});

describe('rfm (quantile scores and the R package rfm segment map)', () => {
	test('quintile scores: 1 + floor(5 · worse / n), ties share a score', () => {
		expect(quintileScores([10, 20, 30, 40, 50], true)).toEqual([1, 2, 3, 4, 5]);
		expect(quintileScores([10, 20, 30, 40, 50], false)).toEqual([5, 4, 3, 2, 1]);
		expect(quintileScores([7, 7, 7], true)).toEqual([1, 1, 1]);
		expect(quintileScores([1, 2, 2, 3], true)).toEqual([1, 2, 2, 4]);
	});

	test('segment map: first match wins, else Others', () => {
		expect(rfmSegment(5, 5, 5)).toBe('Champions');
		expect(rfmSegment(2, 3, 3)).toBe('Loyal Customers');
		expect(rfmSegment(5, 1, 1)).toBe('Potential Loyalist'); // listed before New Customers
		expect(rfmSegment(3, 2, 2)).toBe('Potential Loyalist');
		expect(rfmSegment(2, 2, 2)).toBe('Need Attention');
		expect(rfmSegment(2, 1, 2)).toBe('About To Sleep');
		expect(rfmSegment(1, 5, 5)).toBe('At Risk'); // At Risk (R ≤ 2, F/M 2–5) is listed before Can't Lose Them
		expect(rfmSegment(1, 1, 1)).toBe('Lost');
		expect(rfmSegment(1, 1, 5)).toBe('Others');
	});

	test('equal spend ties whatever the order of the purchases (0.1 + 0.2 + 0.3 both ways)', () => {
		const result = score('rfm', [
			...[0.1, 0.2, 0.3].map((value, i) => ev('up', 'purchase', 10 + i, { value })),
			...[0.3, 0.2, 0.1].map((value, i) => ev('down', 'purchase', 10 + i, { value })),
		]);
		expect(row(result, 'up').details).toMatchObject({ monetary: 0.6, m: 1 });
		expect(row(result, 'down').details).toMatchObject({ monetary: 0.6, m: 1 });
	});

	test('R, F and M from purchases in the window; no purchase → No purchases', () => {
		const buyer = (id: string, days: number[], value: number) =>
			days.map((d) => ev(id, 'purchase', d, { value }));
		const result = score('rfm', [
			...buyer('best', [1, 5, 9, 20, 30], 100),
			...buyer('b2', [10, 40, 50, 60], 50),
			...buyer('b3', [30, 70, 80], 30),
			...buyer('b4', [100, 120], 20),
			...buyer('old', [200], 10),
			...buyer('ancient', [400], 1000),
			ev('browser', 'web_visit', 3, { value: 4 }),
		]);
		expect(row(result, 'best')).toMatchObject({
			band: 'Champions',
			score: 15,
			details: { r: 5, f: 5, m: 5, rfm: '555', recencyDays: 1, frequency: 5, monetary: 500 },
		});
		expect(row(result, 'best').explanation).toBe(
			'Last purchase 1 day ago (R 5), 5 purchases (F 5), 500 spent (M 5) in the last 365 days → RFM 555 → Champions',
		);
		expect(row(result, 'old')).toMatchObject({ band: 'Lost', details: { rfm: '111' } });
		expect(row(result, 'ancient')).toMatchObject({ band: 'No purchases', score: null });
		expect(row(result, 'browser')).toMatchObject({ band: 'No purchases', score: null });
		expect(result.account.purchasers).toBe(5);
	});
});
