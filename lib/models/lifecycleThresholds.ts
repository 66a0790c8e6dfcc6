import { formatNumber } from './explanationText';
import {
	readFractionParameter,
	readNumberParameter,
	readOptionalNumberParameter,
} from './modelParameters';
import { nearestRankQuantile } from './nearestRank';

/**
 * The thresholds of the `lifecycle` model and how each is derived from the data of one run (Contactlab: "parameters to
 * determine if a user is new or not, active or not, are automatically calculated"; "The algorithm is auto-adaptive").
 * Each can be fixed by the parameter of the same name; the knobs of the derivations are parameters too.
 *
 * 1. `sendIntervalDays` — the account's send cadence: the local calendar days on which the account started a broadcast
 *    campaign (a campaign's first send; a send without campaignId counts on its own day; automation campaigns only when
 *    there is no broadcast), the gaps in days between the last `cadenceSampleGaps` + 1 of those days (default 12 gaps),
 *    and their median (nearest rank). With a single send day: the days from it to asOf (at least 1). No send: null.
 * 2. `contactedWithinDays` — "received regular communications": a send within `contactedWithinSends` (3) send
 *    intervals, i.e. ceil(3 × sendIntervalDays). Contacts without one are Off ("not been contacted recently").
 * 3. `newContactDays` — the tenure below which a contact is new: enough time to have received `newContactSends` (3)
 *    sends, 3 × sendIntervalDays, but no more than the `newContactQuantile` (median) of all contacts' tenures — a database
 *    full of recent sign-ups lowers the bar ("whether you have a high number of new customers") — and never less than
 *    one send interval. Tenure = calendar days since the contact's first event in the data.
 * 4. `recentDays` — "recently opened/clicked": the `recentQuantile` (median) of days since the last open or click over
 *    the contacted contacts who ever opened or clicked ("changes according to the behavior of the total customer
 *    database population"), never less than one send interval, so the latest send always counts as recent.
 * 5. `fewMaxActivities` — "a few times" vs "many times": the `activityQuantile` (median) of the number of emails opened
 *    or clicked (distinct campaigns) over contacted, non-new contacts who opened or clicked at least once; a contact
 *    with at most this many is "few", more is "many". No such contact: 1.
 */
export interface DerivedThreshold {
	value: number | null;
	/** How the value was obtained, with the numbers. */
	derivation: string;
	/** True when the caller fixed it by parameter. */
	overridden: boolean;
	/** How many values the derivation looked at. */
	sampleSize: number;
}

export const LIFECYCLE_THRESHOLD_NAMES = [
	'sendIntervalDays',
	'contactedWithinDays',
	'newContactDays',
	'recentDays',
	'fewMaxActivities',
] as const;

export type LifecycleThresholdName = (typeof LIFECYCLE_THRESHOLD_NAMES)[number];

export type LifecycleThresholds = Record<LifecycleThresholdName, DerivedThreshold>;

export interface LifecycleSettings {
	cadenceSampleGaps: number;
	contactedWithinSends: number;
	newContactSends: number;
	newContactQuantile: number;
	recentQuantile: number;
	activityQuantile: number;
	overrides: Partial<Record<LifecycleThresholdName, number>>;
}

export const LIFECYCLE_DEFAULTS = {
	cadenceSampleGaps: 12,
	contactedWithinSends: 3,
	newContactSends: 3,
	newContactQuantile: 0.5,
	recentQuantile: 0.5,
	activityQuantile: 0.5,
} as const;

export function readLifecycleSettings(parameters: Record<string, unknown>): LifecycleSettings {
	const overrides: Partial<Record<LifecycleThresholdName, number>> = {};
	for (const name of LIFECYCLE_THRESHOLD_NAMES) {
		const value = readOptionalNumberParameter(
			parameters,
			name,
			name === 'sendIntervalDays' ? 1 : 0,
		);
		if (value !== undefined) overrides[name] = value;
	}
	const d = LIFECYCLE_DEFAULTS;
	return {
		cadenceSampleGaps: Math.ceil(
			readNumberParameter(parameters, 'cadenceSampleGaps', d.cadenceSampleGaps, 1),
		),
		contactedWithinSends: readNumberParameter(
			parameters,
			'contactedWithinSends',
			d.contactedWithinSends,
			1,
		),
		newContactSends: readNumberParameter(parameters, 'newContactSends', d.newContactSends),
		newContactQuantile: readFractionParameter(
			parameters,
			'newContactQuantile',
			d.newContactQuantile,
		),
		recentQuantile: readFractionParameter(parameters, 'recentQuantile', d.recentQuantile),
		activityQuantile: readFractionParameter(parameters, 'activityQuantile', d.activityQuantile),
		overrides,
	};
}

function overridden(value: number): DerivedThreshold {
	return { value, derivation: 'set by parameter', overridden: true, sampleSize: 0 };
}

function quantileName(q: number): string {
	return q === 0.5 ? 'median' : `${formatNumber(q * 100)}th percentile`;
}

