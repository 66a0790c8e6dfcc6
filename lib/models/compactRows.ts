import type { AnyScoreResult, CompactContactScore, ScoreResult } from './types';

/** The rows of a run that did not ask for `explain: false` (the model then built full rows). */
export function explainedResult(result: AnyScoreResult): ScoreResult {
	return result as ScoreResult;
}

/** A result's rows reduced to contactId, score and band. */
export function compactResult(result: AnyScoreResult): ScoreResult<CompactContactScore> {
	const contacts = new Array<CompactContactScore>(result.contacts.length);
	for (let k = 0; k < contacts.length; k++) {
		const { contactId, score, band } = result.contacts[k];
		contacts[k] = { contactId, score, band };
	}
	return { contacts, account: result.account };
}
