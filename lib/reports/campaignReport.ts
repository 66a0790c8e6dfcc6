import { EngagementInputError } from '../errors';
import { prepareEventColumns } from '../events/eventColumns';
import { markMachineEvents } from '../events/filterMachineEvents';
import type { EventColumns, SourcedEventColumns } from '../events/eventColumns';
import { stringOrder } from '../events/stringOrder';
import { CAMPAIGN_KINDS } from '../events/types';
import { MS_PER_DAY, calendarDate, calendarDayCounter, resolveZone } from '../time';
import { eventRoles, NO_ROLE, OPEN, OUTCOME, SEND } from './eventRoles';
import { resolvePeriod } from './period';
import type {
	CampaignReport,
	CampaignReportOptions,
	CampaignRow,
	CampaignSheet,
	ReportEvent,
} from './types';

/** A campaign's daily sheet is refused beyond a century: such a span means a broken timestamp, not a campaign. */
const MAX_DAILY_ROWS = 36_525;

type CampaignIdentity = Pick<CampaignRow, 'campaignId' | 'name' | 'state'>;

interface Windows {
	view: number;
	goal: number;
	goalAfterView: number;
	clickCountsAsView: boolean;
}

/**
 * Every (campaign, contact) with at least one send, in report order (campaignId, then contactId), as columns.
 * Times are epoch ms; NaN means "did not happen or did not count". A pair's sends are
 * `sendTimes[sendStart[p] .. sendStart[p + 1])`, sorted. `view`, `click` and `goal` are the first counted one inside
 * the pair's reporting range (the period, or all time for a whole campaign), so a later one inside the period takes the
 * place of an earlier one before it.
 */
interface Pairs {
	count: number;
	campaign: Int32Array;
	contact: Int32Array;
	sendStart: Int32Array;
	sendTimes: Float64Array;
	view: Float64Array;
	click: Float64Array;
	goal: Float64Array;
	/** Whole campaigns only: 1 when a send, counted view, click or goal of the pair lies in the period. */
	active: Uint8Array;
}

/** The report's period, [from, to) in epoch ms (±Infinity when open), and the campaign codes reported whole. */
interface ReportRange {
	from: number;
	to: number;
	whole: Uint8Array;
}

/** Goal events grouped by contact, each group in time order: `goalTimes[goalStart[c] .. goalStart[c + 1])`. */
interface GoalsByContact {
	goalStart: Int32Array;
	goalTimes: Float64Array;
	/** Campaign code the goal names, -1 for none (any campaign may claim it). */
	goalCampaign: Int32Array;
}

/**
 * Channel Talk's marketing performance analytics (seed 001): per campaign, per day and per contact, how many were
 * sent, viewed, clicked and reached the goal.
 *
 * - Sent: "A number of customers who received the message" — contacts with a `sent` or `delivered` event.
 * - Viewed: "A view only counts within a week from when the message was sent to the customer" — an open (or, with
 *   `clickCountsAsView`, a click) at most `viewWindowDays` × 24 h after the latest send at or before it. Every such
 *   open is a valid view; the reported view is the first.
 * - Clicked: contacts who clicked at or after their first send.
 * - Goal: "Goals measures goals achieved for up to 30 days after the message is sent. Targets that have not been viewed
 *   by customers or achieved within a week of viewing the marketing message are excluded" — the first goal event
 *   (`conversion`) at most `goalAfterViewDays` after any valid view (so a view of a re-send counts) and at most
 *   `goalWindowDays` after the latest send at or before it. A goal event carrying a `campaignId` counts for that
 *   campaign only; one without counts for every campaign that qualifies.
 * - CampaignStat: "Shows the entire duration of the campaign per day" — one row per calendar day in `timezone` from the
 *   campaign's first send to its last counted event, days without activity included.
 *
 * With a period (preset or from/to) each figure counts what happened inside it: the first valid view, click and goal
 * inside the period, even when an earlier one lies before it. Each contact counts at most once per figure in the
 * campaign row, on one day (that of the view, click or goal reported) in the daily rows, and once in the user rows: so
 * a campaign's `view`, `click` and `goal` equal the sum of its daily rows and the number of non-null times in its user
 * rows. `sent` is the exception: the daily rows count the contacts sent to each day, so a contact sent on two days
 * counts on both and the daily `sent` can add up to more than the campaign's. Campaigns of the `wholeCampaignKinds`
 * are reported over their entire duration, as Channel Talk's data download does.
 *
 * Events are validated, de-duplicated by eventId and (by default) stripped of machine events as for scoring
 * (`includeRawFigures` adds `raw` to each campaign row: the same counts with them included); the rest is two
 * counting sorts and a few linear passes over typed columns (docs/reports-and-bands.md, "Speed").
 */
