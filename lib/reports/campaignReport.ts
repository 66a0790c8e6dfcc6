import { EngagementInputError } from '../errors';
import type { CampaignKind } from '../events/types';
import { calendarDate, calendarDayCounter, MS_PER_DAY } from '../time';
import { inPeriod, resolvePeriod, resolveZone } from './period';
import { eventTime, isDroppedMachineEvent, isSend } from './readEvent';
import type {
	CampaignReport,
	CampaignReportOptions,
	CampaignRow,
	CampaignStatRow,
	CampaignUserRow,
	ReportEvent,
	ResolvedPeriod,
} from './types';

/** One contact's events for one campaign, times in epoch ms. */
interface ContactCampaignEvents {
	sends: number[];
	opens: number[] | null;
	clicks: number[] | null;
}

interface CampaignEvents {
	kind: CampaignKind | undefined;
	name: string | undefined;
	state: string | undefined;
	byContact: Map<string, ContactCampaignEvents>;
}

interface Goal {
	time: number;
	/** Only this campaign can claim the goal; undefined = any campaign the contact qualifies for. */
	campaignId: string | undefined;
}

/** What one contact did for one campaign, by the Channel Talk rules; null = did not happen (or did not count). */
interface ContactOutcome {
	userId: string;
	/** Sorted. */
	sends: number[];
	view: number | null;
	click: number | null;
	goal: number | null;
}

interface Windows {
	view: number;
	goal: number;
	goalAfterView: number;
	clickCountsAsView: boolean;
}

/**
 * Channel Talk's marketing performance analytics (seed 001): per campaign, per day and per contact, how many were
 * sent, viewed, clicked and reached the goal.
 *
 * - Sent: "A number of customers who received the message" — contacts with a `sent` or `delivered` event.
 * - Viewed: "A view only counts within a week from when the message was sent to the customer" — the contact's first
 *   open at most `viewWindowDays` × 24 h after their (latest earlier) send.
 * - Clicked: contacts who clicked at or after their send.
 * - Goal: "Goals measures goals achieved for up to 30 days after the message is sent. Targets that have not been viewed
 *   by customers or achieved within a week of viewing the marketing message are excluded" — the first goal event
 *   (`conversion`) at most `goalWindowDays` after the send, by a contact who viewed, at most `goalAfterViewDays` after
 *   the view. A goal event carrying a `campaignId` counts for that campaign only; one without counts for every campaign
 *   that qualifies.
 * - CampaignStat: "Shows the entire duration of the campaign per day" — one row per calendar day in `timezone` from the
 *   campaign's first send to its last counted event, days without activity included.
 *
 * With a period (preset or from/to) each figure counts what happened inside it, so the campaign totals equal the sum
 * of the daily rows and the number of non-null times in the user rows. Campaigns of the `wholeCampaignKinds` are
 * reported over their entire duration, as Channel Talk's data download does.
 */
export function buildCampaignReport(
	events: Iterable<ReportEvent>,
	options: CampaignReportOptions = {},
): CampaignReport {
	const zone = resolveZone(options.timezone);
	const period = resolvePeriod({ ...options, timezone: zone });
	const windows: Windows = {
		view: windowMillis(options.viewWindowDays, 7, 'viewWindowDays'),
		goal: windowMillis(options.goalWindowDays, 30, 'goalWindowDays'),
		goalAfterView: windowMillis(options.goalAfterViewDays, 7, 'goalAfterViewDays'),
		clickCountsAsView: options.clickCountsAsView === true,
	};
	const goalTypes = new Set<string>(options.goalTypes ?? ['conversion']);
	const wholeKinds = new Set<string>(options.wholeCampaignKinds ?? []);

	const { campaigns, goals } = collect(events, zone, goalTypes, options.excludeMachine !== false);

	const dayNumber = calendarDayCounter(zone);
	const report: CampaignReport = { campaigns: [], daily: [], users: [] };
	for (const campaignId of [...campaigns.keys()].sort(byCodeUnits)) {
		const campaign = campaigns.get(campaignId) as CampaignEvents;
		const outcomes = contactOutcomes(campaignId, campaign, goals, windows);
		if (outcomes.length === 0) continue;
		const whole = wholeKinds.has(campaign.kind ?? 'broadcast');
		const counted = whole ? outcomes : outcomes.map((outcome) => sliceToPeriod(outcome, period));
		const users = counted.filter(hasActivity);
		if (users.length === 0) continue;

		report.campaigns.push(campaignRow(campaignId, campaign, outcomes, users));
		report.daily.push(...dailyRows(campaignId, outcomes, users, whole ? null : period, dayNumber));
		for (const user of users) report.users.push(userRow(campaignId, user));
	}
	return report;
}

