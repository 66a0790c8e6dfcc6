import { contactOrder } from '../events/eventColumns';
import type { EventColumns } from '../events/eventColumns';
import { typeCode } from '../events/eventCodes';
import {
	type ActivityState,
	type ActivityTable,
	type RecencyTracker,
	type RecencyVerdict,
	activityOf,
	classifyRecency,
	collectActivity,
	createRecencyTracker,
	describeLastActive,
	explainRecency,
	readRecencySettings,
	recencyDetails,
} from './activeRecency';
import { createAsOfCalendar } from './asOfCalendar';
import { columnarModel } from './columnarModel';
import { plural } from './explanationText';
import { readNumberParameter } from './modelParameters';
import type { ContactScore, ScoreResult, ScoringContext } from './types';

/**
 * `recency5` — Crescendo Lab's engagement level with GA4 / eCommerce (seed 000, "For: Professional Plan"):
 *
 * > "Level 5 — LINE contacts who, within the last 60 days, were tracked by GA as having browsed the website in depth or
 * > made a purchase
 * > Level 4 — LINE contacts who, within the last 60 days, were tracked by GA as having clicked multiple links, browsed
 * > frequently, or made a purchase
 * > Level 3 — LINE contacts who actively interacted with the Official Account within 30 days …; and within 60 days
 * > clicked a link or possibly made a purchase
 * > Level 2 — LINE contacts whose last active interaction with the Official Account was between 31–90 days ago
 * > Level 1 — LINE contacts with no active interaction in the past 90 days (includes blocked users)"
 *
 * Our reading (DESIGN.md), first match wins, "within N days" = at most N calendar days ago in `timezone`:
 * 1. `Level 1` when currently blocked (last `block` after the last `unblock`): a blocked contact cannot be reached on
 *    LINE, and the seed puts blocked users in Level 1 — so web activity does not lift them.
 * 2. `Level 5`: within `webWindowDays` (60) a `web_visit` whose `value` (pages viewed) ≥ `deepBrowsePages` (5), or a
 *    `purchase`.
 * 3. `Level 4`: within 60 days ≥ `multipleClicks` (2) clicks, or `web_visit`s on ≥ `frequentVisitDays` (3) distinct
 *    calendar days. (A purchase, also named here by the seed, is already Level 5.)
 * 4. `Level 3`: last active interaction ≤ `level3Days` (30) days ago and a click within 60 days.
 * 5. `Level 2`: last active interaction 31–`level2Days` (90) days ago — and, our reading, contacts active within 30
 *    days without any click or purchase within 60 days (they miss Level 3's second condition).
 * 6. `Level 1`: no active interaction in the past 90 days.
 * `score` = level number. Active interaction types: parameter `activeTypes` (see activeRecency.ts).
 */
function recency5FromColumns(
	columns: EventColumns,
	parameters: Record<string, unknown>,
	context: ScoringContext,
): ScoreResult {
	const settings = readWebSettings(parameters);
	const calendar = createAsOfCalendar(context.asOf, context.timezone);
	const tracker = createRecencyTracker(readRecencySettings(parameters), calendar);
	const activity = collectActivity(columns, tracker);
	const web = collectWebBehaviour(
		columns,
		settings,
		calendar.startOfDayBefore(settings.webWindowDays),
		tracker,
	);

	const bandCounts: Record<string, number> = {
		'Level 5': 0,
		'Level 4': 0,
		'Level 3': 0,
		'Level 2': 0,
		'Level 1': 0,
	};
	let scoreSum = 0;
	const rows: ContactScore[] = [];
	for (const c of contactOrder(columns)) {
		if (!activity.seen[c]) continue;
		const state = recency5StateOf(activity, web, c);
		const recencyVerdict = classifyRecency(state.activity, tracker);
		const { level, rule, explanation } = classify(state, recencyVerdict, settings, tracker);
		const band = `Level ${level}`;
		bandCounts[band]++;
		scoreSum += level;
		const details = recencyDetails(rule, recencyVerdict, state.activity, tracker);
		details.clicksWithinWebWindow = state.clicks;
		details.purchasesWithinWebWindow = state.purchases;
		details.lastPurchaseAt = tracker.calendar.isoInstant(state.lastPurchase);
		details.webVisitsWithinWebWindow = state.visits;
		details.deepVisitsWithinWebWindow = state.deepVisits;
		details.maxPagesInVisit = state.visits === 0 ? null : state.maxPages;
		details.distinctVisitDays = state.distinctVisitDays;
		rows.push({
			contactId: columns.contactIds[c],
			score: level,
			band,
			explanation,
			details,
		});
	}

	return {
		contacts: rows,
		account: {
			model: 'recency5',
			asOf: new Date(context.asOf).toISOString(),
			timezone: calendar.timezone,
			...tracker.settings,
			...settings,
			contacts: rows.length,
			bandCounts,
			averageScore: rows.length === 0 ? null : scoreSum / rows.length,
			eventsAfterAsOf: activity.eventsAfterAsOf,
		},
	};
}

