import type { MachineFilterOptions } from '../events/filterMachineEvents';
import type { CampaignKind, EngagementEvent, Timestamp } from '../events/types';

/**
 * One campaign's totals, as in Channel Talk's "Campaign data" / "OneTimeMsg data" sheet (seed 001).
 * `sent`, `view`, `click`, `goal` count distinct contacts; `startAt`/`endAt` are the first and last send (ISO-8601, UTC).
 */
export interface CampaignRow {
	campaignId: string;
	/** Present when the events carry `campaignName`. */
	name?: string;
	/** Present when the events carry `campaignState`. */
	state?: string;
	sent: number;
	view: number;
	click: number;
	goal: number;
	startAt: string | null;
	endAt: string | null;
	/** With `includeRawFigures`: the same counts with machine events included. */
	raw?: CampaignFigures;
}

/** The distinct-contact counts of a campaign row. */
export type CampaignFigures = Pick<CampaignRow, 'sent' | 'view' | 'click' | 'goal'>;

/** One campaign's counts on one calendar day (`date` is yyyy-MM-dd in the report's time zone): "CampaignStat data". */
export interface CampaignStatRow {
	campaignId: string;
	date: string;
	sent: number;
	view: number;
	click: number;
	goal: number;
}

/** One contact's results for one campaign: "CampaignUser data". Each field is the time it happened (ISO-8601, UTC) or null. */
export interface CampaignUserRow {
	campaignId: string;
	userId: string;
	sent: string | null;
	view: string | null;
	click: string | null;
	goal: string | null;
}

export interface CampaignReport {
	campaigns: CampaignRow[];
	daily: CampaignStatRow[];
	users: CampaignUserRow[];
}

/** Channel Talk's preset periods, plus 'custom' (from/to) and 'all' (no limit). */
export type PeriodPreset =
	| 'last7Days'
	| 'last30Days'
	| 'last90Days'
	| 'thisMonth'
	| 'lastMonth'
	| 'custom'
	| 'all';

export interface PeriodOptions {
	/** A preset, resolved in `timezone` relative to `asOf`; default 'custom' when from/to are given, else 'all'. */
	period?: PeriodPreset;
	/** Start of a custom period, inclusive. A date without a time (yyyy-MM-dd) means the start of that day in `timezone`. */
	from?: Timestamp;
	/** End of a custom period, inclusive. A date without a time (yyyy-MM-dd) means the whole of that day in `timezone`. */
	to?: Timestamp;
	/** The instant presets are relative to; default now. */
	asOf?: Timestamp;
	/** IANA zone for calendar days; default 'UTC'. */
	timezone?: string;
}

/** A resolved period: epoch ms, `from` inclusive, `to` exclusive; null = unbounded. */
export interface ResolvedPeriod {
	from: number | null;
	to: number | null;
}

/** The three sheets of the campaign report. */
export type CampaignSheet = 'campaigns' | 'daily' | 'users';

export interface CampaignReportOptions extends PeriodOptions {
	/** A view counts only within this many days (24-hour periods) after the contact's latest earlier send; default 7. */
	viewWindowDays?: number;
	/** A goal counts only within this many days after the contact's latest send before it; default 30. */
	goalWindowDays?: number;
	/** ... and within this many days after one of the contact's views (any, not only the first); default 7. */
	goalAfterViewDays?: number;
	/** Event types that count as reaching the goal; default ['conversion']. */
	goalTypes?: string[];
	/** Drop opens and clicks flagged `machine`; default true. */
	excludeMachine?: boolean;
	/**
	 * Also drop the opens and clicks these bot rules judge machine-made (`filterMachineEvents`: near the send, scanner
	 * user agents and IP ranges, before delivery, …), as Score Contacts' Bot Rules do; only while machine events are
	 * excluded. Raw figures (`includeRawFigures`) count every event either way.
	 */
	machineFilter?: MachineFilterOptions;
	/**
	 * Also compute the figures with machine events included (as with `excludeMachine: false`) and add them next to the
	 * filtered ones as `raw` on each campaign row; default false. Costs a second pass over the events.
	 */
	includeRawFigures?: boolean;
	/** Count a click within the view window as a view when no open was recorded; default false (views are opens). */
	clickCountsAsView?: boolean;
	/**
	 * Campaign kinds reported over their whole duration whatever the period (Channel Talk downloads "the entire period
	 * data of the campaign at once regardless of the time period setting"). A campaign of these kinds is listed when it
	 * has activity in the period. Default [] (every campaign is cut to the period).
	 */
	wholeCampaignKinds?: CampaignKind[];
	/**
	 * The sheets to build; default all three. The others come back as empty arrays. Leaving out `users` (one row per
	 * contact and campaign) saves most of the time and memory on large event logs.
	 */
	sheets?: CampaignSheet[];
}

/** An event as the reports read it: the schema plus optional campaign metadata passed through to the rows. */
export interface ReportEvent extends EngagementEvent {
	campaignName?: string;
	campaignState?: string;
}

export interface EngagementRatesOptions extends PeriodOptions {
	/** Drop opens and clicks flagged `machine`; default true. */
	excludeMachine?: boolean;
	/**
	 * Also drop the opens and clicks these bot rules judge machine-made (`filterMachineEvents`: near the send, scanner
	 * user agents and IP ranges, before delivery, …), as Score Contacts' Bot Rules do; only while machine events are
	 * excluded. Raw figures (`includeRawFigures`) count every event either way.
	 */
	machineFilter?: MachineFilterOptions;
	/** Event types that count as a conversion; default ['conversion']. */
	conversionTypes?: string[];
	/**
	 * Also compute the figures with machine events included (as with `excludeMachine: false`) and add them next to the
	 * filtered ones as `raw`; default false. Costs a second pass over the events.
	 */
	includeRawFigures?: boolean;
}

/** Crescendo Lab's contact engagement metrics (seed 000). Rates are fractions 0..1 of `recipients`. */
export interface EngagementRates {
	/** Contacts who received at least one broadcast. */
	recipients: number;
	opened: number;
	clicked: number;
	converted: number;
	openRate: number;
	clickRate: number;
	conversionRate: number;
	/** Contacts with events in the period who received no broadcast: left out of every figure above. */
	excludedContacts: number;
	/**
	 * Recipients all of whose broadcast sends were untracked (`tracked: false`: opens not measured). Unknown is not
	 * zero: they are left out of the open rate's denominator (openRate = opened / (recipients − this)).
	 */
	untrackedRecipients: number;
	/** With `includeRawFigures`: the same figures with machine events included. */
	raw?: EngagementFigures;
}

export type EngagementFigures = Pick<
	EngagementRates,
	| 'recipients'
	| 'untrackedRecipients'
	| 'opened'
	| 'clicked'
	| 'converted'
	| 'openRate'
	| 'clickRate'
	| 'conversionRate'
>;