function windowMillis(days: number | undefined, fallback: number, field: string): number {
	const value = days ?? fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new EngagementInputError(`must be a number of days, 0 or more (got ${String(days)})`, {
			field,
		});
	}
	return value * MS_PER_DAY;
}

function collect(
	events: Iterable<ReportEvent>,
	zone: string,
	goalTypes: ReadonlySet<string>,
	excludeMachine: boolean,
): { campaigns: Map<string, CampaignEvents>; goals: Map<string, Goal[]> } {
	const campaigns = new Map<string, CampaignEvents>();
	const goals = new Map<string, Goal[]>();
	let index = 0;
	for (const event of events) {
		const time = eventTime(event, index++, zone);
		const type = event.type;
		if (goalTypes.has(type)) {
			pushTo(goals, event.contactId, { time, campaignId: event.campaignId || undefined });
			continue;
		}
		const campaignId = event.campaignId;
		if (!campaignId || isDroppedMachineEvent(event, excludeMachine)) continue;
		if (!isSend(type) && type !== 'open' && type !== 'click') continue;

		let campaign = campaigns.get(campaignId);
		if (campaign === undefined) {
			campaign = { kind: undefined, name: undefined, state: undefined, byContact: new Map() };
			campaigns.set(campaignId, campaign);
		}
		noteCampaignDetails(campaign, event);
		let contact = campaign.byContact.get(event.contactId);
		if (contact === undefined) {
			contact = { sends: [], opens: null, clicks: null };
			campaign.byContact.set(event.contactId, contact);
		}
		if (type === 'open') (contact.opens ??= []).push(time);
		else if (type === 'click') (contact.clicks ??= []).push(time);
		else contact.sends.push(time);
	}
	for (const list of goals.values()) list.sort((a, b) => a.time - b.time);
	return { campaigns, goals };
}

function noteCampaignDetails(campaign: CampaignEvents, event: ReportEvent): void {
	campaign.kind ??= event.campaignKind;
	if (campaign.name === undefined && event.campaignName) campaign.name = event.campaignName;
	if (campaign.state === undefined && event.campaignState) campaign.state = event.campaignState;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key);
	if (list === undefined) map.set(key, [value]);
	else list.push(value);
}

function contactOutcomes(
	campaignId: string,
	campaign: CampaignEvents,
	goals: ReadonlyMap<string, Goal[]>,
	windows: Windows,
): ContactOutcome[] {
	const outcomes: ContactOutcome[] = [];
	for (const [userId, contact] of campaign.byContact) {
		if (contact.sends.length === 0) continue;
		const sends = sortTimes(contact.sends);
		const opens = contact.opens === null ? null : sortTimes(contact.opens);
		const clicks = contact.clicks === null ? null : sortTimes(contact.clicks);
		let view = firstWithinWindow(opens, sends, windows.view);
		if (windows.clickCountsAsView)
			view = earliest(view, firstWithinWindow(clicks, sends, windows.view));
		const click = firstWithinWindow(clicks, sends, Infinity);
		const goal =
			view === null ? null : firstGoal(goals.get(userId), campaignId, sends, view, windows);
		outcomes.push({ userId, sends, view, click, goal });
	}
	return outcomes.sort((a, b) => byCodeUnits(a.userId, b.userId));
}

function sortTimes(times: number[]): number[] {
	return times.length > 1 ? times.sort((a, b) => a - b) : times;
}

function earliest(a: number | null, b: number | null): number | null {
	if (a === null) return b;
	if (b === null) return a;
	return Math.min(a, b);
}

