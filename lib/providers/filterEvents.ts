import type { EventType } from '../events/types';
import type { ProviderEvent } from './types';

export interface EventFilter {
	/** `drop`: leave out opens/clicks flagged machine (MPP opens, scanner clicks); `flag`: keep them, flagged. */
	machineEvents?: 'flag' | 'drop';
	/** Only these types pass; empty or absent: all. */
	eventTypes?: EventType[];
}

export function filterEvents(events: ProviderEvent[], filter: EventFilter): ProviderEvent[] {
	const types =
		filter.eventTypes && filter.eventTypes.length > 0 ? new Set(filter.eventTypes) : undefined;
	return events.filter(
		(event) =>
			(types === undefined || types.has(event.type)) &&
			!(filter.machineEvents === 'drop' && event.machine === true),
	);
}