/** 1. `sendDays`: the account's distinct send-start days (local day numbers), any order. */
export function deriveSendInterval(
	sendDays: readonly number[],
	asOfDay: number,
	settings: LifecycleSettings,
	source: string,
): DerivedThreshold {
	const fixed = settings.overrides.sendIntervalDays;
	if (fixed !== undefined) return overridden(fixed);
	const days = [...sendDays].sort((a, b) => a - b);
	if (days.length === 0) {
		return { value: null, derivation: 'no send in the data', overridden: false, sampleSize: 0 };
	}
	if (days.length === 1) {
		const value = Math.max(1, asOfDay - days[0]);
		return {
			value,
			derivation: `a single ${source} send day, ${asOfDay - days[0]} days before asOf (at least 1)`,
			overridden: false,
			sampleSize: 1,
		};
	}
	const recent = days.slice(-(settings.cadenceSampleGaps + 1));
	const gaps = recent.slice(1).map((day, i) => day - recent[i]);
	const value = nearestRankQuantile([...gaps], 0.5) as number;
	return {
		value,
		derivation: `median gap between the last ${recent.length} days with a ${source} send (gaps in days: ${gaps.join(', ')})`,
		overridden: false,
		sampleSize: gaps.length,
	};
}

/** 2. */
export function deriveContactedWithin(
	interval: DerivedThreshold,
	settings: LifecycleSettings,
): DerivedThreshold {
	const fixed = settings.overrides.contactedWithinDays;
	if (fixed !== undefined) return overridden(fixed);
	if (interval.value === null) return { ...interval, overridden: false };
	const multiple = settings.contactedWithinSends;
	return {
		value: Math.ceil(multiple * interval.value),
		derivation: `${formatNumber(multiple)} × sendIntervalDays (${formatNumber(interval.value)}), rounded up`,
		overridden: false,
		sampleSize: interval.sampleSize,
	};
}

/** 3. `tenures`: calendar days since first event, of every contact scored. */
export function deriveNewContactDays(
	interval: DerivedThreshold,
	tenures: Float64Array,
	settings: LifecycleSettings,
): DerivedThreshold {
	const fixed = settings.overrides.newContactDays;
	if (fixed !== undefined) return overridden(fixed);
	if (interval.value === null) return { ...interval, overridden: false };
	const bySends = Math.ceil(settings.newContactSends * interval.value);
	const q = settings.newContactQuantile;
	const tenureQuantile = nearestRankQuantile(tenures, q) ?? bySends;
	const value = Math.max(Math.ceil(interval.value), Math.min(bySends, tenureQuantile));
	return {
		value,
		derivation: `min(${formatNumber(settings.newContactSends)} × sendIntervalDays = ${bySends}, ${quantileName(q)} tenure of ${tenures.length} contacts = ${tenureQuantile}), at least sendIntervalDays (${formatNumber(interval.value)})`,
		overridden: false,
		sampleSize: tenures.length,
	};
}

/** 4. `daysSinceActivity`: days since the last open/click of contacted contacts who ever opened or clicked. */
export function deriveRecentDays(
	interval: DerivedThreshold,
	daysSinceActivity: Float64Array,
	settings: LifecycleSettings,
): DerivedThreshold {
	const fixed = settings.overrides.recentDays;
	if (fixed !== undefined) return overridden(fixed);
	if (interval.value === null) return { ...interval, overridden: false };
	const floor = Math.ceil(interval.value);
	const q = settings.recentQuantile;
	const observed = nearestRankQuantile(daysSinceActivity, q);
	const value = Math.max(floor, observed ?? floor);
	return {
		value,
		derivation: `${quantileName(q)} days since the last open or click over ${daysSinceActivity.length} contacted contacts who opened or clicked (${observed ?? 'none'}), at least sendIntervalDays (${floor})`,
		overridden: false,
		sampleSize: daysSinceActivity.length,
	};
}

/** 5. `activityCounts`: emails opened or clicked, of contacted, non-new contacts with at least one. */
export function deriveFewMaxActivities(
	activityCounts: Float64Array,
	settings: LifecycleSettings,
): DerivedThreshold {
	const fixed = settings.overrides.fewMaxActivities;
	if (fixed !== undefined) return overridden(fixed);
	const q = settings.activityQuantile;
	const observed = nearestRankQuantile(activityCounts, q);
	return {
		value: observed ?? 1,
		derivation:
			observed === undefined
				? 'no established contacted contact opened or clicked: 1'
				: `${quantileName(q)} emails opened or clicked over ${activityCounts.length} established contacted contacts who opened or clicked`,
		overridden: false,
		sampleSize: activityCounts.length,
	};
}

/**
 * What the derivations look at: one run's contacts, or the merged statistics of partitioned runs (lib/partition).
 * `activity` gives, of the contacts sent to within `contactedDays` who did not opt out and opened or clicked, the days
 * since their last open or click, and — of those with tenure ≥ `newDays` — the emails they opened or clicked.
 */
export interface LifecycleSamples {
	sendDays: readonly number[];
	sendDaysSource: string;
	tenures: Float64Array;
	activity(contactedDays: number, newDays: number): { ages: Float64Array; counts: Float64Array };
}

/** Derives every threshold in order (each step may use the ones before). */
export function deriveLifecycleThresholds(
	samples: LifecycleSamples,
	asOfDay: number,
	settings: LifecycleSettings,
): LifecycleThresholds {
	const sendInterval = deriveSendInterval(
		samples.sendDays,
		asOfDay,
		settings,
		samples.sendDaysSource,
	);
	const contactedWithin = deriveContactedWithin(sendInterval, settings);
	const newContact = deriveNewContactDays(sendInterval, samples.tenures, settings);
	const { ages, counts } = samples.activity(contactedWithin.value ?? -1, newContact.value ?? 0);
	return {
		sendIntervalDays: sendInterval,
		contactedWithinDays: contactedWithin,
		newContactDays: newContact,
		recentDays: deriveRecentDays(sendInterval, ages, settings),
		fewMaxActivities: deriveFewMaxActivities(counts, settings),
	};
}
