import { EngagementInputError } from './errors';
import { prepareEventColumns, timedEventsFromColumns } from './events/eventColumns';
import type { EventColumns } from './events/eventColumns';
import { borrowColumnScratch, returnColumnScratch } from './events/scratch';
import { attachEvidence } from './events/eventEvidence';
import { markMachineEvents } from './events/filterMachineEvents';
import type { MachineFilterOptions } from './events/filterMachineEvents';
import { markMachineOnlySendsUntracked } from './events/trackedSends';
import type { EngagementEvent } from './events/types';
import { hasColumnarPath } from './models/columnarModel';
import type { ColumnarCapableModel } from './models/columnarModel';
import { checkOptionNames, getScoringModel, scoringModels } from './models/registry';
import { compactResult, explainedResult } from './models/compactRows';
import type {
	AnyScoreResult,
	CompactContactScore,
	CompactScoreOptions,
	ContactScore,
	ScoreOptions,
	ScoreResult,
	ScoringModel,
} from './models/types';
import { calendarDayCounter, resolveAsOf } from './time';

/**
 * Scores every contact seen in `events` with the model named in `options.model` (DESIGN.md "Public library API").
 *
 * One pass validates the events (an invalid one raises EngagementInputError naming its index and field), resolves
 * timestamps to epoch ms, keeps the first event of each `eventId`, and drops events flagged `machine` unless
 * `excludeMachine` is false; `options.machineFilter` adds the heuristics of `filterMachineEvents` first. The model
 * then gets the prepared events (as typed columns when it offers that fast path) and returns one row per contact,
 * sorted by contactId. `includeRawFigures` / `includeEvidence` (off by default) add the unfiltered score and counts and
 * the events used and filtered out, with reasons, to each row's details (`events/eventEvidence.ts`). `explain: false`
 * returns compact rows (contactId, score, band).
 */
export function scoreContacts(
	events: Iterable<EngagementEvent>,
	options: CompactScoreOptions,
): ScoreResult<CompactContactScore>;
export function scoreContacts(
	events: Iterable<EngagementEvent>,
	options: ScoreOptions,
): ScoreResult;
export function scoreContacts(
	events: Iterable<EngagementEvent>,
	options: ScoreOptions,
): AnyScoreResult {
	const { model, timezone, asOf, excludeMachine, explain } = scoringSetup(options);

	const withEvidence = EVIDENCE_OPTIONS.some((name) => options[name] === true);
	if (withEvidence) events = Array.from(events);
	const machineFilter = options.machineFilter as MachineFilterOptions | undefined;
	let input = markMachineEvents(events, machineFilter, { timezone, excludeMachine });
	if (options.machineOpensAsUnknown === true && excludeMachine) {
		// Sends answered only by machine opens say nothing about the person: untracked, not opened nor unopened.
		input = markMachineOnlySendsUntracked(Array.isArray(input) ? input : Array.from(input));
	}
	// The columns live only during this run: they may use the shared scratch memory unless a run is already using it.
	const scratch = borrowColumnScratch();
	let scored: AnyScoreResult;
	try {
		const columns = prepareEventColumns(input, { timezone, excludeMachine, scratch });
		const context = { asOf, timezone, explain };
		if (hasColumnarPath(model)) {
			// columnar models return their rows sorted already
			scored = withAccountFigures(
				rowsAsAsked(model, model.fromColumns(columns, options, context), explain),
				columns,
			);
		} else {
			const result = model(timedEventsFromColumns(columns), options, context);
			scored = withAccountFigures(
				rowsAsAsked(model, { ...result, contacts: sortedByContactId(result.contacts) }, explain),
				columns,
			);
		}
	} finally {
		if (scratch) returnColumnScratch();
	}
	if (!withEvidence) return scored;
	const list = events as EngagementEvent[];
	return attachEvidence(
		explainedResult(scored), // the evidence options refuse explain: false
		list,
		{
			asOf,
			timezone,
			excludeMachine,
			machineFilter,
			includeRawFigures: options.includeRawFigures === true,
			includeEvidence: options.includeEvidence === true,
			limit: typeof options.evidenceLimit === 'number' ? options.evidenceLimit : undefined,
		},
		() =>
			scoreContacts(list, {
				...options,
				asOf,
				excludeMachine: false,
				machineFilter: undefined,
				includeRawFigures: false,
				includeEvidence: false,
				explain: true,
			}),
	);
}

/** Options that need the event objects, which prepared columns no longer have. */
const OBJECT_OPTIONS = [
	'includeEvidence',
	'includeRawFigures',
	'machineFilter',
	'machineOpensAsUnknown',
] as const;

/**
 * Why `scoreEventColumns` cannot score with these options (the model has no columnar path, or an option needs the
 * event objects), or undefined when it can. Unknown models are left to `getScoringModel`'s error.
 */
