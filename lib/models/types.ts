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

/**
 * `explain: false`: rows carry only contactId, score and band (`CompactContactScore`), no explanation nor details —
 * what a write-back needs, built several times faster and far lighter to hold. Omitted or true: explained rows.
 * Pass it literally to get the compact result type.
 */
export interface CompactScoreOptions extends ScoreOptions {
	explain: false;
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

/** A row of a run with `explain: false`. */
export type CompactContactScore = Pick<ContactScore, 'contactId' | 'score' | 'band'>;

export interface ScoreResult<Row extends CompactContactScore = ContactScore> {
	/** One per contact seen in the events, sorted by contactId. */
	contacts: Row[];
	/** Account-level figures: averageScore, totalCampaigns, derived thresholds, ... */
	account: Record<string, unknown>;
}

/** A result whose rows may be compact: a run's rows are full ContactScores unless it asked for `explain: false`. */
export type AnyScoreResult = ScoreResult<ContactScore> | ScoreResult<CompactContactScore>;

/** What every model receives after validation, de-duplication and machine filtering. */
export interface ScoringContext {
	/** Scoring instant, epoch ms. */
	asOf: number;
	timezone: string;
	/**
	 * false: only contactId, score and band are wanted. A model may then return compact rows if it says so
	 * (`compactRows`, columnarModel.ts); the rows of the others are compacted after it.
	 */
	explain?: boolean;
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
