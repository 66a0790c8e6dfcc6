import { normalizeEvent } from '../../lib/events/normalizeEvent';
import { markMachineOnlySendsUntracked } from '../../lib/events/trackedSends';
import { validateEvent } from '../../lib/events/validateEvent';
import type { EngagementEvent } from '../../lib/events/types';
import { scoreContacts } from '../../lib/scoreContacts';

import { AS_OF, contactRow as row, ev } from './scoringFixtures';

/** "Unknown is not zero" (issue 9 item 4): never-measured contacts are unscored, rates count tracked sends only. */

/** `count` sends of campaigns prefix1.., ten days apart from `firstDay` days ago towards asOf. */
function sends(
	contactId: string,
	count: number,
	firstDay: number,
	prefix = 'k',
	extra: Partial<EngagementEvent> = {},
) {
	return Array.from({ length: count }, (_, i) =>
		ev(contactId, 'sent', firstDay - i * 10, { campaignId: `${prefix}${i + 1}`, ...extra }),
	);
}

describe('decay: unknown is not zero', () => {
	test('every send untracked → Null with the reason, not No engagement; left out of the account average', () => {
		const events = [
			...sends('dark', 6, 100, 'k', { tracked: false }),
			...sends('cold', 6, 100),
			...sends('warm', 6, 100),
			ev('warm', 'open', 99, { campaignId: 'k1' }),
		];
		const result = scoreContacts(events, { model: 'decay', asOf: AS_OF });
		expect(row(result, 'dark')).toMatchObject({
			score: null,
			band: 'Null',
			details: { rule: 'untracked', sends: 6, untrackedSends: 6 },
		});
		expect(row(result, 'dark').explanation).toBe(
			'All 6 sends untracked (open tracking off or privacy-protected): engagement unknown, not zero → Null',
		);
		expect(row(result, 'cold')).toMatchObject({ score: 0, band: 'No engagement' });
		expect(result.account.contactsWithRawScore).toBe(2);
		// without the flags the same contact slides to 0
		const untagged = events.map(({ tracked, ...event }) => event);
		expect(row(scoreContacts(untagged, { model: 'decay', asOf: AS_OF }), 'dark')).toMatchObject({
			score: 0,
			band: 'No engagement',
		});
	});

	test('rates count tracked sends only: untracked sends leave numerator and denominator', () => {
		// 2 tracked sends, one opened (age 100 and 90 days), 4 untracked ones; decay = 1 − age/180
		const events = [
			...sends('mixed', 2, 100),
			ev('mixed', 'open', 99, { campaignId: 'k1' }),
			...sends('mixed', 4, 80, 'u'),
		];
		const result = scoreContacts(events, {
			model: 'decay',
			asOf: AS_OF,
			untrackedCampaigns: 'u1,u2,u3,u4',
			minEvents: 1,
		});
		const d1 = 1 - 100 / 180;
		const d2 = 1 - 90 / 180;
		expect(row(result, 'mixed').details).toMatchObject({
			sendsInWindow: 2,
			openedSends: 1,
			untrackedSends: 4,
		});
		expect(row(result, 'mixed').details.rawScore).toBeCloseTo(d1 / (3 * (d1 + d2)), 12);
	});
});

describe('machine opens only: privacy-protected sends are unknown (machineOpensAsUnknown)', () => {
	const events = [
		...sends('apple', 6, 100),
		...[1, 2, 3, 4, 5, 6].map((i) =>
			ev('apple', 'open', 100 - (i - 1) * 10, { campaignId: `k${i}`, machine: true }),
		),
		...sends('clicker', 6, 100),
		...[1, 2, 3, 4, 5, 6].map((i) =>
			ev('clicker', 'open', 100 - (i - 1) * 10, { campaignId: `k${i}`, machine: true }),
		),
		ev('clicker', 'click', 99, { campaignId: 'k1' }),
	];

	test('markMachineOnlySendsUntracked marks the sends answered only by machine opens', () => {
		const marked = markMachineOnlySendsUntracked(events);
		expect(marked).toHaveLength(events.length);
		const untracked = marked
			.filter((event) => event.tracked === false)
			.map((event) => `${event.contactId}/${event.campaignId}`);
		expect(untracked).toEqual([
			'apple/k1',
			'apple/k2',
			'apple/k3',
			'apple/k4',
			'apple/k5',
			'apple/k6',
			'clicker/k2',
			'clicker/k3',
			'clicker/k4',
			'clicker/k5',
			'clicker/k6',
		]);
		expect(events.some((event) => event.tracked === false)).toBe(false); // input untouched
	});

	test.each([
		['decay', 'Null', 'No engagement'],
		['klaviyoEngagement', 'Unknown', 'Unengaged'],
		['hubspotGraymail', 'Unknown', 'Not graymail'],
		['mailpoet', 'Unknown', 'Scored'],
		['mailchimpStars', 'Unknown', '2 stars'],
	])('%s: an all-Apple contact is unscored instead of disengaged', (model, withOption, without) => {
		const asUnknown = scoreContacts(events, { model, asOf: AS_OF, machineOpensAsUnknown: true });
		const plain = scoreContacts(events, { model, asOf: AS_OF });
		expect(row(asUnknown, 'apple').band).toBe(withOption);
		expect(row(plain, 'apple').band).toBe(without);
		expect(row(asUnknown, 'apple').score).toBeNull();
	});

	test('mailpoet rate over the measured sends: the clicker opened 1 of 1 tracked send', () => {
		const result = scoreContacts(events, {
			model: 'mailpoet',
			asOf: AS_OF,
			machineOpensAsUnknown: true,
			minSends: 1,
		});
		expect(row(result, 'clicker')).toMatchObject({
			score: 100,
			details: { sentInWindow: 1, untrackedInWindow: 5 },
		});
		expect(
			row(scoreContacts(events, { model: 'mailpoet', asOf: AS_OF }), 'clicker').score,
		).toBeCloseTo(100 / 6, 10);
	});
});

describe('event schema: tracked and ip', () => {
	test('field mapping reads tracked (booleans and yes/no words) and ip; bad values name the field', () => {
		const base = { email: 'ana@x.com', event: 'sent', at: '2026-11-01T10:00:00Z' };
		const mapping = {
			fields: {
				contactId: 'email',
				type: 'event',
				timestamp: 'at',
				tracked: 'openTracking',
				ip: 'addr',
			},
		};
		expect(
			normalizeEvent({ ...base, openTracking: 'no', addr: ' 40.94.1.1 ' }, mapping),
		).toMatchObject({
			tracked: false,
			ip: '40.94.1.1',
		});
		expect(normalizeEvent({ ...base, openTracking: true }, mapping)?.tracked).toBeUndefined();
		expect(() => normalizeEvent({ ...base, openTracking: 'maybe' }, mapping, 7)).toThrow(
			'event 7, field "tracked": tracked must be true or false, got "maybe"',
		);
		expect(() =>
			validateEvent({ contactId: 'a', type: 'sent', timestamp: 0, tracked: 'no' }, 3),
		).toThrow('event 3, field "tracked"');
	});
});
