import type { TimedEvent } from '../events/types';

export interface ContactStates<S> {
	/** One state per contact that has at least one event at or before asOf, in contactId order. */
	contacts: Array<[contactId: string, state: S]>;
	/** Events later than asOf: not seen by a model scoring "as of" that instant. */
	eventsAfterAsOf: number;
}

/**
 * One pass over the events, folding each into its contact's state; events after `asOf` are skipped (scoring as of a
 * past date must not see the future). Contacts come back sorted by contactId (code-unit order), as ScoreResult wants.
 */
export function accumulateByContact<S>(
	events: readonly TimedEvent[],
	asOf: number,
	createState: () => S,
	record: (state: S, event: TimedEvent) => void,
): ContactStates<S> {
	const states = new Map<string, S>();
	let eventsAfterAsOf = 0;
	for (const event of events) {
		if (event.time > asOf) {
			eventsAfterAsOf++;
			continue;
		}
		let state = states.get(event.contactId);
		if (state === undefined) {
			state = createState();
			states.set(event.contactId, state);
		}
		record(state, event);
	}
	const contacts = [...states.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return { contacts, eventsAfterAsOf };
}
