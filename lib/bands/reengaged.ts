/** The labels of Ometria's bands (seed 004) a re-engagement transfer reads: the method's own, renamed or not. */
export interface EngagementLabels {
	zero: string;
	low: string;
	medium: string;
	high: string;
}

/**
 * Ometria (seed 004), Low band: "Unengaged contacts that start engaging with emails are automatically transferred to
 * the low engagement band." Unengaged is the band a contact had last time (`previousBand`: the no-engagement band);
 * starting to engage is scoring into Medium or High now. Such a contact is Low for this run; from the next run on its
 * previous band is Low and its score decides. Any other band stays as it is (New and Null cannot follow No engagement,
 * and a contact still at 0 stays unengaged).
 */
export function reengagedBand(
	band: string,
	previousBand: string | null | undefined,
	labels: EngagementLabels,
): string {
	if (previousBand !== labels.zero) return band;
	return band === labels.medium || band === labels.high ? labels.low : band;
}
