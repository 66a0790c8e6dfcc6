import { prepareEventColumns } from '../events/eventColumns';
import type { EventColumns } from '../events/eventColumns';
import { explainedResult } from './compactRows';
import type { AnyScoreResult, ScoringContext, ScoringModel } from './types';

/** A model that reads prepared event columns directly: the fast path `scoreContacts` takes when a model offers it. */
export type ColumnarScoringModel = (
	columns: EventColumns,
	parameters: Record<string, unknown>,
	context: ScoringContext,
) => AnyScoreResult;

export interface ColumnarCapableModel extends ScoringModel {
	fromColumns: ColumnarScoringModel;
	/** The model returns compact rows itself when `context.explain` is false (and skips building the rest). */
	compactRows: boolean;
}

/**
 * Wraps a columnar model as a plain `ScoringModel` (prepared TimedEvents in, rows out) that also exposes the
 * columnar entry, so one implementation serves both ways in.
 */
export function columnarModel(
	fromColumns: ColumnarScoringModel,
	{ compactRows = false }: { compactRows?: boolean } = {},
): ColumnarCapableModel {
	// ScoringModel's callers want explained rows
	const model: ScoringModel = (events, parameters, { asOf, timezone }) =>
		explainedResult(
			fromColumns(
				prepareEventColumns(events, { timed: true, excludeMachine: false, dedupe: false }),
				parameters,
				{ asOf, timezone },
			),
		);
	return Object.assign(model, { fromColumns, compactRows });
}

export function hasColumnarPath(model: ScoringModel): model is ColumnarCapableModel {
	return typeof (model as Partial<ColumnarCapableModel>).fromColumns === 'function';
}
