import { createAsOfCalendar } from './asOfCalendar';
import { plural } from './explanationText';
import { readNumberParameter, readUntrackedCampaigns } from './modelParameters';
import {
	collectHistories,
	countBands,
	countWithinDays,
	daysSinceLatest,
	isUnmeasured,
	opensOrClicks,
	trackedSends,
} from './presetHistory';
import type { ContactScore, ScoringModel } from './types';

/**
 * klaviyoEngagement — Klaviyo's engaged / unengaged segment definitions as a model (issue 9, peers.md §2).
 *
 * Source (Klaviyo help centre, "engaged segment", article 115000200072): "opened or clicked at least once in the last
 * 30 days … OR subscribed in the last 15 days" (lengthen to 60–90 days for weekly or monthly senders).
 * Source ("unengaged segment", article 32826141659675): "received email at least 5 times over all time AND opened
 * email zero times in the last 90 days AND clicked email zero times in the last 90 days".
 *
 * Bands, first match wins: `Engaged` (an open or click ≤ engagedDays calendar days ago, or the last subscribe
 * ≤ subscribedDays ago) → `Unknown` (every send untracked and no open or click: we cannot tell) → `Unengaged`
 * (≥ minReceived tracked sends over all time and no open or click in unengagedDays) → `Neither`.
 * `score`: 2 Engaged, 1 Neither, 0 Unengaged, null Unknown. Days are calendar days in `timezone` (0 = asOf's date),
 * "in the last 30 days" read as "30 or fewer days ago", like the recency models. Opens flagged machine (Apple privacy
 * opens) are left out unless `excludeMachine: false`; transactional mail is left out.
 * Parameters: engagedDays 30, subscribedDays 15, unengagedDays 90, minReceived 5, untrackedCampaigns.
 */
export const KLAVIYO_ENGAGEMENT_DEFAULTS = {
	engagedDays: 30,
	subscribedDays: 15,
	unengagedDays: 90,
	minReceived: 5,
} as const;

export const KLAVIYO_ENGAGEMENT_BANDS = ['Engaged', 'Neither', 'Unengaged', 'Unknown'] as const;

export const klaviyoEngagement: ScoringModel = (events, parameters, context) => {
	const p = {
		engagedDays: readNumberParameter(
			parameters,
			'engagedDays',
			KLAVIYO_ENGAGEMENT_DEFAULTS.engagedDays,
		),
		subscribedDays: readNumberParameter(
			parameters,
			'subscribedDays',
			KLAVIYO_ENGAGEMENT_DEFAULTS.subscribedDays,
		),
		unengagedDays: readNumberParameter(
			parameters,
			'unengagedDays',
			KLAVIYO_ENGAGEMENT_DEFAULTS.unengagedDays,
		),
		minReceived: readNumberParameter(
			parameters,
			'minReceived',
			KLAVIYO_ENGAGEMENT_DEFAULTS.minReceived,
		),
	};
	const calendar = createAsOfCalendar(context.asOf, context.timezone);
	const histories = collectHistories(events, context.asOf, readUntrackedCampaigns(parameters));
	const contacts: ContactScore[] = histories.map((history) => {
		const received = trackedSends(history).length;
		const daysSinceOpen = daysSinceLatest(history.opens, calendar);
		const daysSinceSubscribe = daysSinceLatest(
			[history.lastSubscribe].filter(Number.isFinite),
			calendar,
		);
		const engagedRecently = countWithinDays(history.opens, p.engagedDays, calendar);
		const quietWindow = countWithinDays(history.opens, p.unengagedDays, calendar);
		const details = {
			received,
			untrackedSends: history.sends.length - received,
			opensOrClicksInEngagedDays: engagedRecently,
			opensOrClicksInUnengagedDays: quietWindow,
			daysSinceLastOpenOrClick: daysSinceOpen,
			daysSinceSubscribed: daysSinceSubscribe,
		};
		const lastOpenText =
			daysSinceOpen === null
				? 'never opened or clicked'
				: `last opened or clicked ${daysSinceOpen} days ago`;
		if (engagedRecently > 0) {
			return row(
				'Engaged',
				2,
				'openedOrClickedRecently',
				`${opensOrClicks(engagedRecently)} in the last ${p.engagedDays} days (${lastOpenText}) → Engaged`,
			);
		}
		if (daysSinceSubscribe !== null && daysSinceSubscribe <= p.subscribedDays) {
			return row(
				'Engaged',
				2,
				'subscribedRecently',
				`Subscribed ${daysSinceSubscribe} days ago (≤ ${p.subscribedDays}) → Engaged`,
			);
		}
		if (isUnmeasured(history)) {
			return row(
				'Unknown',
				null,
				'untracked',
				`All ${plural(history.sends.length, 'send')} untracked (no open tracking) and no open or click seen → Unknown, not Unengaged`,
			);
		}
		if (received >= p.minReceived && quietWindow === 0) {
			return row(
				'Unengaged',
				0,
				'receivedWithoutEngagement',
				`Received ${received} tracked emails (≥ ${p.minReceived}) and no open or click in the last ${p.unengagedDays} days (${lastOpenText}) → Unengaged`,
			);
		}
		const why =
			received < p.minReceived
				? `only ${received} tracked emails received (< ${p.minReceived})`
				: `${opensOrClicks(quietWindow)} in the last ${p.unengagedDays} days but none in ${p.engagedDays}`;
		return row(
			'Neither',
			1,
			'neither',
			`Not engaged in the last ${p.engagedDays} days and ${why} → Neither`,
		);

		function row(
			band: string,
			score: number | null,
			rule: string,
			explanation: string,
		): ContactScore {
			return {
				contactId: history.contactId,
				score,
				band,
				explanation,
				details: { rule, ...details },
			};
		}
	});
	return {
		contacts,
		account: {
			model: 'klaviyoEngagement',
			asOf: new Date(context.asOf).toISOString(),
			timezone: context.timezone,
			contacts: contacts.length,
			bandCounts: countBands(
				KLAVIYO_ENGAGEMENT_BANDS,
				contacts.map((c) => c.band),
			),
			parameters: p,
		},
	};
};
