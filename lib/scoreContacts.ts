import { EngagementInputError } from './errors';
import { prepareEventColumns, timedEventsFromColumns } from './events/eventColumns';
import type { EventColumns } from './events/eventColumns';
import { borrowColumnScratch, returnColumnScratch } from './events/scratch';
import { attachEvidence } from './events/eventEvidence';
import { filterMachineEvents } from './events/filterMachineEvents';
import type { MachineFilterOptions } from './events/filterMachineEvents';
import { markMachineOnlySendsUntracked } from './events/trackedSends';
import type { EngagementEvent } from './events/types';
import { hasColumnarPath } from './models/columnarModel';
import { getScoringModel } from './models/registry';
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
	const excludeMachine = options.excludeMachine !== false;

	const withEvidence = options.includeRawFigures === true || options.includeEvidence === true;
	if (withEvidence) events = Array.from(events);
	let input: Iterable<EngagementEvent> = events;
	const machineFilter = options.machineFilter as MachineFilterOptions | undefined;
	if (machineFilter && excludeMachine) {
		// Marking keeps every event at its index, so later errors still name the caller's index.
		input = filterMachineEvents(Array.from(events), { ...machineFilter, mode: 'mark' }).events;
	}
	if (options.machineOpensAsUnknown === true && excludeMachine) {
		// Sends answered only by machine opens say nothing about the person: untracked, not opened nor unopened.
		input = markMachineOnlySendsUntracked(Array.isArray(input) ? input : Array.from(input));
	}
	// The columns live only during this run: they may use the shared scratch memory unless a run is already using it.
	const scratch = borrowColumnScratch();
	let columns: EventColumns;
	let result: ScoreResult;
	try {
		columns = prepareEventColumns(input, { timezone, excludeMachine, scratch });
		const context = { asOf, timezone };
		result = hasColumnarPath(model)
			? model.fromColumns(columns, options, context)
			: model(timedEventsFromColumns(columns), options, context);
	} finally {
		if (scratch) returnColumnScratch();
	}
	const scored: ScoreResult = {
		// columnar models return their rows sorted already
		contacts: hasColumnarPath(model) ? result.contacts : sortedByContactId(result.contacts),
		account: {
			...result.account,
			eventsRead: columns.events.length,
			duplicateEvents: columns.duplicates,
			machineEventsExcluded: columns.machineExcluded,
		},
	};
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
