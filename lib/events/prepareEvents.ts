import { prepareEventColumns, timedEventsFromColumns } from './eventColumns';
import type { PrepareOptions } from './eventColumns';
import type { EngagementEvent, TimedEvent } from './types';

/**
 * What `scoreContacts` does before a model runs, for code that wants the events themselves: validate every event
 * (EngagementInputError naming index and field), resolve `time` (epoch ms), keep the first of each eventId, drop events
 * flagged `machine` (unless `excludeMachine: false`). Returns copies with `time` added, in input order.
 */
export function prepareEvents(
	events: Iterable<EngagementEvent>,
	options: Omit<PrepareOptions, 'timed'> = {},
): TimedEvent[] {
	return timedEventsFromColumns(prepareEventColumns(events, options));
}
