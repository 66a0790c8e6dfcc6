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
			/**
			 * Ometria's transfer (seed 004): a row whose `previousBand` is the no-engagement band and which now scores
			 * Medium or High is Low for this run. Default true; it needs the previous band.
			 */
			reengagedToLow?: boolean;
	  }
	| {
			method: 'thresholds';
			/** The highest band's max is inclusive, so a perfect score (e.g. 100 of 100) has a band. */
			bands: ThresholdBand[];
			/** Band for scores no range covers; without it such a score is an error, and so is a gap between ranges. */
			fallback?: string;
			/** Band for rows without a score; default 'Null'. */
			nullBand?: string;
	  }
	| {
			method: 'quantiles';
			/** From the top: the first band takes the top x %, the next the following y %, and so on. */
			bands: QuantileBand[];
			/** Band for the rest when the percentages add up to less than 100; required then. */
			fallback?: string;
			/** Band for rows without a score; default 'Null'. */
			nullBand?: string;
	  }
	| {
			method: 'model';
			/**
			 * The scoring model, so its labels are known before any row arrives (named outputs, zero-filled counts), and
			 * a band that is not one of them is an error.
			 */
			model?: string;
			/** For decay's bands, as for relative-to-average: the re-engaged move to Low. Default true. */
			reengagedToLow?: boolean;
	  };

export type BandMethodName = BandMethod['method'];

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
