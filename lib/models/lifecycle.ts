import { contactOrder, prepareEventColumns } from '../events/eventColumns';
import type { EventColumns } from '../events/eventColumns';
import { KIND, TYPE, typeCode } from '../events/eventCodes';
import { markMachineEvents, type MachineFilterOptions } from '../events/filterMachineEvents';
import type { EngagementEvent, Timestamp } from '../events/types';
import { resolveAsOf } from '../time';
import { createAsOfCalendar, type AsOfCalendar } from './asOfCalendar';
import { columnarModel } from './columnarModel';
import { formatNumber, plural } from './explanationText';
import { mergedLifecycleFigures } from '../partition/accountStatistics';
import { lifecycleSamplesFromFigures } from '../partition/lifecycleFigures';
import {
	deriveLifecycleThresholds,
	LIFECYCLE_THRESHOLD_NAMES,
	type LifecycleSamples,
	type LifecycleSettings,
	type LifecycleThresholdName,
	type LifecycleThresholds,
	readLifecycleSettings,
} from './lifecycleThresholds';
import type { ContactScore, ScoreResult, ScoringContext } from './types';

/**
 * `lifecycle` — Contactlab's Dynamic Customer Engagement (seed 002): "The model computes clusters based on recency and
 * open/click activity":
 *
 * > Engaged — "in the database for at least X days/months*, who received regular communications and have recently
 * >   opened and/or clicked**"
 * > Active new — "… received regular communications and have recently opened and/or clicked at least once"
 * > Interested — "… received regular communications and have recently opened and/or clicked a few times"
 * > Dormant — "… received regular communications and have opened and/or clicked a few times, but not recently"
 * > Disengaged — "… received regular communications and had opened and/or clicked many times, but not recently"
 * > Inactive new — "… received regular communications but have not been active"
 * > Inactive — "… received regular communications but have not opened or clicked"
 * > Off — "Customers who have not been contacted recently."
 * > "* This value changes according to the characteristics of the customers in your database … The frequency with which
 * > you send out your email deliveries. The algorithm is auto-adaptive" · "** This changes according to the behavior of
 * > the total customer database population."
 *
 * Our reading. Every threshold is derived from the data of the run (lifecycleThresholds.ts has the exact derivations)
 * and returned in `account.thresholds` with its derivation; each can be fixed by a parameter of the same name.
 * Sends, opens and clicks of transactional campaigns do not count ("regular communications" are marketing ones).
 * First match wins:
 * 1. `Off`: no send within `contactedWithinDays`, never sent to, or opted out (last `unsubscribe`/`complaint` after the
 *    last `subscribe`: they will not be contacted).
 * 2. New contacts (tenure < `newContactDays`; "at least three months" under the new clusters reads as a copy slip):
 *    `Active new` when they opened or clicked within `recentDays`, else `Inactive new` ("have not been active").
 * 3. `Inactive`: never opened or clicked.
 * 4. Opened or clicked within `recentDays`: `Engaged` with many (> `fewMaxActivities` emails opened or clicked,
 *    distinct campaigns), `Interested` with few.
 * 5. Not recently: `Disengaged` with many, `Dormant` with few.
 * `score` is an ordinal for sorting, following the seed's order: Engaged 7, Active new 6, Interested 5, Dormant 4,
 * Disengaged 3, Inactive new 2, Inactive 1, Off 0. Events after asOf are not seen, so `lifecycleOverTime` replays
 * history by scoring at successive asOf dates.
 */
export const LIFECYCLE_BANDS = [
	'Engaged',
	'Active new',
	'Interested',
	'Dormant',
	'Disengaged',
	'Inactive new',
	'Inactive',
	'Off',
] as const;

export type LifecycleBand = (typeof LIFECYCLE_BANDS)[number];

const ENGAGED = 0;
const ACTIVE_NEW = 1;
const INTERESTED = 2;
const DORMANT = 3;
const DISENGAGED = 4;
const INACTIVE_NEW = 5;
const INACTIVE = 6;
const OFF = 7;
const NOT_SEEN = 255;

const UNSUBSCRIBE = typeCode('unsubscribe');
const COMPLAINT = typeCode('complaint');

