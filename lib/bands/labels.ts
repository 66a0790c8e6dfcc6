import { CLICK_SHARE_BANDS } from '../models/clickShare';
import { DECAY_BANDS } from '../models/decay';
import { HUBSPOT_GRAYMAIL_BANDS } from '../models/hubspotGraymail';
import { KLAVIYO_ENGAGEMENT_BANDS } from '../models/klaviyoEngagement';
import { LIFECYCLE_BANDS } from '../models/lifecycle';
import { MAILCHIMP_STARS_BANDS } from '../models/mailchimpStars';
import { MAILPOET_BANDS } from '../models/mailpoet';
import { RFM_BANDS } from '../models/rfm';

export { DECAY_BANDS } from '../models/decay';
export { CLICK_SHARE_BANDS } from '../models/clickShare';
export { LIFECYCLE_BANDS } from '../models/lifecycle';

/** Crescendo Lab basic plans (seed 000): most engaged first. */
export const RECENCY_BANDS = ['Level 3', 'Level 2', 'Level 1'] as const;

/** Crescendo Lab with web behaviour (seed 000): most engaged first. */
export const RECENCY5_BANDS = ['Level 5', 'Level 4', 'Level 3', 'Level 2', 'Level 1'] as const;

/**
 * The exact band labels of each scoring model (DESIGN.md "Models and exact band labels"), in display order.
 * One source of truth: the models define their labels (decay, clickShare, lifecycle) or emit these (recency levels);
 * Assign Band names its outputs after MODEL_BANDS and the reports zero-fill by it.
 */
export const MODEL_BANDS: Readonly<Record<string, readonly string[]>> = {
	decay: DECAY_BANDS,
	clickShare: CLICK_SHARE_BANDS,
	recency: RECENCY_BANDS,
	recency5: RECENCY5_BANDS,
	lifecycle: LIFECYCLE_BANDS,
	klaviyoEngagement: KLAVIYO_ENGAGEMENT_BANDS,
	hubspotGraymail: HUBSPOT_GRAYMAIL_BANDS,
	mailchimpStars: MAILCHIMP_STARS_BANDS,
	mailpoet: MAILPOET_BANDS,
	rfm: RFM_BANDS,
};

/** Labels of the relative-to-average method (Ometria's, seed 004), overridable per run. */
export const RELATIVE_TO_AVERAGE_LABELS = {
	null: 'Null',
	zero: 'No engagement',
	low: 'Low',
	medium: 'Medium',
	high: 'High',
} as const;

/** Band given to a row without a score by the thresholds and quantiles methods, unless overridden. */
export const DEFAULT_NULL_BAND = 'Null';

/** The band labels of a model, or undefined for a model we do not know (e.g. a custom one). */
export function modelBands(model: string): readonly string[] | undefined {
	return Object.prototype.hasOwnProperty.call(MODEL_BANDS, model) ? MODEL_BANDS[model] : undefined;
}
