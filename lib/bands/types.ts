/** A named score range for fixed-threshold banding: min inclusive, max exclusive; either may be open. */
export interface ThresholdBand {
	name: string;
	min?: number;
	max?: number;
}

/** A named slice of the population by rank: the top `topPercent` % of scored contacts not already taken. */
export interface QuantileBand {
	name: string;
	topPercent: number;
}

export type BandMethod =
	| {
			method: 'relativeToAverage';
			/** Account average; computed from the rows' scores when absent. */
			average?: number;
			lowMultiplier?: number; // default 0.5
			highMultiplier?: number; // default 1.5
			labels?: { null?: string; zero?: string; low?: string; medium?: string; high?: string };
	  }
	| { method: 'thresholds'; bands: ThresholdBand[]; fallback?: string }
	| { method: 'quantiles'; bands: QuantileBand[]; fallback?: string }
	| { method: 'model' };

export interface BandableRow {
	contactId?: string;
	score: number | null;
	/** The model's band, used by method 'model'. */
	band?: string;
	/** The band stored last time (e.g. in the CRM); compared to set `changed`. */
	previousBand?: string | null;
}

export interface BandAssignment {
	band: string;
	previousBand: string | null;
	/** True when previousBand is known and differs, or when there was none (first assignment). */
	changed: boolean;
}
