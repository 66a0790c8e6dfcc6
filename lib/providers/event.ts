import { EVENT_TYPES, type EventType } from '../events/types';
import type { IgnoredEvent, ProviderEvent, ProviderId } from './types';

const KNOWN_TYPES = new Set<unknown>(EVENT_TYPES);

type EventFields = Omit<
	ProviderEvent,
	'provider' | 'providerEventType' | 'type' | 'contactId' | 'timestamp'
>;

/** Builds a ProviderEvent, leaving out fields the provider did not give (no `undefined` keys in n8n items). */
export function buildEvent(
	provider: ProviderId,
	providerEventType: string,
	type: EventType,
	contactId: string,
	timestamp: string,
	fields: Partial<EventFields>,
): ProviderEvent {
	const event: ProviderEvent = { contactId, type, timestamp, provider, providerEventType };
	for (const [key, value] of Object.entries(fields) as Array<[keyof EventFields, unknown]>) {
		if (value !== undefined && value !== '')
			(event as unknown as Record<string, unknown>)[key] = value;
	}
	return event;
}

/**
 * Collects mapped events and the ones we leave out, so every adapter reports skipped provider events the same way.
 */
export class EventCollector {
	readonly events: ProviderEvent[] = [];
	readonly ignored: IgnoredEvent[] = [];

	ignore(index: number, providerEventType: string, reason: string): void {
		this.ignored.push({ index, providerEventType, reason });
	}

	/** Adds the event when type, contact and timestamp are all known; otherwise records why it was ignored. */
	add(
		index: number,
		provider: ProviderId,
		providerEventType: string,
		type: EventType | undefined,
		contactId: string | undefined,
		timestamp: string | undefined,
		fields: Partial<EventFields> = {},
	): void {
		// Only our types pass: a provider's event name looked up in a plain object can reach the object's prototype
		// (`constructor`, `__proto__`) and give a function or an object.
		if (type === undefined || !KNOWN_TYPES.has(type))
			return this.ignore(index, providerEventType, 'event type not mapped');
		if (contactId === undefined) return this.ignore(index, providerEventType, 'no recipient');
		if (timestamp === undefined)
			return this.ignore(index, providerEventType, 'no readable timestamp');
		this.events.push(buildEvent(provider, providerEventType, type, contactId, timestamp, fields));
	}
}
