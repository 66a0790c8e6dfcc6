import { EngagementInputError } from '../errors';
import { contactRanks, prepareEventColumns } from '../events/eventColumns';
import type { EventColumns } from '../events/eventColumns';
import { markMachineEvents } from '../events/filterMachineEvents';
import type { MachineFilterOptions } from '../events/filterMachineEvents';
import type { EngagementEvent } from '../events/types';
import { broadcastCampaignsSent } from '../models/clickShare';
import { decay } from '../models/decay';
import { classifyLifecycle } from '../models/lifecycle';
import { readLifecycleSettings } from '../models/lifecycleThresholds';
import { checkOptionNames, getScoringModel } from '../models/registry';
import { explainedResult } from '../models/compactRows';
import type { ScoreOptions, ScoringContext } from '../models/types';
import { calendarDayCounter, resolveAsOf } from '../time';
import { ExactSum } from './exactSum';
import { lifecycleFiguresOf } from './lifecycleFigures';
import { PARTIAL_STATISTICS_TYPE, STATISTICS_VERSION } from './types';
import type { DecayFigures, ModelFigures, PartialStatistics } from './types';

type FiguresOf = (
	columns: EventColumns,
	options: ScoreOptions,
	context: ScoringContext,
) => ModelFigures;

const decayFigures: FiguresOf = (columns, options, context) => {
	const sum = new ExactSum();
	let contactsWithRawScore = 0;
	for (const { details } of explainedResult(
		decay.fromColumns(columns, options, { ...context, explain: true }),
	).contacts) {
		if (typeof details.rawScore !== 'number') continue;
		sum.add(details.rawScore);
		contactsWithRawScore++;
	}
	return { rawScoreSum: sum.toPartials(), contactsWithRawScore } satisfies DecayFigures;
};

/**
 * The models that can be scored in partitions, and the figures each needs from every partition. recency and recency5
 * band each contact on its own events alone: nothing to merge.
 */
const FIGURES: Readonly<Record<string, FiguresOf>> = {
	decay: decayFigures,
	clickShare: (columns, _options, context) => ({
		broadcastCampaigns: [...broadcastCampaignsSent(columns, context.asOf).entries()]
			.filter(([, sent]) => sent === 1)
			.map(([k]) => columns.campaignIds[k])
			.sort(),
	}),
	lifecycle: (columns, options, context) =>
		lifecycleFiguresOf(
			columns,
			classifyLifecycle(columns, readLifecycleSettings(options), context),
		),
	recency: () => ({}),
	recency5: () => ({}),
};

export const PARTITIONED_MODELS = Object.keys(FIGURES);

/**
 * First pass of a partitioned scoring: the account-level statistics of one partition of the contacts (every event of
 * a contact must be in the same partition — split by contact, e.g. `partitionOfContact`). Options as for
 * `scoreContacts`; use one fixed `asOf` for every partition and for the banding run. Merge the partials of all
 * partitions with `mergeStatistics`, then score each partition with `{ ...options, accountStatistics: merged }`:
 * every contact gets exactly the score and band of a single run over all events.
 */
export function partialStatistics(
	events: Iterable<EngagementEvent>,
	options: ScoreOptions,
): PartialStatistics {
	if (typeof options !== 'object' || options === null) {
		throw new TypeError('partialStatistics: options with at least a `model` are required');
	}
	getScoringModel(options.model);
	checkOptionNames(options.model, options);
	const figuresOf = FIGURES[options.model];
	if (figuresOf === undefined) {
		throw new EngagementInputError(
			`model "${options.model}" has no partitioned mode; models with one: ${PARTITIONED_MODELS.join(', ')}`,
			{ field: 'model' },
		);
	}
	const timezone = options.timezone ?? 'UTC';
	calendarDayCounter(timezone);
	const asOf = resolveAsOf(options.asOf, timezone);
	const excludeMachine = options.excludeMachine !== false;
	const machineFilter = options.machineFilter as MachineFilterOptions | undefined;
	const input = markMachineEvents(events, machineFilter, { timezone, excludeMachine });
	const columns = prepareEventColumns(input, { timezone, excludeMachine });
	const context = { asOf, timezone };
	return {
		type: PARTIAL_STATISTICS_TYPE,
		version: STATISTICS_VERSION,
		model: options.model,
		asOf: new Date(asOf).toISOString(),
		timezone,
		contacts: contactRanks(columns, asOf).count,
		partitions: 1,
		figures: figuresOf(columns, { ...options, accountStatistics: undefined }, context),
	};
}
