import type { EngagementEvent, Timestamp, TimedEvent } from '../events/types';

export type ModelName = 'decay' | 'clickShare' | 'recency' | 'recency5' | 'lifecycle';

/** Options of `scoreContacts` (DESIGN.md "Public library API"); model parameters ride along by name. */
export interface ScoreOptions {
	model: ModelName | string;
	/** Scoring instant; default now. */
	asOf?: Timestamp;
	/** IANA zone for calendar days; default 'UTC'. */
	timezone?: string;
	/** Drop events flagged `machine`; default true. */
	excludeMachine?: boolean;
	[modelParameter: string]: unknown;
}

export interface ContactScore {
	contactId: string;
	score: number | null;
	/** One of the model's exact band labels (DESIGN.md "Models and exact band labels"). */
	band: string;
	/** One human line: why this band. */
	explanation: string;
	/** Machine-readable: counts, last dates, rule fired. */
	details: Record<string, unknown>;
}

export interface ScoreResult {
	/** One per contact seen in the events, sorted by contactId. */
	contacts: ContactScore[];
	/** Account-level figures: averageScore, totalCampaigns, derived thresholds, ... */
	account: Record<string, unknown>;
}

/** What every model receives after validation, de-duplication and machine filtering. */
export interface ScoringContext {
	/** Scoring instant, epoch ms. */
	asOf: number;
	timezone: string;
}

/**
 * A scoring model: pure function from prepared events (validated, `time` in epoch ms, de-duplicated, machine events
 * removed when asked) to one row per contact. `parameters` are the caller's options; the model applies its defaults.
 */
export type ScoringModel = (
	events: readonly TimedEvent[],
	parameters: Record<string, unknown>,
	context: ScoringContext,
) => ScoreResult;

export type { EngagementEvent };