/** Per-contact figures of one pass over the columns (indexed by contact code). */
export interface Population {
	seen: Uint8Array;
	firstSeen: Float64Array;
	lastSend: Float64Array;
	sent: Int32Array;
	delivered: Int32Array;
	lastActivity: Float64Array;
	/** Emails opened or clicked: distinct campaigns (each open/click without campaignId counts alone). */
	engaged: Int32Array;
	lastSubscribe: Float64Array;
	lastOptOut: Float64Array;
	/** Days on which the account started a campaign, and which kind of campaign they describe. */
	sendDays: number[];
	sendDaysSource: string;
	/** Per campaign code: first broadcast / other non-transactional send (Infinity: none); days of sends without id. */
	broadcastStart: Float64Array;
	otherStart: Float64Array;
	broadcastDaysWithoutId: Set<number>;
	otherDaysWithoutId: Set<number>;
}

function collectPopulation(columns: EventColumns, calendar: AsOfCalendar): Population {
	const { asOf } = calendar;
	const contactCount = columns.contactIds.length;
	const campaignCount = columns.campaignIds.length;
	const p: Population = {
		seen: new Uint8Array(contactCount),
		firstSeen: new Float64Array(contactCount).fill(Infinity),
		lastSend: new Float64Array(contactCount).fill(-Infinity),
		sent: new Int32Array(contactCount),
		delivered: new Int32Array(contactCount),
		lastActivity: new Float64Array(contactCount).fill(-Infinity),
		engaged: new Int32Array(contactCount),
		lastSubscribe: new Float64Array(contactCount).fill(-Infinity),
		lastOptOut: new Float64Array(contactCount).fill(-Infinity),
		sendDays: [],
		sendDaysSource: 'broadcast',
		broadcastStart: new Float64Array(campaignCount).fill(Infinity),
		otherStart: new Float64Array(campaignCount).fill(Infinity),
		broadcastDaysWithoutId: new Set<number>(),
		otherDaysWithoutId: new Set<number>(),
	};
	const { broadcastStart, otherStart, broadcastDaysWithoutId, otherDaysWithoutId } = p;
	const engagedPairs = new Set<number>();

	for (let j = 0; j < columns.length; j++) {
		const t = columns.time[j];
		if (t > asOf) continue;
		const c = columns.contact[j];
		p.seen[c] = 1;
		if (t < p.firstSeen[c]) p.firstSeen[c] = t;
		const type = columns.type[j];
		if (type === TYPE.sent || type === TYPE.delivered) {
			const kind = columns.kind[j];
			if (kind === KIND.transactional) continue;
			if (type === TYPE.sent) p.sent[c]++;
			else p.delivered[c]++;
			if (t > p.lastSend[c]) p.lastSend[c] = t;
			const k = columns.campaign[j];
			const isBroadcast = kind === KIND.broadcast;
			if (k >= 0) {
				const starts = isBroadcast ? broadcastStart : otherStart;
				if (t < starts[k]) starts[k] = t;
			} else {
				(isBroadcast ? broadcastDaysWithoutId : otherDaysWithoutId).add(calendar.dayNumber(t));
			}
		} else if (type === TYPE.open || type === TYPE.click) {
			if (columns.kind[j] === KIND.transactional) continue;
			if (t > p.lastActivity[c]) p.lastActivity[c] = t;
			const k = columns.campaign[j];
			if (k < 0) {
				p.engaged[c]++;
			} else {
				const pair = c * campaignCount + k;
				if (!engagedPairs.has(pair)) {
					engagedPairs.add(pair);
					p.engaged[c]++;
				}
			}
		} else if (type === TYPE.subscribe) {
			if (t > p.lastSubscribe[c]) p.lastSubscribe[c] = t;
		} else if (type === UNSUBSCRIBE || type === COMPLAINT) {
			if (t > p.lastOptOut[c]) p.lastOptOut[c] = t;
		}
	}

	const daysOf = (starts: Float64Array, withoutId: Set<number>): number[] => {
		const days = new Set(withoutId);
		for (const start of starts) if (start !== Infinity) days.add(calendar.dayNumber(start));
		return [...days];
	};
	p.sendDays = daysOf(broadcastStart, broadcastDaysWithoutId);
	if (p.sendDays.length === 0) {
		p.sendDays = daysOf(otherStart, otherDaysWithoutId);
		p.sendDaysSource = 'non-transactional';
	}
	return p;
}

