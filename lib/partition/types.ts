/**
 * Partitioned scoring: the account-level figures a model computes over every contact, as statistics that a run over
 * one partition of the contacts can produce and that merge exactly. All shapes are plain JSON, so they travel between
 * n8n executions (sub-workflows, queue-mode workers) as item fields.
 */

export const PARTIAL_STATISTICS_TYPE = 'engagementScoring.partialStatistics';
export const ACCOUNT_STATISTICS_TYPE = 'engagementScoring.accountStatistics';
export const STATISTICS_VERSION = 1;

/** decay: the account average is Σ raw scores / contacts with a raw score. */
export interface DecayFigures {
	/** The exact sum of the raw scores as a non-overlapping expansion (ExactSum partials). */
	rawScoreSum: number[];
	contactsWithRawScore: number;
}

/** clickShare: the denominator is the number of distinct broadcast campaigns sent (or clicked). */
export interface ClickShareFigures {
	/** Sorted, distinct campaign ids. */
	broadcastCampaigns: string[];
}

/**
 * lifecycle: what the threshold derivations look at (lifecycleThresholds.ts), kept as exact counts per whole-day (or
 * count) value, so the merged medians are exactly those of a single run. Day numbers are local calendar days of the
 * statistics' timezone; "days" are calendar days before asOf.
 */
export interface LifecycleFigures {
	/** [campaignId, day of the campaign's first broadcast send]. */
	broadcastStarts: Array<[string, number]>;
	/** [campaignId, day of the campaign's first automation (non-broadcast, non-transactional) send]. */
	otherStarts: Array<[string, number]>;
	/** Days with a broadcast / other send that has no campaignId. */
	broadcastDaysWithoutId: number[];
	otherDaysWithoutId: number[];
	/** [tenure days, contacts]. */
	tenureDays: Array<[number, number]>;
	/** Of contacts with a send, not opted out, who opened or clicked: [days since last send, days since last open or click, contacts]. */
	activityAges: Array<[number, number, number]>;
	/** The same contacts: [days since last send, tenure days, emails opened or clicked, contacts]. */
	activityCounts: Array<[number, number, number, number]>;
}

export type ModelFigures =
	| DecayFigures
	| ClickShareFigures
	| LifecycleFigures
	| Record<string, never>;

interface StatisticsHeader<Type extends string> {
	type: Type;
	version: number;
	model: string;
	/** The scoring instant, ISO-8601 UTC: every partition and the banding run must use the same one. */
	asOf: string;
	timezone: string;
	/** Contacts with an event at or before asOf. */
	contacts: number;
	/** Partitions summed up (1 for a partial). */
	partitions: number;
	figures: ModelFigures;
}

/** What `partialStatistics` returns for one partition of the contacts. */
export type PartialStatistics = StatisticsHeader<typeof PARTIAL_STATISTICS_TYPE>;

/** What `mergeStatistics` returns: pass it as `accountStatistics` to `scoreContacts` on every partition. */
export type AccountStatistics = StatisticsHeader<typeof ACCOUNT_STATISTICS_TYPE>;
