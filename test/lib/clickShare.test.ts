import { scoreContacts } from '../../lib/scoreContacts';
import { CLICK_SHARE_BANDS, starsFor } from '../../lib/models/clickShare';
import type { CampaignKind, EngagementEvent } from '../../lib/events/types';
import type { ScoreResult } from '../../lib/models/types';

import { contactRow as row } from './scoringFixtures';

/** theMarketer's contact rating (seed 003) as DESIGN.md reads it; specs named after the seed's rules. */

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 9);
const AS_OF = Date.UTC(2026, 11, 31);

/** `campaigns` campaigns of one kind sent to every contact; contact i clicks the first clicks[i] of them. */
function campaignsWithClicks(
	clicks: Record<string, number>,
	campaigns: number,
	kind: CampaignKind = 'broadcast',
	prefix = 'nl',
): EngagementEvent[] {
	const events: EngagementEvent[] = [];
	for (let k = 0; k < campaigns; k++) {
		const campaignId = `${prefix}-${k}`;
		const sentAt = START + k * 7 * DAY;
		for (const [contactId, clicked] of Object.entries(clicks)) {
			const common = {
				contactId,
				campaignId,
				...(kind === 'broadcast' ? {} : { campaignKind: kind }),
			};
			events.push({ ...common, type: 'delivered', timestamp: sentAt });
			if (k < clicked) events.push({ ...common, type: 'click', timestamp: sentAt + 3_600_000 });
		}
	}
	return events;
}

function score(events: EngagementEvent[], options: Record<string, unknown> = {}): ScoreResult {
	return scoreContacts(events, { model: 'clickShare', asOf: AS_OF, ...options });
}

describe('clickShare — "Once you will have sent 10 newsletter campaigns using theMarketer"', () => {
	const clicks = Object.fromEntries(
		Array.from({ length: 11 }, (_, k) => [`clicked-${String(k).padStart(2, '0')}`, k]),
	);
	const result = score(campaignsWithClicks(clicks, 10));

	test('"never clicked on any campaign will stay at 0", "only one of them … 1-star", "two campaigns … 2-star"', () => {
		expect(row(result, 'clicked-00')).toMatchObject({ score: 0, band: '0 stars' });
		expect(row(result, 'clicked-01')).toMatchObject({ score: 1, band: '1 star' });
		expect(row(result, 'clicked-02')).toMatchObject({ score: 2, band: '2 stars' });
	});

	test('"three to five campaigns will have a 3-star rating"', () => {
		for (const k of [3, 4, 5]) expect(row(result, `clicked-0${k}`).band).toBe('3 stars');
	});

	test('"six to eight campaigns will have a 4-star rating"', () => {
		for (const k of [6, 7, 8]) expect(row(result, `clicked-0${k}`).band).toBe('4 stars');
	});

	test('"nine or all ten campaigns will have a 5-star rating"', () => {
		expect(row(result, 'clicked-09').band).toBe('5 stars');
		expect(row(result, 'clicked-10').band).toBe('5 stars');
	});

	test('the whole example in one line: 0,1,2,3,3,3,4,4,4,5,5 stars for 0..10 clicked campaigns', () => {
		expect(result.contacts.map((contact) => contact.score)).toEqual([
			0, 1, 2, 3, 3, 3, 4, 4, 4, 5, 5,
		]);
		expect(result.account).toMatchObject({ totalCampaigns: 10, campaignsInData: 10 });
	});

	test('the explanation gives the clicked campaigns, the total and the share', () => {
		expect(row(result, 'clicked-04').explanation).toBe(
			'Clicked 4 of 10 newsletter campaigns (40%) → 3 stars',
		);
		expect(row(result, 'clicked-04').details).toMatchObject({
			clickedCampaigns: 4,
			totalCampaigns: 10,
			share: 0.4,
		});
		expect(row(result, 'clicked-00').explanation).toContain('0 stars');
	});
});

