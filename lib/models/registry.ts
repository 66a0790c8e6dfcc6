import { EngagementInputError } from '../errors';
import { RECENCY_PARAMETERS } from './activeRecency';
import { clickShare } from './clickShare';
import { decay, DECAY_DEFAULTS } from './decay';
import { HUBSPOT_GRAYMAIL_DEFAULTS, hubspotGraymail } from './hubspotGraymail';
import { KLAVIYO_ENGAGEMENT_DEFAULTS, klaviyoEngagement } from './klaviyoEngagement';
import { lifecycle } from './lifecycle';
import { LIFECYCLE_DEFAULTS, LIFECYCLE_THRESHOLD_NAMES } from './lifecycleThresholds';
import { mailchimpStars } from './mailchimpStars';
import { unknownOptionName } from './modelParameters';
import { MAILPOET_DEFAULTS, mailpoet } from './mailpoet';
import { recency } from './recency';
import { recency5, WEB_PARAMETERS } from './recency5';
import { rfm, RFM_DEFAULTS } from './rfm';
import type { ScoringModel } from './types';

/**
 * Every model `scoreContacts` can dispatch to, by the name users pass as `options.model`.
 * To add a model: write `lib/models/<name>.ts` exporting a `ScoringModel`, add one line here and its parameters to
 * `modelParameters`.
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

/** The options of `scoreContacts` that every model takes (DESIGN.md "Public library API" and the run's options). */
export const SCORE_OPTION_NAMES = [
	'model',
	'asOf',
	'timezone',
	'excludeMachine',
	'explain',
	'includeEvidence',
	'evidenceLimit',
	'includeRawFigures',
	'machineFilter',
	'machineOpensAsUnknown',
	'accountStatistics',
] as const;

/** Each model's own parameters, as its readers name them (docs/models-*.md list them with their defaults). */
const modelParameters: Readonly<Record<string, readonly string[]>> = {
	decay: [...Object.keys(DECAY_DEFAULTS), 'untrackedCampaigns'],
	clickShare: ['totalCampaigns'],
	recency: RECENCY_PARAMETERS,
	recency5: [...RECENCY_PARAMETERS, ...WEB_PARAMETERS],
	lifecycle: [...LIFECYCLE_THRESHOLD_NAMES, ...Object.keys(LIFECYCLE_DEFAULTS)],
	klaviyoEngagement: [...Object.keys(KLAVIYO_ENGAGEMENT_DEFAULTS), 'untrackedCampaigns'],
	hubspotGraymail: [...Object.keys(HUBSPOT_GRAYMAIL_DEFAULTS), 'untrackedCampaigns'],
	mailchimpStars: ['untrackedCampaigns'],
	mailpoet: [...Object.keys(MAILPOET_DEFAULTS), 'untrackedCampaigns'],
	rfm: Object.keys(RFM_DEFAULTS),
};

/** The parameters of the model registered under `name` (besides SCORE_OPTION_NAMES). */
export function modelParameterNames(name: string): readonly string[] {
	return modelParameters[name] ?? [];
}

/**
 * Refuses an option that is neither one of SCORE_OPTION_NAMES nor a parameter of the model: a misspelt parameter
 * (`minEvent`) would otherwise be ignored without a word and the model run with its default. Options set to
 * `undefined` count as absent.
 */
export function checkOptionNames(
	modelName: string,
	options: Readonly<Record<string, unknown>>,
): void {
	const parameters = modelParameterNames(modelName);
	const unknown = unknownOptionName(options, [...SCORE_OPTION_NAMES, ...parameters]);
	if (unknown === undefined) return;
	const listed = parameters.length > 0 ? parameters.join(', ') : 'none';
	throw new EngagementInputError(
		`is not a parameter of the ${modelName} model nor an option of every model; ${modelName}'s parameters: ${listed}`,
		{ field: unknown },
	);
}