/** The outcome of one run without the rows: each contact's band code, and the thresholds. */
export interface LifecycleClassification {
	calendar: AsOfCalendar;
	population: Population;
	thresholds: LifecycleThresholds;
	/** Band index into LIFECYCLE_BANDS per contact code; NOT_SEEN for contacts with no event at or before asOf. */
	band: Uint8Array;
	/** Calendar-day figures per contact code (NaN where none). */
	tenureDays: Float64Array;
	daysSinceSend: Float64Array;
	daysSinceActivity: Float64Array;
}

/** `accountSamples`: the merged statistics of partitioned runs, which replace this run's own samples. */
export function classifyLifecycle(
	columns: EventColumns,
	settings: LifecycleSettings,
	context: ScoringContext,
	accountSamples?: LifecycleSamples,
): LifecycleClassification {
	const calendar = createAsOfCalendar(context.asOf, context.timezone);
	const population = collectPopulation(columns, calendar);
	const { seen, firstSeen, lastSend, lastActivity, engaged, lastOptOut, lastSubscribe } =
		population;
	const contactCount = seen.length;
	const daysAgo = (millis: number) => (Number.isFinite(millis) ? calendar.daysAgo(millis) : NaN);
	const tenureDays = new Float64Array(contactCount).fill(NaN);
	const daysSinceSend = new Float64Array(contactCount).fill(NaN);
	const daysSinceActivity = new Float64Array(contactCount).fill(NaN);
	const tenures: number[] = [];
	for (let c = 0; c < contactCount; c++) {
		if (!seen[c]) continue;
		tenureDays[c] = daysAgo(firstSeen[c]);
		daysSinceSend[c] = daysAgo(lastSend[c]);
		daysSinceActivity[c] = daysAgo(lastActivity[c]);
		tenures.push(tenureDays[c]);
	}

	const sentToWithin = (c: number, days: number) =>
		daysSinceSend[c] <= days && !(lastOptOut[c] > lastSubscribe[c]);
	const ownSamples: LifecycleSamples = {
		sendDays: population.sendDays,
		sendDaysSource: population.sendDaysSource,
		tenures: Float64Array.from(tenures),
		activity(contactedDays, newDays) {
			const ages: number[] = [];
			const counts: number[] = [];
			for (let c = 0; c < contactCount; c++) {
				if (!seen[c] || !sentToWithin(c, contactedDays) || engaged[c] === 0) continue;
				ages.push(daysSinceActivity[c]);
				if (tenureDays[c] >= newDays) counts.push(engaged[c]);
			}
			return { ages: Float64Array.from(ages), counts: Float64Array.from(counts) };
		},
	};
	const thresholds = deriveLifecycleThresholds(
		accountSamples ?? ownSamples,
		calendar.asOfDay,
		settings,
	);
	const contactedDays = thresholds.contactedWithinDays.value ?? -1;
	const newDays = thresholds.newContactDays.value ?? 0;
	const recentDays = thresholds.recentDays.value ?? 0;
	const fewMaxActivities = thresholds.fewMaxActivities.value ?? 1;
	const isContacted = (c: number) => sentToWithin(c, contactedDays);

	const band = new Uint8Array(contactCount).fill(NOT_SEEN);
	for (let c = 0; c < contactCount; c++) {
		if (!seen[c]) continue;
		const recentlyActive = daysSinceActivity[c] <= recentDays;
		const many = engaged[c] > fewMaxActivities;
		if (!isContacted(c)) band[c] = OFF;
		else if (tenureDays[c] < newDays) band[c] = recentlyActive ? ACTIVE_NEW : INACTIVE_NEW;
		else if (engaged[c] === 0) band[c] = INACTIVE;
		else if (recentlyActive) band[c] = many ? ENGAGED : INTERESTED;
		else band[c] = many ? DISENGAGED : DORMANT;
	}

	return {
		calendar,
		population,
		thresholds,
		band,
		tenureDays,
		daysSinceSend,
		daysSinceActivity,
	};
}

