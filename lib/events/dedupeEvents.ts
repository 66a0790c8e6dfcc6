import { checkEventObject, checkOptionalId } from './validateEvent';
import { PresizedStringSet } from './stringSet';
import type { EngagementEvent } from './types';

/**
 * Keeps the first event of each `eventId` (providers retry webhooks, exports overlap); events without an eventId are
 * all kept. Order is preserved and the events themselves are not copied.
 */
export function dedupeEvents<T extends EngagementEvent>(events: Iterable<T>): T[] {
	const list = Array.isArray(events) ? (events as T[]) : Array.from(events);
	const seen = new PresizedStringSet(list.length);
	const kept: T[] = [];
	for (let index = 0; index < list.length; index++) {
		const event = list[index];
		checkEventObject(event, index);
		const eventId = checkOptionalId(event.eventId, index, 'eventId');
		if (eventId === undefined || seen.add(eventId)) kept.push(event);
	}
	return kept;
}
