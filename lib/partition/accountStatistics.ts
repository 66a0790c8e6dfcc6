import { EngagementInputError } from '../errors';
import { ExactSum } from './exactSum';
import { ACCOUNT_STATISTICS_TYPE } from './types';
import type { AccountStatistics, ClickShareFigures, DecayFigures, LifecycleFigures } from './types';

/**
 * The merged account statistics a model was given in `parameters.accountStatistics` (undefined when none), checked to
 * belong to this model, asOf and timezone: banding with figures of another instant would silently mix two scorings.
 */
function readAccountStatistics(
	parameters: Record<string, unknown>,
	model: string,
	context: { asOf: number; timezone: string },
): AccountStatistics | undefined {
	const statistics = parameters.accountStatistics;
	if (statistics === undefined || statistics === null || statistics === '') return undefined;
	const field = 'accountStatistics';
	const value = statistics as Partial<AccountStatistics>;
	if (typeof statistics !== 'object' || value.type !== ACCOUNT_STATISTICS_TYPE) {
		throw new EngagementInputError(
			`must be the merged statistics (mergeStatistics / the Merge Statistics operation), type "${ACCOUNT_STATISTICS_TYPE}"`,
			{ field },
		);
	}
	if (value.model !== model) {
		throw new EngagementInputError(
			`were computed for model "${String(value.model)}", not "${model}"`,
			{ field },
		);
	}
	const asOf = new Date(context.asOf).toISOString();
	if (value.asOf !== asOf) {
		throw new EngagementInputError(
			`were computed as of ${String(value.asOf)}; band with the same asOf (this run: ${asOf})`,
			{ field },
		);
	}
	if (value.timezone !== context.timezone) {
		throw new EngagementInputError(
			`count calendar days in "${String(value.timezone)}", this run in "${context.timezone}"`,
			{ field },
		);
	}
	if (typeof value.figures !== 'object' || value.figures === null) {
		throw new EngagementInputError('have no figures', { field });
	}
	return value as AccountStatistics;
}

/** decay: the merged account average and how many contacts it averages, or undefined without statistics. */
export function mergedDecayAverage(
	parameters: Record<string, unknown>,
	context: { asOf: number; timezone: string },
): { average: number; contactsWithRawScore: number } | undefined {
	const statistics = readAccountStatistics(parameters, 'decay', context);
	if (statistics === undefined) return undefined;
	const figures = statistics.figures as DecayFigures;
	const count = figures.contactsWithRawScore;
	return {
		average: count > 0 ? new ExactSum(figures.rawScoreSum).value() / count : 0,
		contactsWithRawScore: count,
	};
}

/** clickShare: the merged number of broadcast campaigns, or undefined without statistics. */
export function mergedBroadcastCampaigns(
	parameters: Record<string, unknown>,
	context: { asOf: number; timezone: string },
): number | undefined {
	const statistics = readAccountStatistics(parameters, 'clickShare', context);
	return statistics === undefined
		? undefined
		: (statistics.figures as ClickShareFigures).broadcastCampaigns.length;
}

/** lifecycle: the merged figures, or undefined without statistics. */
export function mergedLifecycleFigures(
	parameters: Record<string, unknown>,
	context: { asOf: number; timezone: string },
): LifecycleFigures | undefined {
	return readAccountStatistics(parameters, 'lifecycle', context)?.figures as
		| LifecycleFigures
		| undefined;
}