function countBands(band: Uint8Array): { counts: Record<LifecycleBand, number>; contacts: number } {
	const tally = new Array<number>(LIFECYCLE_BANDS.length).fill(0);
	let contacts = 0;
	for (const code of band) {
		if (code === NOT_SEEN) continue;
		tally[code]++;
		contacts++;
	}
	const counts = {} as Record<LifecycleBand, number>;
	LIFECYCLE_BANDS.forEach((name, code) => (counts[name] = tally[code]));
	return { counts, contacts };
}

function thresholdValues(
	thresholds: LifecycleThresholds,
): Record<LifecycleThresholdName, number | null> {
	const values = {} as Record<LifecycleThresholdName, number | null>;
	for (const name of LIFECYCLE_THRESHOLD_NAMES) values[name] = thresholds[name].value;
	return values;
}

const RULES = [
	'recent-many',
	'new-recently-active',
	'recent-few',
	'not-recent-few',
	'not-recent-many',
	'new-not-recently-active',
	'never-opened-or-clicked',
] as const;

function lifecycleFromColumns(
	columns: EventColumns,
	parameters: Record<string, unknown>,
	context: ScoringContext,
): ScoreResult {
	const settings = readLifecycleSettings(parameters);
	const merged = mergedLifecycleFigures(parameters, context);
	const run = classifyLifecycle(
		columns,
		settings,
		context,
		merged && lifecycleSamplesFromFigures(merged),
	);
	const { calendar, population: p, thresholds, band } = run;
	const values = thresholdValues(thresholds);
	const contactedDays = values.contactedWithinDays;
	const newDays = values.newContactDays;
	const recentDays = values.recentDays;
	const fewMax = values.fewMaxActivities;
	const dateOf = calendar.localDate;

	const order = contactOrder(columns);
	const rows: ContactScore[] = [];
	for (let r = 0; r < order.length; r++) {
		const c = order[r];
		const code = band[c];
		if (code === NOT_SEEN) continue;
		const tenure = run.tenureDays[c];
		const sinceSend = run.daysSinceSend[c];
		const sinceActivity = run.daysSinceActivity[c];
		const engaged = p.engaged[c];
		const sends = Math.max(p.sent[c], p.delivered[c]);
		const optedOut = p.lastOptOut[c] > p.lastSubscribe[c];
		const label = LIFECYCLE_BANDS[code];

		const lastOpenedText = `last opened/clicked ${plural(sinceActivity, 'day')} ago`;
		const activityText =
			engaged === 0
				? 'never opened or clicked'
				: `opened/clicked ${plural(engaged, 'email')} (${engaged > (fewMax as number) ? `> ${formatNumber(fewMax as number)}: many` : `≤ ${formatNumber(fewMax as number)}: few`}), ${lastOpenedText} (${sinceActivity <= (recentDays as number) ? `≤ ${recentDays}: recent` : `> ${recentDays}: not recent`})`;
		let rule: string;
		let explanation: string;
		if (code === OFF) {
			if (optedOut) {
				rule = 'opted-out';
				explanation = `Opted out on ${dateOf(p.lastOptOut[c])} (no subscribe since): not contacted → Off`;
			} else if (Number.isNaN(sinceSend)) {
				rule = 'never-contacted';
				explanation = 'No email sent to this contact (transactional excluded) → Off';
			} else {
				rule = 'not-contacted-recently';
				explanation = `Last email ${plural(sinceSend, 'day')} ago, on ${dateOf(p.lastSend[c])} (> ${contactedDays} days: not contacted recently) → Off`;
			}
		} else if (code === ACTIVE_NEW || code === INACTIVE_NEW) {
			rule = RULES[code];
			const activity =
				engaged === 0
					? 'never opened or clicked'
					: `${lastOpenedText} (${code === ACTIVE_NEW ? `≤ ${recentDays}: recent` : `> ${recentDays}: not recent`})`;
			explanation = `In the database ${plural(tenure, 'day')} (< ${newDays}: new), ${activity} → ${label}`;
		} else if (code === INACTIVE) {
			rule = RULES[code];
			explanation = `In the database ${plural(tenure, 'day')}, received ${plural(sends, 'email')} (last ${plural(sinceSend, 'day')} ago) but never opened or clicked → Inactive`;
		} else {
			rule = RULES[code];
			explanation = `${activityText.charAt(0).toUpperCase()}${activityText.slice(1)} → ${label}`;
		}

		rows.push({
			contactId: columns.contactIds[c],
			score: OFF - code,
			band: label,
			explanation,
			details: {
				rule,
				tenureDays: tenure,
				firstSeenAt: calendar.isoInstant(p.firstSeen[c]),
				new: tenure < (newDays ?? 0),
				sends,
				lastSendAt: calendar.isoInstant(p.lastSend[c]),
				daysSinceLastSend: Number.isNaN(sinceSend) ? null : sinceSend,
				contacted: code !== OFF,
				optedOut,
				emailsOpenedOrClicked: engaged,
				engagementRate: sends > 0 ? engaged / sends : null,
				lastOpenOrClickAt: calendar.isoInstant(p.lastActivity[c]),
				daysSinceLastOpenOrClick: Number.isNaN(sinceActivity) ? null : sinceActivity,
			},
		});
	}

	const { counts } = countBands(band);
	return {
		contacts: rows,
		account: {
			model: 'lifecycle',
			asOf: new Date(context.asOf).toISOString(),
			timezone: context.timezone,
			contacts: rows.length,
			bandCounts: counts,
			...values,
			thresholds,
			derivationParameters: {
				cadenceSampleGaps: settings.cadenceSampleGaps,
				contactedWithinSends: settings.contactedWithinSends,
				newContactSends: settings.newContactSends,
				newContactQuantile: settings.newContactQuantile,
				recentQuantile: settings.recentQuantile,
				activityQuantile: settings.activityQuantile,
			},
		},
	};
}

