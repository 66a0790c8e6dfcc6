import { prepareEventColumns } from '../events/eventColumns';
import type { EventColumns } from '../events/eventColumns';
import type { ScoreResult, ScoringContext, ScoringModel } from './types';

/** A model that reads prepared event columns directly: the fast path `scoreContacts` takes when a model offers it. */
export type ColumnarScoringModel = (
	columns: EventColumns,
	parameters: Record<string, unknown>,
	context: ScoringContext,
) => ScoreResult;

export interface ColumnarCapableModel extends ScoringModel {
	fromColumns: ColumnarScoringModel;
}

/**
 * Wraps a columnar model as a plain `ScoringModel` (prepared TimedEvents in, rows out) that also exposes the
 * columnar entry, so one implementation serves both ways in.
 */
export function columnarModel(fromColumns: ColumnarScoringModel): ColumnarCapableModel {
	const model: ScoringModel = (events, parameters, context) =>
		fromColumns(
			prepareEventColumns(events, { timed: true, excludeMachine: false, dedupe: false }),
			parameters,
			context,
		);
	return Object.assign(model, { fromColumns });
}

export function hasColumnarPath(model: ScoringModel): model is ColumnarCapableModel {
	return typeof (model as Partial<ColumnarCapableModel>).fromColumns === 'function';
}
