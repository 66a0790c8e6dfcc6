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
import { getScoringModel, scoringModels } from './models/registry';
import type { ContactScore, ScoreOptions, ScoreResult } from './models/types';
import { calendarDayCounter, resolveAsOf } from './time';

/**
 * Scores every contact seen in `events` with the model named in `options.model` (DESIGN.md "Public library API").
 *
 * One pass validates the events (an invalid one raises EngagementInputError naming its index and field), resolves
 * timestamps to epoch ms, keeps the first event of each `eventId`, and drops events flagged `machine` unless
 * `excludeMachine` is false; `options.machineFilter` adds the heuristics of `filterMachineEvents` first. The model
 * then gets the prepared events (as typed columns when it offers that fast path) and returns one row per contact,
 * sorted by contactId. `includeRawFigures` / `includeEvidence` (off by default) add the unfiltered score and counts and
 * the events used and filtered out, with reasons, to each row's details (`events/eventEvidence.ts`).
 */
export function scoreContacts(
	events: Iterable<EngagementEvent>,
	options: ScoreOptions,
): ScoreResult {
	const { model, timezone, asOf, excludeMachine } = scoringSetup(options);

	const withEvidence = options.includeRawFigures === true || options.includeEvidence === true;
	if (withEvidence) events = Array.from(events);
	const machineFilter = options.machineFilter as MachineFilterOptions | undefined;
	let input = markMachineEvents(events, machineFilter, { timezone, excludeMachine });
	if (options.machineOpensAsUnknown === true && excludeMachine) {
		// Sends answered only by machine opens say nothing about the person: untracked, not opened nor unopened.
		input = markMachineOnlySendsUntracked(Array.isArray(input) ? input : Array.from(input));
	}
	// The columns live only during this run: they may use the shared scratch memory unless a run is already using it.
	const scratch = borrowColumnScratch();
	let scored: ScoreResult;
	try {
		const columns = prepareEventColumns(input, { timezone, excludeMachine, scratch });
		const context = { asOf, timezone };
		if (hasColumnarPath(model)) {
			// columnar models return their rows sorted already
			scored = withAccountFigures(model.fromColumns(columns, options, context), columns);
		} else {
			const result = model(timedEventsFromColumns(columns), options, context);
			scored = withAccountFigures(result, columns, sortedByContactId(result.contacts));
		}
	} finally {
		if (scratch) returnColumnScratch();
	}
	if (!withEvidence) return scored;
	const list = events as EngagementEvent[];
	return attachEvidence(
		scored,
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
export function scoreEventColumns(columns: EventColumns, options: ScoreOptions): ScoreResult {
	const { model, timezone, asOf, excludeMachine } = scoringSetup(options);
	const refusal = columnsRefusal(options);
	if (refusal !== undefined) throw refusal;
	if (excludeMachine !== columns.excludeMachine) {
		throw new EngagementInputError(
			`is ${excludeMachine} but the columns were prepared with excludeMachine ${columns.excludeMachine}`,
			{ field: 'excludeMachine' },
		);
	}
	return withAccountFigures(
		(model as ColumnarCapableModel).fromColumns(columns, options, { asOf, timezone }),
		columns,
	);
}

/** What both ways in resolve from the options: the model, the zone (checked), asOf in epoch ms, excludeMachine. */
function scoringSetup(options: ScoreOptions) {
	if (typeof options !== 'object' || options === null) {
		throw new TypeError('scoreContacts: options with at least a `model` are required');
	}
	const model = getScoringModel(options.model);
	const timezone = options.timezone ?? 'UTC';
	if (typeof timezone !== 'string') {
		throw new EngagementInputError('must be an IANA zone name', { field: 'timezone' });
	}
	calendarDayCounter(timezone); // throws a clear RangeError for an unknown zone
	const asOf = resolveAsOf(options.asOf, timezone);
	return { model, timezone, asOf, excludeMachine: options.excludeMachine !== false };
}

/** The model's result with the preparation's figures (events read, duplicates, machine events left out) added. */
function withAccountFigures(
	result: ScoreResult,
	columns: EventColumns,
	contacts = result.contacts,
): ScoreResult {
	return {
		contacts,
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