export function buildCampaignReport(
	events: Iterable<ReportEvent>,
	options: CampaignReportOptions = {},
): CampaignReport {
	const sheets = readSheets(options.sheets);
	if (options.includeRawFigures !== true || !sheets.has('campaigns'))
		return reportOnce(events, options, sheets);
	const list = Array.isArray(events) ? (events as readonly ReportEvent[]) : Array.from(events);
	const report = reportOnce(list, options, sheets);
	const rawRows =
		options.excludeMachine === false
			? report.campaigns
			: reportOnce(
					list,
					{ ...options, excludeMachine: false },
					new Set<CampaignSheet>(['campaigns']),
				).campaigns;
	const rawById = new Map(rawRows.map((row) => [row.campaignId, row]));
	for (const row of report.campaigns) {
		// Defensive: machine events only add views, clicks and goals (the sends are the same), so every campaign in the
		// filtered report also has a raw row.
		const raw = rawById.get(row.campaignId);
		row.raw = raw
			? { sent: raw.sent, view: raw.view, click: raw.click, goal: raw.goal }
			: { sent: 0, view: 0, click: 0, goal: 0 };
	}
	return report;
}

function reportOnce(
	events: Iterable<ReportEvent>,
	options: CampaignReportOptions,
	sheets: ReadonlySet<CampaignSheet>,
): CampaignReport {
	const zone = resolveZone(options.timezone);
	const period = resolvePeriod({ ...options, timezone: zone });
	const windows: Windows = {
		view: windowMillis(options.viewWindowDays, 7, 'viewWindowDays'),
		goal: windowMillis(options.goalWindowDays, 30, 'goalWindowDays'),
		goalAfterView: windowMillis(options.goalAfterViewDays, 7, 'goalAfterViewDays'),
		clickCountsAsView: options.clickCountsAsView === true,
	};
	const roles = eventRoles(options.goalTypes ?? ['conversion'], 'goalTypes');
	const wholeKinds = readWholeKinds(options.wholeCampaignKinds);
	const excludeMachine = options.excludeMachine !== false;
	const marked = markMachineEvents(events, options.machineFilter, {
		timezone: zone,
		excludeMachine,
	});
	const columns = prepareEventColumns(marked, { timezone: zone, excludeMachine });

	const details = campaignDetails(columns, roles);
	const from = period.from ?? -Infinity;
	const to = period.to ?? Infinity;
	const whole = new Uint8Array(columns.campaignIds.length);
	for (let code = 0; code < whole.length; code++)
		whole[code] = wholeKinds[details.kind[code]] ? 1 : 0;

	const goals = goalsByContact(columns, roles);
	const pairs = contactCampaignPairs(
		columns,
		roles,
		rankStrings(columns.campaignIds),
		rankStrings(columns.contactIds),
		goals,
		windows,
		{ from, to, whole },
	);
	const dayNumber = calendarDayCounter(zone);
	const report: CampaignReport = { campaigns: [], daily: [], users: [] };

	for (let first = 0, end = 0; first < pairs.count; first = end) {
		const code = pairs.campaign[first];
		while (end < pairs.count && pairs.campaign[end] === code) end++;
		const isWhole = whole[code] === 1;
		if (isWhole && !hasActivity(pairs, first, end)) continue;
		const identity: CampaignIdentity = { campaignId: columns.campaignIds[code] };
		if (details.name[code] !== undefined) identity.name = details.name[code];
		if (details.state[code] !== undefined) identity.state = details.state[code];
		reportCampaign(
			report,
			identity,
			pairs,
			first,
			end,
			isWhole ? -Infinity : from,
			isWhole ? Infinity : to,
			dayNumber,
			sheets,
			columns.contactIds,
		);
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

/** Campaign kind code → reported whole. */
function readWholeKinds(kinds: readonly string[] | undefined): boolean[] {
	const whole = CAMPAIGN_KINDS.map(() => false);
	for (const kind of kinds ?? []) {
		const code = CAMPAIGN_KINDS.indexOf(kind as (typeof CAMPAIGN_KINDS)[number]);
		if (code < 0) {
			throw new EngagementInputError(
				`unknown campaign kind "${String(kind)}"; use ${CAMPAIGN_KINDS.join(', ')}`,
				{ field: 'wholeCampaignKinds' },
			);
		}
		whole[code] = true;
	}
	return whole;
}

const SHEETS: readonly CampaignSheet[] = ['campaigns', 'daily', 'users'];

function readSheets(sheets: readonly CampaignSheet[] | undefined): ReadonlySet<CampaignSheet> {
	if (sheets === undefined) return new Set(SHEETS);
	if (!Array.isArray(sheets) || sheets.some((sheet) => !SHEETS.includes(sheet))) {
		throw new EngagementInputError(`must list some of ${SHEETS.join(', ')}`, { field: 'sheets' });
	}
	return new Set(sheets);
}

/** Whole campaigns: true when any send, counted view, click or goal of pairs `first .. end` lies in the period. */
function hasActivity(pairs: Pairs, first: number, end: number): boolean {
	for (let p = first; p < end; p++) if (pairs.active[p] === 1) return true;
	return false;
}

/** Strings in code-unit order: `order[rank]` is a string's index, `rank[index]` its position. */
interface StringRanking {
	order: Int32Array;
	rank: Int32Array;
}

function rankStrings(strings: readonly string[]): StringRanking {
	const order = stringOrder(strings);
	const rank = new Int32Array(strings.length);
	for (let position = 0; position < order.length; position++) rank[order[position]] = position;
	return { order, rank };
}

/** Sends, opens and clicks of campaigns as columns, each row with its campaign's and contact's rank. */
interface CampaignEventRows {
	count: number;
	campaignRank: Int32Array;
	contactRank: Int32Array;
	role: Uint8Array;
	time: Float64Array;
}

function campaignEventRows(count: number): CampaignEventRows {
	return {
		count,
		campaignRank: new Int32Array(count),
		contactRank: new Int32Array(count),
		role: new Uint8Array(count),
		time: new Float64Array(count),
	};
}

/**
 * Stable counting sort that moves whole rows: reading is sequential, and so is every later pass over the result (a
 * sorted index into the event columns would send each of those reads to a random place in memory).
 */
function sortRows(rows: CampaignEventRows, key: Int32Array, keyCount: number): CampaignEventRows {
	const starts = new Int32Array(keyCount + 1);
	for (let i = 0; i < rows.count; i++) starts[key[i] + 1]++;
	for (let k = 0; k < keyCount; k++) starts[k + 1] += starts[k];
	const sorted = campaignEventRows(rows.count);
	for (let i = 0; i < rows.count; i++) {
		const at = starts[key[i]]++;
		sorted.campaignRank[at] = rows.campaignRank[i];
		sorted.contactRank[at] = rows.contactRank[i];
		sorted.role[at] = rows.role[i];
		sorted.time[at] = rows.time[i];
	}
	return sorted;
}

/** The campaigns' sends, opens and clicks grouped by (campaign, contact), both in code-unit order; stable. */
function groupCampaignEvents(
	columns: EventColumns,
	roles: Uint8Array,
	campaigns: StringRanking,
	contacts: StringRanking,
): CampaignEventRows {
	const { length, type, time, contact, campaign } = columns;
	let count = 0;
	for (let j = 0; j < length; j++) {
		const role = roles[type[j]];
		if (campaign[j] >= 0 && role !== NO_ROLE && role !== OUTCOME) count++;
	}
	const rows = campaignEventRows(count);
	for (let j = 0, i = 0; j < length; j++) {
		const role = roles[type[j]];
		if (campaign[j] < 0 || role === NO_ROLE || role === OUTCOME) continue;
		rows.campaignRank[i] = campaigns.rank[campaign[j]];
		rows.contactRank[i] = contacts.rank[contact[j]];
		rows.role[i] = role;
		rows.time[i] = time[j];
		i++;
	}
	const byContact = sortRows(rows, rows.contactRank, contacts.rank.length);
	return sortRows(byContact, byContact.campaignRank, campaigns.rank.length);
}

function goalsByContact(columns: EventColumns, roles: Uint8Array): GoalsByContact {
	const { length, type, time, contact, campaign } = columns;
	const contactCount = columns.contactIds.length;
	const rows: number[] = [];
	for (let j = 0; j < length; j++) if (roles[type[j]] === OUTCOME) rows.push(j);
	rows.sort((a, b) => time[a] - time[b]);
	// Counting sort by contact; placing the rows in time order keeps each contact's goals in time order.
	const goalStart = new Int32Array(contactCount + 1);
	for (const j of rows) goalStart[contact[j] + 1]++;
	for (let c = 0; c < contactCount; c++) goalStart[c + 1] += goalStart[c];
	const next = goalStart.slice(0, contactCount);
	const goalTimes = new Float64Array(rows.length);
	const goalCampaign = new Int32Array(rows.length);
	for (const j of rows) {
		const at = next[contact[j]]++;
		goalTimes[at] = time[j];
		goalCampaign[at] = campaign[j];
	}
	return { goalStart, goalTimes, goalCampaign };
}

/** A growable scratch list of times, reused for every (campaign, contact) group. */
class TimeList {
	times = new Float64Array(16);
	count = 0;

	push(time: number): void {
		if (this.count === this.times.length) {
			const grown = new Float64Array(this.count * 2);
			grown.set(this.times);
			this.times = grown;
		}
		this.times[this.count++] = time;
	}

	sorted(): this {
		if (this.count > 1) this.times.subarray(0, this.count).sort();
		return this;
	}
}

/** Groups sends, opens and clicks by (campaign, contact) in report order and applies the Channel Talk rules to each. */
function contactCampaignPairs(
	columns: EventColumns,
	roles: Uint8Array,
	campaigns: StringRanking,
	contacts: StringRanking,
	goals: GoalsByContact,
	windows: Windows,
	range: ReportRange,
): Pairs {
	const rows = groupCampaignEvents(columns, roles, campaigns, contacts);
	let sendCount = 0;
	for (let i = 0; i < rows.count; i++) if (rows.role[i] === SEND) sendCount++;

	// At most one pair per send.
	const pairs: Pairs = {
		count: 0,
		campaign: new Int32Array(sendCount),
		contact: new Int32Array(sendCount),
		sendStart: new Int32Array(sendCount + 1),
		sendTimes: new Float64Array(sendCount),
		view: new Float64Array(sendCount),
		click: new Float64Array(sendCount),
		goal: new Float64Array(sendCount),
		active: new Uint8Array(sendCount),
	};
	const { sendTimes } = pairs;
	const opens = new TimeList();
	const clicks = new TimeList();
	const views = new TimeList();
	const periodBound = range.from !== -Infinity || range.to !== Infinity;
	const sends: SendRange = { times: sendTimes, from: 0, to: 0 };
	let sendEnd = 0;
	for (let start = 0; start < rows.count; ) {
		const campaignRank = rows.campaignRank[start];
		const contactRank = rows.contactRank[start];
		const sendFrom = sendEnd;
		opens.count = 0;
		clicks.count = 0;
		let end = start;
		for (; end < rows.count; end++) {
			if (rows.campaignRank[end] !== campaignRank || rows.contactRank[end] !== contactRank) break;
			const role = rows.role[end];
			if (role === SEND) sendTimes[sendEnd++] = rows.time[end];
			else if (role === OPEN) opens.push(rows.time[end]);
			else clicks.push(rows.time[end]);
		}
		start = end;
		if (sendEnd === sendFrom) continue;
		const campaignCode = campaigns.order[campaignRank];
		const contactCode = contacts.order[contactRank];

		if (sendEnd - sendFrom > 1) sendTimes.subarray(sendFrom, sendEnd).sort();
		sends.from = sendFrom;
		sends.to = sendEnd;
		opens.sorted();
		clicks.sorted();
		views.count = 0;
		keepWithinWindow(opens, sends, windows.view, views);
		if (windows.clickCountsAsView) keepWithinWindow(clicks, sends, windows.view, views).sorted();

		const whole = range.whole[campaignCode] === 1;
		const from = whole ? -Infinity : range.from;
		const to = whole ? Infinity : range.to;
		const p = pairs.count++;
		pairs.campaign[p] = campaignCode;
		pairs.contact[p] = contactCode;
		pairs.sendStart[p] = sendFrom;
		pairs.sendStart[p + 1] = sendEnd;
		pairs.view[p] = firstInRange(views, from, to);
		pairs.click[p] = firstClick(clicks, sends, from, to);
		pairs.goal[p] = firstGoal(goals, contactCode, campaignCode, sends, views, windows, from, to);
		if (whole) {
			pairs.active[p] =
				!periodBound ||
				anyInRange(sends, range.from, range.to) ||
				!Number.isNaN(firstInRange(views, range.from, range.to)) ||
				!Number.isNaN(firstClick(clicks, sends, range.from, range.to)) ||
				!Number.isNaN(
					firstGoal(goals, contactCode, campaignCode, sends, views, windows, range.from, range.to),
				)
					? 1
					: 0;
		}
	}
	return pairs;
}

/** One contact's sends of one campaign: `times[from .. to)`, sorted. */
interface SendRange {
	times: Float64Array;
	from: number;
	to: number;
}

/** The latest send at or before `time`, or NaN when there is none. */
function latestSendBefore(sends: SendRange, time: number): number {
	let low = sends.from;
	let high = sends.to - 1;
	let found = NaN;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (sends.times[middle] <= time) {
			found = sends.times[middle];
			low = middle + 1;
		} else high = middle - 1;
	}
	return found;
}

/** The first index in `times[low .. high)` (sorted) whose time is at least `value`; `high` when none. */
function firstAtOrAfter(times: Float64Array, low: number, high: number, value: number): number {
	while (low < high) {
		const middle = (low + high) >> 1;
		if (times[middle] < value) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * Appends to `out` the (sorted) times of `list` at most `window` ms after the latest send at or before them: one merge
 * pass over the times and the sends. Returns `out`.
 */
function keepWithinWindow(
	list: TimeList,
	sends: SendRange,
	window: number,
	out: TimeList,
): TimeList {
	let latest = sends.from - 1;
	for (let i = 0; i < list.count; i++) {
		const time = list.times[i];
		while (latest + 1 < sends.to && sends.times[latest + 1] <= time) latest++;
		if (latest >= sends.from && time - sends.times[latest] <= window) out.push(time);
	}
	return out;
}

/** The first of the (sorted) times in [from, to); NaN when none. */
function firstInRange(list: TimeList, from: number, to: number): number {
	const at = firstAtOrAfter(list.times, 0, list.count, from);
	return at < list.count && list.times[at] < to ? list.times[at] : NaN;
}

/** True when one of the sends lies in [from, to). */
function anyInRange(sends: SendRange, from: number, to: number): boolean {
	const at = firstAtOrAfter(sends.times, sends.from, sends.to, from);
	return at < sends.to && sends.times[at] < to;
}

/** The first click in [from, to) at or after the first send; NaN when none. */
function firstClick(clicks: TimeList, sends: SendRange, from: number, to: number): number {
	return firstInRange(clicks, Math.max(from, sends.times[sends.from]), to);
}

/**
 * The contact's first goal in [from, to) that lies at most `goalAfterView` after a valid view (`views`, sorted) and at
 * most `goal` after the latest send before it; NaN when none. The goals are walked once from the first view (or `from`)
 * to the last view's window, with the latest view at or before each goal alongside: if any view is close enough, that
 * one is.
 */
function firstGoal(
	goals: GoalsByContact,
	contactCode: number,
	campaignCode: number,
	sends: SendRange,
	views: TimeList,
	windows: Windows,
	from: number,
	to: number,
): number {
	if (views.count === 0) return NaN;
	const { goalStart, goalTimes, goalCampaign } = goals;
	const end = goalStart[contactCode + 1];
	const last = views.times[views.count - 1] + windows.goalAfterView;
	let v = 0;
	let latestView = NaN;
	for (
		let g = firstAtOrAfter(goalTimes, goalStart[contactCode], end, Math.max(from, views.times[0]));
		g < end;
		g++
	) {
		const time = goalTimes[g];
		if (time >= to || time > last) break;
		if (goalCampaign[g] >= 0 && goalCampaign[g] !== campaignCode) continue;
		while (v < views.count && views.times[v] <= time) latestView = views.times[v++];
		if (!(time - latestView <= windows.goalAfterView)) continue;
		if (time - latestSendBefore(sends, time) <= windows.goal) return time;
	}
	return NaN;
}

/** Per campaign code, from its send events: kind (of the first), and name and state when one carries them. */
function campaignDetails(
	columns: SourcedEventColumns,
	roles: Uint8Array,
): {
	kind: Uint8Array;
	name: Array<string | undefined>;
	state: Array<string | undefined>;
} {
	const count = columns.campaignIds.length;
	const kind = new Uint8Array(count);
	const kindKnown = new Uint8Array(count);
	const name = new Array<string | undefined>(count).fill(undefined);
	const state = new Array<string | undefined>(count).fill(undefined);
	const events = columns.events as readonly ReportEvent[];
	for (let j = 0; j < columns.length; j++) {
		const code = columns.campaign[j];
		if (code < 0 || roles[columns.type[j]] !== SEND) continue;
		if (kindKnown[code] === 0) {
			kind[code] = columns.kind[j];
			kindKnown[code] = 1;
		}
		if (name[code] === undefined || state[code] === undefined) {
			const event = events[columns.source[j]];
			if (name[code] === undefined && event.campaignName) name[code] = String(event.campaignName);
			if (state[code] === undefined && event.campaignState) {
				state[code] = String(event.campaignState);
			}
		}
	}
	return { kind, name, state };
}

/**
 * Adds the rows of one campaign (pairs `first .. end`) to the report, counting what happened in [from, to); adds
 * nothing when nothing happened. CampaignStat covers the campaign's whole duration cut to the period; `sent` there counts the contacts sent to that
 * day (a contact sent on two days counts on both).
 */
function reportCampaign(
	report: CampaignReport,
	identity: CampaignIdentity,
	pairs: Pairs,
	first: number,
	end: number,
	from: number,
	to: number,
	dayNumber: (millis: number) => number,
	sheets: ReadonlySet<CampaignSheet>,
	contactIds: readonly string[],
): void {
	const { sendStart, sendTimes, view, click, goal } = pairs;
	const inPeriod = (time: number): boolean => time >= from && time < to;
	const { campaignId } = identity;

	let firstSend = Infinity;
	let lastSend = -Infinity;
	let lastEvent = -Infinity;
	for (let p = first; p < end; p++) {
		firstSend = Math.min(firstSend, sendTimes[sendStart[p]]);
		lastSend = Math.max(lastSend, sendTimes[sendStart[p + 1] - 1]);
		// NaN (did not happen) never wins a comparison, so it never moves lastEvent.
		if (view[p] > lastEvent) lastEvent = view[p];
		if (click[p] > lastEvent) lastEvent = click[p];
		if (goal[p] > lastEvent) lastEvent = goal[p];
	}
	const firstDay = Math.max(dayNumber(firstSend), from === -Infinity ? -Infinity : dayNumber(from));
	const lastDay = Math.min(
		dayNumber(Math.max(lastSend, lastEvent)),
		to === Infinity ? Infinity : dayNumber(to - 1),
	);
	const dayCount = Math.max(0, lastDay - firstDay + 1);
	if (sheets.has('daily') && dayCount > MAX_DAILY_ROWS) {
		throw new EngagementInputError(
			`campaign "${campaignId}" spans ${dayCount} days (${calendarDate(firstDay * MS_PER_DAY)} to ${calendarDate(lastDay * MS_PER_DAY)}); check its event timestamps or report a period`,
			{ field: 'timestamp' },
		);
	}
	const daySent = new Int32Array(dayCount);
	const dayView = new Int32Array(dayCount);
	const dayClick = new Int32Array(dayCount);
	const dayGoal = new Int32Array(dayCount);

	const row: CampaignRow = {
		...identity,
		sent: 0,
		view: 0,
		click: 0,
		goal: 0,
		startAt: isoInstant(firstSend),
		endAt: isoInstant(lastSend),
	};
	const withUsers = sheets.has('users');
	let active = 0;
	for (let p = first; p < end; p++) {
		let sent = NaN;
		let previousDay = NaN;
		for (let s = sendStart[p]; s < sendStart[p + 1]; s++) {
			const time = sendTimes[s];
			if (!inPeriod(time)) continue;
			if (Number.isNaN(sent)) sent = time;
			const day = dayNumber(time);
			if (day !== previousDay) daySent[day - firstDay]++;
			previousDay = day;
		}
		const viewed = inPeriod(view[p]) ? view[p] : NaN;
		const clicked = inPeriod(click[p]) ? click[p] : NaN;
		const reached = inPeriod(goal[p]) ? goal[p] : NaN;
		if (
			Number.isNaN(sent) &&
			Number.isNaN(viewed) &&
			Number.isNaN(clicked) &&
			Number.isNaN(reached)
		) {
			continue;
		}
		active++;
		if (!Number.isNaN(sent)) row.sent++;
		if (!Number.isNaN(viewed)) {
			row.view++;
			dayView[dayNumber(viewed) - firstDay]++;
		}
		if (!Number.isNaN(clicked)) {
			row.click++;
			dayClick[dayNumber(clicked) - firstDay]++;
		}
		if (!Number.isNaN(reached)) {
			row.goal++;
			dayGoal[dayNumber(reached) - firstDay]++;
		}
		if (!withUsers) continue;
		report.users.push({
			campaignId,
			userId: contactIds[pairs.contact[p]],
			sent: isoInstant(sent),
			view: isoInstant(viewed),
			click: isoInstant(clicked),
			goal: isoInstant(reached),
		});
	}
	if (active === 0) return;

	if (sheets.has('campaigns')) report.campaigns.push(row);
	for (let d = 0; d < dayCount && sheets.has('daily'); d++) {
		report.daily.push({
			campaignId,
			date: calendarDate((firstDay + d) * MS_PER_DAY),
			sent: daySent[d],
			view: dayView[d],
			click: dayClick[d],
			goal: dayGoal[d],
		});
	}
}

/** ISO-8601 UTC instant, or null for "did not happen" (NaN). */
function isoInstant(millis: number): string | null {
	return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}
