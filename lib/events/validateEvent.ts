import { EngagementInputError } from '../errors';
import { toEpochMillis } from '../time';
import { CAMPAIGN_KIND_CODE, EVENT_TYPE_CODE, KIND } from './eventCodes';
import { CAMPAIGN_KINDS, EVENT_TYPES } from './types';
import type { EngagementEvent, TimedEvent } from './types';

/*
 * Field checks shared by `validateEvent` and the single-pass preparation in `eventColumns.ts`. Each returns the
 * checked value in the form the hot path stores, or throws an EngagementInputError naming the event index and field.
 */

export function checkContactId(value: unknown, index: number): string {
	if (typeof value === 'string' && value.length > 0) return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new EngagementInputError(
		value === undefined || value === null || value === ''
			? 'contactId is missing'
			: `contactId must be a non-empty string, got ${describe(value)}`,
		{ index, field: 'contactId' },
	);
}

export function checkTypeCode(value: unknown, index: number): number {
	const code = typeof value === 'string' ? EVENT_TYPE_CODE.get(value) : undefined;
	if (code !== undefined) return code;
	throw new EngagementInputError(
		`unknown event type ${describe(value)}; expected one of ${EVENT_TYPES.join(', ')}`,
		{ index, field: 'type' },
	);
}

/** `undefined`/`null` mean 'broadcast' (code 0). */
export function checkKindCode(value: unknown, index: number): number {
	if (value === undefined || value === null || value === 'broadcast') return KIND.broadcast;
	if (value === 'automation') return KIND.automation;
	if (value === 'transactional') return KIND.transactional;
	const code = typeof value === 'string' ? CAMPAIGN_KIND_CODE.get(value) : undefined;
	if (code !== undefined) return code;
	throw new EngagementInputError(
		`unknown campaignKind ${describe(value)}; expected one of ${CAMPAIGN_KINDS.join(', ')}`,
		{ index, field: 'campaignKind' },
	);
}

/** Event timestamp → epoch ms. Numbers are epoch milliseconds (DESIGN.md); strings ISO-8601, read in `zone` without offset. */
export function checkTimestamp(value: unknown, index: number, zone: string): number {
	let millis: number;
	if (typeof value === 'number') millis = value;
	else if (typeof value === 'string') {
		millis = toEpochMillis(value, zone);
	} else if (value instanceof Date) millis = value.getTime();
	else millis = NaN;
	if (Number.isFinite(millis)) return millis;
	throw new EngagementInputError(
		value === undefined || value === null || value === ''
			? 'timestamp is missing'
			: `cannot read timestamp ${describe(value)} (expected ISO-8601 or epoch milliseconds)`,
		{ index, field: 'timestamp' },
	);
}

/** Optional string id (campaignId, eventId, messageId): a non-empty string, a number (stringified) or absent. */
export function checkOptionalId(value: unknown, index: number, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new EngagementInputError(`${field} must be a string, got ${describe(value)}`, {
		index,
		field,
	});
}

export function checkMachine(value: unknown, index: number): boolean {
	if (value === undefined || value === null || value === false) return false;
	if (value === true) return true;
	throw new EngagementInputError(`machine must be true or false, got ${describe(value)}`, {
		index,
		field: 'machine',
	});
}

function checkOptionalNumber(value: unknown, index: number, field: string): void {
	if (
		value === undefined ||
		value === null ||
		(typeof value === 'number' && Number.isFinite(value))
	)
		return;
	throw new EngagementInputError(`${field} must be a finite number, got ${describe(value)}`, {
		index,
		field,
	});
}

function checkOptionalString(value: unknown, index: number, field: string): void {
	if (value === undefined || value === null || typeof value === 'string') return;
	throw new EngagementInputError(`${field} must be a string, got ${describe(value)}`, {
		index,
		field,
	});
}

export function checkEventObject(event: unknown, index: number): asserts event is EngagementEvent {
	if (typeof event !== 'object' || event === null || Array.isArray(event)) {
		throw new EngagementInputError(`expected an event object, got ${describe(event)}`, { index });
	}
}

/**
 * Checks one event against the schema (DESIGN.md "Event schema") and resolves its timestamp.
 * Throws EngagementInputError naming `index` and the field: unknown type, missing contactId, unreadable timestamp,
 * unknown campaignKind, ids that are not strings, a non-boolean `machine`, a non-numeric `value`.
 */
export function validateEvent(event: unknown, index = 0, timezone = 'UTC'): TimedEvent {
	checkEventObject(event, index);
	checkContactId(event.contactId, index);
	checkTypeCode(event.type, index);
	const time = checkTimestamp(event.timestamp, index, timezone);
	checkKindCode(event.campaignKind, index);
	checkOptionalId(event.campaignId, index, 'campaignId');
	checkOptionalId(event.messageId, index, 'messageId');
	checkOptionalId(event.eventId, index, 'eventId');
	checkMachine(event.machine, index);
	checkOptionalNumber(event.value, index, 'value');
	checkOptionalString(event.channel, index, 'channel');
	checkOptionalString(event.url, index, 'url');
	checkOptionalString(event.userAgent, index, 'userAgent');
	checkOptionalString(event.ip, index, 'ip');
	if (event.tracked !== undefined && event.tracked !== null && typeof event.tracked !== 'boolean') {
		throw new EngagementInputError(
			`tracked must be true or false, got ${describe(event.tracked)}`,
			{
				index,
				field: 'tracked',
			},
		);
	}
	return { ...event, time };
}

export function describe(value: unknown): string {
	if (value === undefined) return 'undefined';
	if (typeof value === 'string')
		return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
	if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
		return Array.isArray(value) ? 'an array' : 'an object';
	}
	return String(value);
}