export const lifecycle = columnarModel(lifecycleFromColumns);

export interface LifecycleSnapshot {
	/** The asOf instant, ISO-8601. */
	asOf: string;
	/** Contacts with an event at or before asOf. */
	contacts: number;
	bandCounts: Record<LifecycleBand, number>;
	/** The thresholds derived (or set) at that date: the model adapts as the data moves. */
	thresholds: Record<LifecycleThresholdName, number | null>;
}

export interface LifecycleOverTimeOptions {
	/** IANA zone for calendar days; default 'UTC'. */
	timezone?: string;
	/** Drop events flagged `machine`; default true. */
	excludeMachine?: boolean;
	/** Lifecycle parameters (threshold overrides and derivation knobs). */
	[parameter: string]: unknown;
}

/**
 * Cluster counts over time (Contactlab: "an overview of the total number of contacts in different clusters and how
 * these change over time"): the events are validated and prepared once, then the lifecycle model is run as of each
 * date in `asOfDates` (in the order given), seeing only the events up to that instant. Options as for
 * `scoreContacts` (timezone, excludeMachine, machineFilter, lifecycle parameters).
 */
export function lifecycleOverTime(
	events: Iterable<EngagementEvent>,
	asOfDates: readonly Timestamp[],
	options: LifecycleOverTimeOptions = {},
): LifecycleSnapshot[] {
	const timezone = options.timezone ?? 'UTC';
	const settings = readLifecycleSettings(options);
	const excludeMachine = options.excludeMachine !== false;
	const machineFilter = options.machineFilter as MachineFilterOptions | undefined;
	const input = markMachineEvents(events, machineFilter, { timezone, excludeMachine });
	const columns = prepareEventColumns(input, { timezone, excludeMachine });
	return asOfDates.map((date) => {
		const asOf = resolveAsOf(date, timezone);
		const run = classifyLifecycle(columns, settings, { asOf, timezone });
		const { counts, contacts } = countBands(run.band);
		return {
			asOf: new Date(asOf).toISOString(),
			contacts,
			bandCounts: counts,
			thresholds: thresholdValues(run.thresholds),
		};
	});
}
