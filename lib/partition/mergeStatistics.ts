import { EngagementInputError } from '../errors';
import { ExactSum } from './exactSum';
import { mergeLifecycleFigures } from './lifecycleFigures';
import { ACCOUNT_STATISTICS_TYPE, PARTIAL_STATISTICS_TYPE, STATISTICS_VERSION } from './types';
import type {
	AccountStatistics,
	ClickShareFigures,
	DecayFigures,
	LifecycleFigures,
	ModelFigures,
	PartialStatistics,
} from './types';

const MERGE: Readonly<Record<string, (figures: ModelFigures[]) => ModelFigures>> = {
	decay: (figures) => {
		const sum = new ExactSum();
		let contactsWithRawScore = 0;
		for (const part of figures as DecayFigures[]) {
			for (const partial of part.rawScoreSum) sum.add(partial);
			contactsWithRawScore += part.contactsWithRawScore;
		}
		return { rawScoreSum: sum.toPartials(), contactsWithRawScore } satisfies DecayFigures;
	},
	clickShare: (figures) => ({
		broadcastCampaigns: [
			...new Set((figures as ClickShareFigures[]).flatMap((f) => f.broadcastCampaigns)),
		].sort(),
	}),
	lifecycle: (figures) => mergeLifecycleFigures(figures as LifecycleFigures[]),
	recency: () => ({}),
	recency5: () => ({}),
};

/**
 * Second step of a partitioned scoring: the account statistics of all partitions together, exact (sums kept as exact
 * expansions, distinct campaigns as id sets, lifecycle distributions as exact counts per value). Accepts partials and
 * already merged statistics (merges can be nested), all of one model, asOf and timezone; order does not matter.
 */
export function mergeStatistics(
	parts: ReadonlyArray<PartialStatistics | AccountStatistics>,
): AccountStatistics {
	if (!Array.isArray(parts) || parts.length === 0) {
		throw new EngagementInputError('give the statistics of at least one partition', {
			field: 'statistics',
		});
	}
	parts.forEach((part, index) => {
		if (
			typeof part !== 'object' ||
			part === null ||
			(part.type !== PARTIAL_STATISTICS_TYPE && part.type !== ACCOUNT_STATISTICS_TYPE)
		) {
			throw new EngagementInputError(
				'is not partial statistics (partialStatistics / the Partial Statistics output)',
				{ index, field: 'statistics' },
			);
		}
		if (part.version !== STATISTICS_VERSION) {
			throw new EngagementInputError(
				`has version ${String(part.version)}; this package reads version ${STATISTICS_VERSION}`,
				{ index, field: 'version' },
			);
		}
		for (const field of ['model', 'asOf', 'timezone'] as const) {
			if (part[field] !== parts[0][field]) {
				throw new EngagementInputError(
					`is "${String(part[field])}" but the first statistics have "${String(parts[0][field])}": every partition must be scored alike`,
					{ index, field },
				);
			}
		}
	});
	const { model, asOf, timezone } = parts[0];
	const merge = MERGE[model];
	if (merge === undefined) {
		throw new EngagementInputError(`model "${model}" has no partitioned mode`, { field: 'model' });
	}
	let contacts = 0;
	let partitions = 0;
	for (const part of parts) {
		contacts += part.contacts;
		partitions += part.partitions;
	}
	return {
		type: ACCOUNT_STATISTICS_TYPE,
		version: STATISTICS_VERSION,
		model,
		asOf,
		timezone,
		contacts,
		partitions,
		figures: merge(parts.map((part) => part.figures)),
	};
}
