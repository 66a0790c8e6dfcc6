import type { ProviderEvent } from './types';

/**
 * The events with their contact ids lower-cased, so that e-mail addresses differing only in case are one contact — as
 * Score Contacts reads events with Lowercase Contact IDs. Events are copied, not changed; their eventIds (the
 * de-duplication keys, hashed from the contact as the provider sent it when there is none) stay as they were.
 */
export function lowercaseContactIds(events: ProviderEvent[]): ProviderEvent[] {
	return events.map((event) => ({ ...event, contactId: event.contactId.toLowerCase() }));
}
