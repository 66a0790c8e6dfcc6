import { createAsOfCalendar } from './asOfCalendar';
import { capitalise, plural } from './explanationText';
import { readNumberParameter, readUntrackedCampaigns } from './modelParameters';
import {
	collectHistories,
	countBands,
	dateOrNull,
	isUnmeasured,
	trackedSends,
} from './presetHistory';
import type { ContactScore, ScoringModel } from './types';

/**
 * hubspotGraymail — HubSpot's graymail suppression rule as a model (issue 9, peers.md §2).
 *
 * Source (HubSpot knowledge base, "graymail suppression"): contacts are suppressed when they have "never engaged and
 * no engagement with the last 11 emails" or "previously engaged and no engagement with the last 16 emails", using the
 * contact property "Sends since last engagement".
 *
 * Reading: sends are the contact's tracked marketing sends (broadcast and automation; transactional and untracked
 * left out) in time order; a send is engaged when the contact opened or clicked its campaign at or after it.
 * `score` = sends since last engagement = tracked sends after the last engaged send (all of them when none was
 * engaged). Bands: `Unknown` (every send untracked, no open or click) → `Graymail` (never engaged and
 * score ≥ neverEngagedSends, or previously engaged and score ≥ previouslyEngagedSends) → `Not graymail`.
 * Parameters: neverEngagedSends 11, previouslyEngagedSends 16, untrackedCampaigns.
 */
export const HUBSPOT_GRAYMAIL_DEFAULTS = {
	neverEngagedSends: 11,
	previouslyEngagedSends: 16,
} as const;

export const HUBSPOT_GRAYMAIL_BANDS = ['Not graymail', 'Graymail', 'Unknown'] as const;

export const hubspotGraymail: ScoringModel = (events, parameters, context) => {
	const p = {
		neverEngagedSends: readNumberParameter(
			parameters,
			'neverEngagedSends',
			HUBSPOT_GRAYMAIL_DEFAULTS.neverEngagedSends,
		),
		previouslyEngagedSends: readNumberParameter(
			parameters,
			'previouslyEngagedSends',
			HUBSPOT_GRAYMAIL_DEFAULTS.previouslyEngagedSends,
		),
	};
	const calendar = createAsOfCalendar(context.asOf, context.timezone);
	const histories = collectHistories(events, context.asOf, readUntrackedCampaigns(parameters));
	const contacts: ContactScore[] = histories.map((history) => {
		const sends = trackedSends(history);
		let lastEngaged = -1;
		for (let i = 0; i < sends.length; i++) if (sends[i].engagedAt !== Infinity) lastEngaged = i;
		const sendsSince = sends.length - 1 - lastEngaged;
		const everEngaged = lastEngaged >= 0;
		const limit = everEngaged ? p.previouslyEngagedSends : p.neverEngagedSends;
		const details = {
			sendsSinceLastEngagement: sendsSince,
			trackedSends: sends.length,
			untrackedSends: history.sends.length - sends.length,
			everEngaged,
			lastEngagedSendDate: everEngaged ? dateOrNull(sends[lastEngaged].time, calendar) : null,
			limit,
		};
		const since = everEngaged
			? `${plural(sendsSince, 'send')} since the last engaged one (${details.lastEngagedSendDate})`
			: `never engaged with any of ${plural(sendsSince, 'send')}`;
		if (isUnmeasured(history)) {
			return {
				contactId: history.contactId,
				score: null,
				band: 'Unknown',
				explanation: `All ${plural(history.sends.length, 'send')} untracked and no open or click seen → Unknown, not Graymail`,
				details: { rule: 'untracked', ...details },
			};
		}
		const graymail = sendsSince >= limit;
		const who = everEngaged ? 'previously engaged' : 'never engaged';
		return {
			contactId: history.contactId,
			score: sendsSince,
			band: graymail ? 'Graymail' : 'Not graymail',
			explanation: `${capitalise(since)}; ${who} limit ${limit} → ${graymail ? 'Graymail' : 'Not graymail'}`,
			details: {
				rule: graymail
					? everEngaged
						? 'previouslyEngagedLimit'
						: 'neverEngagedLimit'
					: 'belowLimit',
				...details,
			},
		};
	});
	return {
		contacts,
		account: {
			model: 'hubspotGraymail',
			asOf: new Date(context.asOf).toISOString(),
			timezone: context.timezone,
			contacts: contacts.length,
			bandCounts: countBands(
				HUBSPOT_GRAYMAIL_BANDS,
				contacts.map((c) => c.band),
			),
			parameters: p,
		},
	};
};
