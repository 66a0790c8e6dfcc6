import type { DecayParameters } from './decay';

/** Counts up to this many sends make a cache key (three counts in one small integer); larger ones are written out. */
const CACHED_COUNT_LIMIT = 1 << 10;

/**
 * The `explanation` strings of decay rows. Everything but the score depends on the run's parameters, the account
 * average and a few small counts, so those pieces are built once per run and rows of 100 k contacts concatenate two
 * or three strings each, e.g.
 * "3 of 6 sends opened within 7 days in the last 180 days, 1 clicked; score 0.41 vs account average 0.22 → High".
 */
export interface DecayExplanations {
	noSend: string;
	untracked(total: number): string;
	newContact(subscribed: boolean, tenureDays: number, score: number, sendsInWindow: number): string;
	noEngagement(opened: number, sendsInWindow: number): string;
	banded(
		band: 'Low' | 'Medium' | 'High',
		opened: number,
		sendsInWindow: number,
		clicked: number,
		score: number,
	): string;
}

/** "0.00" … "1.00": the texts of scores in [0, 1], which is where decay scores lie. */
const UNIT_SCORE_TEXTS = Array.from({ length: 101 }, (_, hundredths) =>
	(hundredths / 100).toFixed(2),
);

/**
 * `score.toFixed(2)`, without formatting a number per row for scores in [0, 1]. toFixed picks the hundredth nearest the
 * score's exact value; when score·100 lies clearly away from a half (by more than its rounding error, ~1e-14), the
 * nearest integer to the computed product is that hundredth, so the shared text is the same string.
 */
export function formatScore(score: number): string {
	const hundredths = score * 100;
	const nearest = Math.round(hundredths);
	if (hundredths >= 0 && nearest <= 100 && Math.abs(hundredths - nearest) < 0.4999) {
		return UNIT_SCORE_TEXTS[nearest];
	}
	return score.toFixed(2);
}

/** The texts of a run with `explain: false`: none (rows carry no explanation, so none is built). */
export const SILENT_DECAY_EXPLANATIONS: DecayExplanations = {
	noSend: '',
	untracked: () => '',
	newContact: () => '',
	noEngagement: () => '',
	banded: () => '',
};

export function decayExplanations(p: DecayParameters, average: number): DecayExplanations {
	const averageText = formatScore(average);
	const openedWithin = ` sends opened within ${p.interactionWindowDays} days in the last ${p.windowDays} days`;
	const noEngagementTail = `${openedWithin}; score 0 → No engagement`;
	const versusAverage = (band: string) => ` vs account average ${averageText} → ${band}`;
	const bandTail = {
		Low: versusAverage('Low'),
		Medium: versusAverage('Medium'),
		High: versusAverage('High'),
	};
	const protectionNotes: string[] = [];
	/** Rows with fewer sends in the window than minEvents mix in the account average, and say so. */
	const protection = (n: number) =>
		n < p.minEvents
			? (protectionNotes[n] ??= ` (account-average protection: ${n} < ${p.minEvents} sends)`)
			: '';
	const countsText = new Map<number, string>();
	/** "o of n sends opened within … days, k clicked; score " */
	const bandedPrefix = (o: number, n: number, k: number): string => {
		const key = n < CACHED_COUNT_LIMIT ? (n * CACHED_COUNT_LIMIT + o) * CACHED_COUNT_LIMIT + k : -1;
		let text = countsText.get(key);
		if (text === undefined) {
			text = `${o} of ${n}${openedWithin}, ${k} clicked; score `;
			if (key >= 0) countsText.set(key, text);
		}
		return text;
	};
	const noEngagementTexts: string[] = [];
	/** What follows the score in a banded row: the protection note (by n) and the band's comparison. */
	const protectedTails = { Low: [] as string[], Medium: [] as string[], High: [] as string[] };
	const bandedTail = (band: 'Low' | 'Medium' | 'High', n: number) =>
		n < p.minEvents ? (protectedTails[band][n] ??= protection(n) + bandTail[band]) : bandTail[band];
	return {
		noSend: 'No email sent to this contact (transactional excluded), so no engagement data → Null',
		untracked: (total) =>
			`All ${total} sends untracked (open tracking off or privacy-protected): engagement unknown, not zero → Null`,
		newContact: (subscribed, tenureDays, score, n) =>
			`${subscribed ? 'Subscribed' : 'First email'} ${tenureDays} days ago (< ${p.newContactDays}) and no counted open or click yet; score ${formatScore(score)}${protection(n)} → New`,
		noEngagement: (o, n) =>
			o === 0 && n < CACHED_COUNT_LIMIT
				? (noEngagementTexts[n] ??= `0 of ${n}${noEngagementTail}`)
				: `${o} of ${n}${noEngagementTail}`,
		banded: (band, o, n, k, score) =>
			bandedPrefix(o, n, k) + formatScore(score) + bandedTail(band, n),
	};
}
