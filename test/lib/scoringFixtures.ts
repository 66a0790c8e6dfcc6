import { DateTime } from 'luxon';

import type { EngagementEvent, EventType } from '../../lib/events/types';

/** Events and look-ups shared by the model, preset and sunset specs. */

/** The scoring moment of the day-offset fixtures below. */
export const AS_OF = '2026-11-26T12:00:00Z';

/** An ISO instant `days` calendar days before AS_OF's date, at the given UTC hour. */
export function daysBefore(days: number, hour = 9): string {
	return DateTime.fromISO(AS_OF, { zone: 'UTC' }).minus({ days }).set({ hour }).toISO() as string;
}

/** An event of `contactId`, `days` calendar days before AS_OF. */
export function ev(
	contactId: string,
	type: EventType,
	days: number,
	extra: Partial<EngagementEvent> = {},
): EngagementEvent {
	return { contactId, type, timestamp: daysBefore(days), ...extra };
}

/** `count` sends of campaigns prefix1.., one a day from `firstDay` days ago towards asOf. */
export function sends(
	contactId: string,
	count: number,
	firstDay: number,
	prefix = 'k',
	extra: Partial<EngagementEvent> = {},
): EngagementEvent[] {
	return Array.from({ length: count }, (_, i) =>
		ev(contactId, 'sent', firstDay - i, { campaignId: `${prefix}${i + 1}`, ...extra }),
	);
}

/** The row of `contactId` in a result's `contacts`; throws when there is none. */
export function contactRow<Row extends { contactId: string }>(
	result: { contacts: readonly Row[] },
	contactId: string,
): Row {
	const found = result.contacts.find((contact) => contact.contactId === contactId);
	if (!found) throw new Error(`no row for ${contactId}`);
	return found;
}