describe('clickShare — star boundaries', () => {
	test('"2 stars: a minimum of two campaigns … but not more than 30%": with 100 campaigns, 2–29 → 2 stars, 30 → 3', () => {
		expect(starsFor(2, 100)).toBe(2);
		expect(starsFor(29, 100)).toBe(2);
		expect(starsFor(30, 100)).toBe(3);
	});

	test('"3 stars: 30% to 60%", "4 stars: 60% to 90%", "5 stars: more than 90%" (the example puts 60% in 4 and 90% in 5)', () => {
		expect(starsFor(59, 100)).toBe(3);
		expect(starsFor(60, 100)).toBe(4);
		expect(starsFor(89, 100)).toBe(4);
		expect(starsFor(90, 100)).toBe(5);
		// exact fractions, no rounding: 6 of 20 is exactly 30%, 18 of 20 exactly 90%
		expect(starsFor(6, 20)).toBe(3);
		expect(starsFor(18, 20)).toBe(5);
	});

	test('"1 star: the contact has clicked on a single campaign" even when that is all the campaigns', () => {
		expect(starsFor(1, 1)).toBe(1);
		expect(starsFor(1, 2)).toBe(1);
	});
});

describe('clickShare — "the interactions with automation emails are not taken into account"', () => {
	test('automation and transactional clicks do not count, and their campaigns are not in the total', () => {
		const events = [
			...campaignsWithClicks({ ana: 0, bo: 3 }, 10),
			...campaignsWithClicks({ ana: 3, bo: 3 }, 3, 'automation', 'flow'),
			...campaignsWithClicks({ ana: 2, bo: 2 }, 2, 'transactional', 'receipt'),
		];
		const result = score(events);
		expect(result.account.totalCampaigns).toBe(10);
		expect(row(result, 'ana')).toMatchObject({ score: 0, band: '0 stars' });
		expect(row(result, 'bo')).toMatchObject({ score: 3, band: '3 stars' });
	});
});

describe('clickShare — "out of all the campaigns you have ever sent"', () => {
	test('totalCampaigns overrides the count from the data', () => {
		const events = campaignsWithClicks({ ana: 6 }, 10);
		expect(row(score(events), 'ana').band).toBe('4 stars'); // 6 of 10
		expect(row(score(events, { totalCampaigns: 20 }), 'ana').band).toBe('3 stars'); // 6 of 20
		expect(score(events, { totalCampaigns: 20 }).account).toMatchObject({
			totalCampaigns: 20,
			campaignsInData: 10,
		});
		expect(() => score(events, { totalCampaigns: 0 })).toThrow(/totalCampaigns/);
	});

	test('several clicks on one campaign count once', () => {
		const events = campaignsWithClicks({ ana: 2 }, 10);
		events.push({ contactId: 'ana', type: 'click', campaignId: 'nl-0', timestamp: START + DAY });
		events.push({
			contactId: 'ana',
			type: 'click',
			campaignId: 'nl-1',
			timestamp: START + 8 * DAY,
		});
		expect(row(score(events), 'ana').details.clickedCampaigns).toBe(2);
	});

	test('"By default, all new contacts in your audience will have a 0-star contact rating"', () => {
		const events = [
			...campaignsWithClicks({ ana: 3 }, 5),
			{ contactId: 'new', type: 'subscribe' as const, timestamp: AS_OF - DAY },
		];
		expect(row(score(events), 'new')).toMatchObject({ score: 0, band: '0 stars' });
	});

	test('a clicked broadcast campaign counts as sent even when its send events are missing', () => {
		const events: EngagementEvent[] = [
			{ contactId: 'ana', type: 'click', campaignId: 'only-clicks', timestamp: START },
			...campaignsWithClicks({ bo: 0 }, 1),
		];
		expect(score(events).account.totalCampaigns).toBe(2);
	});

	test('events after asOf are ignored', () => {
		const events = campaignsWithClicks({ ana: 10 }, 10);
		const result = score(events, { asOf: START + 3 * 7 * DAY - DAY }); // campaigns 0, 1, 2 sent by then
		expect(result.account.totalCampaigns).toBe(3);
		expect(row(result, 'ana').details.clickedCampaigns).toBe(3);
	});

	test('labels are exactly 0 stars, 1 star, 2 stars … 5 stars', () => {
		expect(CLICK_SHARE_BANDS).toEqual([
			'0 stars',
			'1 star',
			'2 stars',
			'3 stars',
			'4 stars',
			'5 stars',
		]);
	});
});