/** Index of the latest send at or before `time`, or -1. `sends` sorted. */
function latestSendIndex(sends: readonly number[], time: number): number {
	let low = 0;
	let high = sends.length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (sends[middle] <= time) {
			found = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	return found;
}

/** The first of `times` (sorted) that falls at most `window` ms after the latest send before it. */
function firstWithinWindow(
	times: readonly number[] | null,
	sends: readonly number[],
	window: number,
): number | null {
	if (times === null) return null;
	for (const time of times) {
		const send = latestSendIndex(sends, time);
		if (send >= 0 && time - sends[send] <= window) return time;
	}
	return null;
}

function firstGoal(
	goals: readonly Goal[] | undefined,
	campaignId: string,
	sends: readonly number[],
	view: number,
	windows: Windows,
): number | null {
	if (goals === undefined) return null;
	for (const goal of goals) {
		if (goal.time < view) continue;
		if (goal.time - view > windows.goalAfterView) break;
		if (goal.campaignId !== undefined && goal.campaignId !== campaignId) continue;
		const send = latestSendIndex(sends, goal.time);
		if (send >= 0 && goal.time - sends[send] <= windows.goal) return goal.time;
	}
	return null;
}

function sliceToPeriod(outcome: ContactOutcome, period: ResolvedPeriod): ContactOutcome {
	const keep = (time: number | null): number | null =>
		time !== null && inPeriod(time, period) ? time : null;
	return {
		userId: outcome.userId,
		sends: outcome.sends.filter((time) => inPeriod(time, period)),
		view: keep(outcome.view),
		click: keep(outcome.click),
		goal: keep(outcome.goal),
	};
}

function hasActivity(outcome: ContactOutcome): boolean {
	return (
		outcome.sends.length > 0 ||
		outcome.view !== null ||
		outcome.click !== null ||
		outcome.goal !== null
	);
}

function campaignRow(
	campaignId: string,
	campaign: CampaignEvents,
	all: readonly ContactOutcome[],
	counted: readonly ContactOutcome[],
): CampaignRow {
	let firstSend = Infinity;
	let lastSend = -Infinity;
	for (const outcome of all) {
		firstSend = Math.min(firstSend, outcome.sends[0]);
		lastSend = Math.max(lastSend, outcome.sends[outcome.sends.length - 1]);
	}
	const row: CampaignRow = {
		campaignId,
		sent: 0,
		view: 0,
		click: 0,
		goal: 0,
		startAt: null,
		endAt: null,
	};
	if (campaign.name !== undefined) row.name = campaign.name;
	if (campaign.state !== undefined) row.state = campaign.state;
	for (const outcome of counted) {
		if (outcome.sends.length > 0) row.sent++;
		if (outcome.view !== null) row.view++;
		if (outcome.click !== null) row.click++;
		if (outcome.goal !== null) row.goal++;
	}
	row.startAt = new Date(firstSend).toISOString();
	row.endAt = new Date(lastSend).toISOString();
	return row;
}

/**
 * One row per calendar day from the campaign's first send to its last counted event (cut to the period when given).
 * `sent` counts the contacts sent to that day; a contact sent on two days counts on both.
 */
function dailyRows(
	campaignId: string,
	all: readonly ContactOutcome[],
	counted: readonly ContactOutcome[],
	period: ResolvedPeriod | null,
	dayNumber: (millis: number) => number,
): CampaignStatRow[] {
	let first = Infinity;
	let last = -Infinity;
	for (const outcome of all) {
		first = Math.min(first, outcome.sends[0]);
		last = Math.max(last, outcome.sends[outcome.sends.length - 1]);
		for (const time of [outcome.view, outcome.click, outcome.goal]) {
			if (time !== null && time > last) last = time;
		}
	}
	let firstDay = dayNumber(first);
	let lastDay = dayNumber(last);
	if (period !== null) {
		if (period.from !== null) firstDay = Math.max(firstDay, dayNumber(period.from));
		if (period.to !== null) lastDay = Math.min(lastDay, dayNumber(period.to - 1));
	}
	const rows: CampaignStatRow[] = [];
	for (let day = firstDay; day <= lastDay; day++) {
		rows.push({
			campaignId,
			date: calendarDate(day * MS_PER_DAY),
			sent: 0,
			view: 0,
			click: 0,
			goal: 0,
		});
	}
	const rowOf = (time: number): CampaignStatRow => rows[dayNumber(time) - firstDay];
	for (const outcome of counted) {
		let previousDay = NaN;
		for (const send of outcome.sends) {
			const day = dayNumber(send);
			if (day !== previousDay) rowOf(send).sent++;
			previousDay = day;
		}
		if (outcome.view !== null) rowOf(outcome.view).view++;
		if (outcome.click !== null) rowOf(outcome.click).click++;
		if (outcome.goal !== null) rowOf(outcome.goal).goal++;
	}
	return rows;
}

function userRow(campaignId: string, outcome: ContactOutcome): CampaignUserRow {
	return {
		campaignId,
		userId: outcome.userId,
		sent: outcome.sends.length > 0 ? new Date(outcome.sends[0]).toISOString() : null,
		view: isoOrNull(outcome.view),
		click: isoOrNull(outcome.click),
		goal: isoOrNull(outcome.goal),
	};
}

function isoOrNull(time: number | null): string | null {
	return time === null ? null : new Date(time).toISOString();
}

function byCodeUnits(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
