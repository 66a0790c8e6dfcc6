import { clickShare } from './clickShare';
import { decay } from './decay';
import { hubspotGraymail } from './hubspotGraymail';
import { klaviyoEngagement } from './klaviyoEngagement';
import { lifecycle } from './lifecycle';
import { mailchimpStars } from './mailchimpStars';
import { mailpoet } from './mailpoet';
import { recency } from './recency';
import { recency5 } from './recency5';
import { rfm } from './rfm';
import type { ScoringModel } from './types';

/**
 * Every model `scoreContacts` can dispatch to, by the name users pass as `options.model`.
 * To add a model: write `lib/models/<name>.ts` exporting a `ScoringModel` and add one line here.
 */
export const scoringModels: Readonly<Record<string, ScoringModel>> = {
	decay,
	clickShare,
	recency,
	recency5,
	lifecycle,
	klaviyoEngagement,
	hubspotGraymail,
	mailchimpStars,
	mailpoet,
	rfm,
};

export function modelNames(): string[] {
	return Object.keys(scoringModels);
}

/** The model registered under `name`; throws a RangeError listing the valid names otherwise. */
export function getScoringModel(name: unknown): ScoringModel {
	if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(scoringModels, name)) {
		return scoringModels[name];
	}
	throw new RangeError(
		`Unknown scoring model ${JSON.stringify(name)}; valid models: ${modelNames().join(', ')}`,
	);
}
