import { plural } from './explanationText';
import { readUntrackedCampaigns } from './modelParameters';
import { createAsOfCalendar } from './asOfCalendar';
import { collectHistories, countBands, dateOrNull, isUnmeasured } from './presetHistory';
import type { ContactHistory } from './presetHistory';
import type { ContactScore, ScoringModel } from './types';

/**
 * mailchimpStars — a Mailchimp-style contact rating, 1 to 5 stars (issue 9, peers.md §2).
 *
 * Source (Mailchimp help, "About contact ratings"): "everyone starts at 0 = 2★"; the older KB maps the internal scale
 * as "1★ = −5…−1, 2★ = 0, 3★ = 1, 4★ = 2–5, 5★ = 6–10"; the current text: "we measure their click activity against
 * your send frequency", recalculated on every send, "regular and A/B emails only (not automations)"; the negative range
 * is for bounces and complaints, and "if a contact with a positive rating hard-bounces, the score resets to 0"
 * (blog.mailchimp.com/member-rating).
 *
 * Mailchimp does not publish the formula; our reading, on that 16-point scale (−5 … 10):
 * - received = broadcast campaigns sent to the contact with tracking on, plus broadcast campaigns the contact clicked
 *   (a click proves the send was measured); clicked = distinct broadcast campaigns clicked;
 * - points = round(10 · clicked / received), halves up (0 when nothing was received): clicks against send frequency;
 * - a complaint ever → −5; a bounce after the last click: positive points reset to 0, otherwise −1;
 * - stars: ≤ −1 → 1, 0 → 2, 1 → 3, 2–5 → 4, 6–10 → 5. So a click rate under 5 % is 2★, 5–14.9 % 3★,
 *   15–54.9 % 4★, 55 % and more 5★.
 * `score` = stars (1–5); bands `1 star` … `5 stars`, and `Unknown` (score null) when every send was untracked and
 * nothing was clicked. Parameter: untrackedCampaigns.
 */
export const MAILCHIMP_STARS_BANDS = [
	'1 star',
	'2 stars',
	'3 stars',
	'4 stars',
	'5 stars',
	'Unknown',
] as const;

/** Stars of an internal rating on Mailchimp's 16-point scale (−5 … 10). */
export function mailchimpStarsFor(points: number): number {
	if (points <= -1) return 1;
	if (points === 0) return 2;
	if (points === 1) return 3;
	if (points <= 5) return 4;
	return 5;
}

/** round(10 · clicked / received), halves up, in exact integer arithmetic. */
export function mailchimpClickPoints(clicked: number, received: number): number {
	if (received <= 0) return 0;
	return Math.min(10, Math.floor((20 * clicked + received) / (2 * received)));
}

export const mailchimpStars: ScoringModel = (events, parameters, context) => {
	const calendar = createAsOfCalendar(context.asOf, context.timezone);
	const histories = collectHistories(events, context.asOf, readUntrackedCampaigns(parameters));
	const contacts: ContactScore[] = histories.map((history) => {
		const received = receivedBroadcasts(history);
		const clicked = history.clickedBroadcasts.size;
		const clickPoints = mailchimpClickPoints(clicked, received);
		const complained = Number.isFinite(history.lastComplaint);
		const bouncedSinceClick =
			Number.isFinite(history.lastBounce) && history.lastBounce > history.lastClick;
		const points = complained ? -5 : bouncedSinceClick ? (clickPoints > 0 ? 0 : -1) : clickPoints;
		const stars = mailchimpStarsFor(points);
		const details = {
			points,
			clickPoints,
			clickedCampaigns: clicked,
			receivedCampaigns: received,
			clickRate: received > 0 ? clicked / received : null,
			complained,
			bouncedSinceLastClick: bouncedSinceClick,
			lastClickDate: dateOrNull(history.lastClick, calendar),
		};
		if (isUnmeasured(history)) {
			return {
				contactId: history.contactId,
				score: null,
				band: 'Unknown',
				explanation: `All ${plural(history.sends.length, 'send')} untracked and no click seen → Unknown, not 2 stars`,
				details: { rule: 'untracked', ...details },
			};
		}
		const band = stars === 1 ? '1 star' : `${stars} stars`;
		const clicks = `Clicked ${clicked} of ${received} campaigns received (${received > 0 ? Math.round((100 * clicked) / received) : 0}%) → ${pointsText(clickPoints)}`;
		let rule = 'clickRate';
		let explanation = `${clicks} → ${band}`;
		if (complained) {
			rule = 'complaint';
			explanation = `Marked an email as spam → −5 points → ${band}`;
		} else if (bouncedSinceClick) {
			rule = clickPoints > 0 ? 'bounceReset' : 'bounce';
			explanation = `${clicks}; bounced on ${dateOrNull(history.lastBounce, calendar)} after the last click → ${pointsText(points)} → ${band}`;
		} else if (received === 0) {
			rule = 'noCampaigns';
			explanation = 'No campaign received yet: everyone starts at 0 points → 2 stars';
		}
		return {
			contactId: history.contactId,
			score: stars,
			band,
			explanation,
			details: { rule, ...details },
		};
	});
	let starSum = 0;
	let rated = 0;
	for (const contact of contacts) {
		if (contact.score === null) continue;
		starSum += contact.score;
		rated++;
	}
	return {
		contacts,
		account: {
			model: 'mailchimpStars',
			asOf: new Date(context.asOf).toISOString(),
			contacts: contacts.length,
			averageScore: rated > 0 ? starSum / rated : null,
			bandCounts: countBands(
				MAILCHIMP_STARS_BANDS,
				contacts.map((c) => c.band),
			),
		},
	};
};

function receivedBroadcasts(history: ContactHistory): number {
	const campaigns = new Set(history.clickedBroadcasts);
	let withoutCampaign = 0;
	for (const send of history.sends) {
		if (send.kind !== 'broadcast' || !send.tracked) continue;
		if (send.campaignId === undefined) withoutCampaign++;
		else campaigns.add(send.campaignId);
	}
	return campaigns.size + withoutCampaign;
}

function pointsText(points: number): string {
	return `${points < 0 ? '−' : ''}${plural(Math.abs(points), 'point')}`;
}
