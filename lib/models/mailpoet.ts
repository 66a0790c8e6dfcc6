import { DateTime } from 'luxon';

import { EngagementInputError } from '../errors';
import { createAsOfCalendar } from './asOfCalendar';
import { formatNumber, plural } from './explanationText';
import { readNumberParameter, readUntrackedCampaigns } from './modelParameters';
import { collectHistories, countBands, dateOrNull } from './presetHistory';
import type { ContactScore, ScoringModel } from './types';

/**
 * mailpoet — MailPoet's subscriber engagement score (issue 9, peers.md §2).
 *
 * Source (mailpoet/mailpoet, `StatisticsOpensRepository::recalculateSubscriberScore`): `$dateTime = (new Carbon())
 * ->subYear()`; sent = `count(DISTINCT statisticsNewsletter.newsletter)` with `sentAt > :dateTime`;
 * `if ($newslettersSentCount < 3) return` (the score stays null); opens = `count(DISTINCT opens.newsletter)` opened after
 * `:dateTime`; `$score = ($opens / $newslettersSentCount) * 100`.
 *
 * Reading: sent = the contact's non-transactional sends (one per campaign) later than asOf minus `months` (12)
 * calendar months, in `timezone`, tracked only; opened = those of them the contact opened or clicked (MailPoet records
 * an open with every click) at or after the send. With fewer than `minSends` (3) such sends the score is null:
 * band `Unknown`. Otherwise score = opened ÷ sent × 100, band `Scored` (bin it with Assign Band). Opens flagged machine
 * are left out unless `excludeMachine: false`, as MailPoet does when machine opens are shown apart.
 * Parameters: months 12, minSends 3, untrackedCampaigns.
 */
export const MAILPOET_DEFAULTS = { months: 12, minSends: 3 } as const;

export const MAILPOET_BANDS = ['Scored', 'Unknown'] as const;

export const mailpoet: ScoringModel = (events, parameters, context) => {
	const months = readNumberParameter(parameters, 'months', MAILPOET_DEFAULTS.months);
	const minSends = readNumberParameter(parameters, 'minSends', MAILPOET_DEFAULTS.minSends);
	if (!Number.isInteger(months))
		throw new EngagementInputError('must be a whole number', { field: 'months' });
	const calendar = createAsOfCalendar(context.asOf, context.timezone);
	const since = DateTime.fromMillis(context.asOf, { zone: context.timezone })
		.minus({ months })
		.toMillis();
	const sinceText = calendar.isoInstant(since);
	const histories = collectHistories(events, context.asOf, readUntrackedCampaigns(parameters));
	const contacts: ContactScore[] = histories.map((history) => {
		let sent = 0;
		let untracked = 0;
		let opened = 0;
		for (const send of history.sends) {
			if (send.time <= since) continue;
			if (!send.tracked) {
				untracked++;
				continue;
			}
			sent++;
			if (send.engagedAt !== Infinity) opened++;
		}
		const details = {
			sentInWindow: sent,
			openedInWindow: opened,
			untrackedInWindow: untracked,
			windowStart: sinceText,
			lastSendDate:
				history.sends.length > 0
					? dateOrNull(history.sends[history.sends.length - 1].time, calendar)
					: null,
		};
		if (sent < minSends) {
			const untrackedText =
				untracked > 0 ? ` (${plural(untracked, 'untracked send')} not counted)` : '';
			return {
				contactId: history.contactId,
				score: null,
				band: 'Unknown',
				explanation: `${plural(sent, 'tracked email')} sent in the last ${months} months${untrackedText}, fewer than ${minSends} → no score`,
				details: {
					rule: untracked > 0 && sent === 0 ? 'untracked' : 'fewerThanMinSends',
					...details,
				},
			};
		}
		const score = (opened / sent) * 100;
		return {
			contactId: history.contactId,
			score,
			band: 'Scored',
			explanation: `${opened} of ${sent} emails sent in the last ${months} months opened → score ${formatNumber(score)}%`,
			details: { rule: 'opensOverSent', ...details },
		};
	});
	let sum = 0;
	let scored = 0;
	for (const contact of contacts) {
		if (contact.score === null) continue;
		sum += contact.score;
		scored++;
	}
	return {
		contacts,
		account: {
			model: 'mailpoet',
			asOf: new Date(context.asOf).toISOString(),
			timezone: context.timezone,
			windowStart: sinceText,
			contacts: contacts.length,
			averageScore: scored > 0 ? sum / scored : null,
			bandCounts: countBands(
				MAILPOET_BANDS,
				contacts.map((c) => c.band),
			),
			parameters: { months, minSends },
		},
	};
};