export function columnsRefusal(options: ScoreOptions): EngagementInputError | undefined {
	const known = Object.prototype.hasOwnProperty.call(scoringModels, options.model);
	if (known && !hasColumnarPath(getScoringModel(options.model))) {
		return new EngagementInputError(
			`model ${JSON.stringify(options.model)} needs event objects: score them with scoreContacts`,
			{ field: 'model' },
		);
	}
	const option = OBJECT_OPTIONS.find(
		(name) => options[name] !== undefined && options[name] !== false,
	);
	if (option === undefined) return undefined;
	return new EngagementInputError('needs event objects: score them with scoreContacts', {
		field: option,
	});
}

/**
 * Scores prepared event columns (`prepareEventColumns`, or `EventColumnsReader` straight from a CSV / NDJSON file):
 * the same result as `scoreContacts` on the events the columns were made from, with the same options. Only models
 * with a columnar path (decay, clickShare, recency, recency5, lifecycle) read columns, and the options that need
 * event objects (OBJECT_OPTIONS) are refused (`columnsRefusal`): use `scoreContacts` for those. `excludeMachine` must
 * be the choice the columns were prepared with.
 */
export function scoreEventColumns(
	columns: EventColumns,
	options: CompactScoreOptions,
): ScoreResult<CompactContactScore>;
export function scoreEventColumns(
	columns: EventColumns,
	options: ScoreOptions,
): ScoreResult;
export function scoreEventColumns(columns: EventColumns, options: ScoreOptions): AnyScoreResult {
	const { model, timezone, asOf, excludeMachine, explain } = scoringSetup(options);
	const refusal = columnsRefusal(options);
	if (refusal !== undefined) throw refusal;
	if (excludeMachine !== columns.excludeMachine) {
		throw new EngagementInputError(
			`is ${excludeMachine} but the columns were prepared with excludeMachine ${columns.excludeMachine}`,
			{ field: 'excludeMachine' },
		);
	}
	const columnar = model as ColumnarCapableModel;
	return withAccountFigures(
		rowsAsAsked(
			columnar,
			columnar.fromColumns(columns, options, { asOf, timezone, explain }),
			explain,
		),
		columns,
	);
}

/** The model's rows, compacted when the run asked for `explain: false` and the model did not do it itself. */
function rowsAsAsked(
	model: ScoringModel,
	result: AnyScoreResult,
	explain: boolean,
): AnyScoreResult {
	if (explain || (hasColumnarPath(model) && model.compactRows)) return result;
	return compactResult(result);
}

/**
 * What both ways in resolve from the options: the model, the zone (checked), asOf in epoch ms, excludeMachine, and
 * explain (a boolean; false refuses the options that add to the rows' details, which compact rows leave out).
 */
function scoringSetup(options: ScoreOptions) {
	if (typeof options !== 'object' || options === null) {
		throw new TypeError('scoreContacts: options with at least a `model` are required');
	}
	const model = getScoringModel(options.model);
	checkOptionNames(options.model, options);
	const timezone = options.timezone ?? 'UTC';
	if (typeof timezone !== 'string') {
		throw new EngagementInputError('must be an IANA zone name', { field: 'timezone' });
	}
	calendarDayCounter(timezone); // throws a clear RangeError for an unknown zone
	const asOf = resolveAsOf(options.asOf, timezone);
	const explain = options.explain !== false;
	if (options.explain !== undefined && typeof options.explain !== 'boolean') {
		throw new EngagementInputError('must be true or false', { field: 'explain' });
	}
	if (!explain) {
		const detailOption = EVIDENCE_OPTIONS.find((name) => options[name] === true);
		if (detailOption !== undefined) {
			throw new EngagementInputError(
				"adds to each row's details, which explain: false leaves out: keep explain on",
				{ field: detailOption },
			);
		}
	}
	return { model, timezone, asOf, excludeMachine: options.excludeMachine !== false, explain };
}

/** Options whose output goes into the rows' details. */
const EVIDENCE_OPTIONS = ['includeEvidence', 'includeRawFigures'] as const;

/** The model's result with the preparation's figures (events read, duplicates, machine events left out) added. */
function withAccountFigures(result: AnyScoreResult, columns: EventColumns): AnyScoreResult {
	return {
		contacts: result.contacts,
		account: {
			...result.account,
			eventsRead: columns.eventsRead,
			duplicateEvents: columns.duplicates,
			machineEventsExcluded: columns.machineExcluded,
		},
	};
}

function sortedByContactId(contacts: ContactScore[]): ContactScore[] {
	for (let i = 1; i < contacts.length; i++) {
		if (contacts[i - 1].contactId > contacts[i].contactId) {
			return [...contacts].sort((a, b) =>
				a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0,
			);
		}
	}
	return contacts;
}