interface WebSettings {
	/** Window for web behaviour, clicks and purchases, in calendar days (seed: 60). */
	webWindowDays: number;
	/** A web_visit with at least this many pages is a deep browse (Level 5). */
	deepBrowsePages: number;
	/** Clicks within the web window for "clicked multiple links" (Level 4). */
	multipleClicks: number;
	/** Distinct visit days within the web window for "browsed frequently" (Level 4). */
	frequentVisitDays: number;
}

/** The parameters `readWebSettings` reads. */
export const WEB_PARAMETERS = [
	'webWindowDays',
	'deepBrowsePages',
	'multipleClicks',
	'frequentVisitDays',
] as const;

function readWebSettings(parameters: Record<string, unknown>): WebSettings {
	return {
		webWindowDays: Math.floor(readNumberParameter(parameters, 'webWindowDays', 60)),
		deepBrowsePages: readNumberParameter(parameters, 'deepBrowsePages', 5, 1),
		multipleClicks: Math.ceil(readNumberParameter(parameters, 'multipleClicks', 2, 1)),
		frequentVisitDays: Math.ceil(readNumberParameter(parameters, 'frequentVisitDays', 3, 1)),
	};
}

/** Clicks, purchases and web visits within the web window, per contact code. */
interface WebTable {
	clicks: Int32Array;
	purchases: Int32Array;
	lastPurchase: Float64Array;
	visits: Int32Array;
	deepVisits: Int32Array;
	lastDeepVisit: Float64Array;
	maxPages: Float64Array;
	/** Distinct local day numbers with a web_visit, for contacts that have one. */
	visitDays: Map<number, number[]>;
}

const CLICK = typeCode('click');
const PURCHASE = typeCode('purchase');
const WEB_VISIT = typeCode('web_visit');

function collectWebBehaviour(
	columns: EventColumns,
	settings: WebSettings,
	webStart: number,
	tracker: RecencyTracker,
): WebTable {
	const contactCount = columns.contactIds.length;
	const { asOf } = tracker.calendar;
	const web: WebTable = {
		clicks: new Int32Array(contactCount),
		purchases: new Int32Array(contactCount),
		lastPurchase: new Float64Array(contactCount).fill(-Infinity),
		visits: new Int32Array(contactCount),
		deepVisits: new Int32Array(contactCount),
		lastDeepVisit: new Float64Array(contactCount).fill(-Infinity),
		maxPages: new Float64Array(contactCount),
		visitDays: new Map(),
	};
	for (let j = 0; j < columns.length; j++) {
		const time = columns.time[j];
		if (time < webStart || time > asOf) continue;
		const type = columns.type[j];
		const c = columns.contact[j];
		if (type === CLICK) {
			web.clicks[c]++;
		} else if (type === PURCHASE) {
			web.purchases[c]++;
			if (time > web.lastPurchase[c]) web.lastPurchase[c] = time;
		} else if (type === WEB_VISIT) {
			web.visits[c]++;
			const value = columns.value[j];
			const pages = Number.isFinite(value) ? value : 0;
			if (pages > web.maxPages[c]) web.maxPages[c] = pages;
			if (pages >= settings.deepBrowsePages) {
				web.deepVisits[c]++;
				if (time > web.lastDeepVisit[c]) web.lastDeepVisit[c] = time;
			}
			const day = tracker.calendar.dayNumber(time);
			const days = web.visitDays.get(c);
			if (days === undefined) web.visitDays.set(c, [day]);
			else if (!days.includes(day)) days.push(day);
		}
	}
	return web;
}

interface Recency5State {
	activity: ActivityState;
	/** Counts below are within the web window. */
	clicks: number;
	purchases: number;
	lastPurchase: number;
	visits: number;
	deepVisits: number;
	lastDeepVisit: number;
	maxPages: number;
	distinctVisitDays: number;
}

function recency5StateOf(activity: ActivityTable, web: WebTable, c: number): Recency5State {
	return {
		activity: activityOf(activity, c),
		clicks: web.clicks[c],
		purchases: web.purchases[c],
		lastPurchase: web.lastPurchase[c],
		visits: web.visits[c],
		deepVisits: web.deepVisits[c],
		lastDeepVisit: web.lastDeepVisit[c],
		maxPages: web.maxPages[c],
		distinctVisitDays: web.visitDays.get(c)?.length ?? 0,
	};
}

type Level5Rule =
	| 'blocked'
	| 'deep-browse'
	| 'purchase'
	| 'multiple-clicks'
	| 'frequent-visits'
	| 'active-and-clicked'
	| 'active-without-click'
	| 'active-within-level2-days'
	| 'no-active-within-level2-days'
	| 'never-active';

function classify(
	state: Recency5State,
	recencyVerdict: RecencyVerdict,
	web: WebSettings,
	tracker: RecencyTracker,
): { level: 1 | 2 | 3 | 4 | 5; rule: Level5Rule; explanation: string } {
	const { calendar } = tracker;
	const dateOf = calendar.localDate;
	const window = `within ${web.webWindowDays} days`;
	if (recencyVerdict.blocked) {
		return {
			level: 1,
			rule: 'blocked',
			explanation: explainRecency(recencyVerdict, state.activity, tracker),
		};
	}
	if (state.deepVisits > 0) {
		return {
			level: 5,
			rule: 'deep-browse',
			explanation: `Deep browse: ${plural(state.deepVisits, 'web visit')} of ≥ ${web.deepBrowsePages} pages ${window} (up to ${state.maxPages}, last on ${dateOf(state.lastDeepVisit)}) → Level 5`,
		};
	}
	if (state.purchases > 0) {
		return {
			level: 5,
			rule: 'purchase',
			explanation: `${plural(state.purchases, 'purchase')} ${window}, last on ${dateOf(state.lastPurchase)} → Level 5`,
		};
	}
	if (state.clicks >= web.multipleClicks) {
		return {
			level: 4,
			rule: 'multiple-clicks',
			explanation: `${plural(state.clicks, 'click')} ${window} (≥ ${web.multipleClicks}) → Level 4`,
		};
	}
	if (state.distinctVisitDays >= web.frequentVisitDays) {
		return {
			level: 4,
			rule: 'frequent-visits',
			explanation: `Web visits on ${state.distinctVisitDays} distinct days ${window} (≥ ${web.frequentVisitDays}) → Level 4`,
		};
	}
	if (recencyVerdict.level === 3) {
		const lastActive = describeLastActive(state.activity, tracker);
		const level3Days = tracker.settings.level3Days;
		return state.clicks > 0
			? {
					level: 3,
					rule: 'active-and-clicked',
					explanation: `Active within ${level3Days} days (${lastActive}) and ${plural(state.clicks, 'click')} ${window} → Level 3`,
				}
			: {
					level: 2,
					rule: 'active-without-click',
					explanation: `Active within ${level3Days} days (${lastActive}) but no click or purchase ${window} → Level 2`,
				};
	}
	return {
		level: recencyVerdict.level,
		rule: recencyVerdict.rule as Level5Rule,
		explanation: explainRecency(recencyVerdict, state.activity, tracker),
	};
}

export const recency5 = columnarModel(recency5FromColumns);
