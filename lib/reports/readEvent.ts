import type { EngagementEvent } from '../events/types';
import {
	checkContactId,
	checkEventObject,
	checkMachine,
	checkOptionalId,
	checkTimestamp,
	checkTypeCode,
} from '../events/validateEvent';

/**
 * Checks the fields the reports rely on (with the schema's own checks, so errors name the event index and field)
 * and returns the event's time in epoch ms.
 */
export function eventTime(event: EngagementEvent, index: number, zone: string): number {
	checkEventObject(event, index);
	checkContactId(event.contactId, index);
	checkTypeCode(event.type, index);
	checkOptionalId(event.campaignId, index, 'campaignId');
	checkMachine(event.machine, index);
	return checkTimestamp(event.timestamp, index, zone);
}

export function isSend(type: string): boolean {
	return type === 'sent' || type === 'delivered';
}

/** Opens and clicks flagged as machine-generated are dropped when asked (they say nothing about the person). */
export function isDroppedMachineEvent(event: EngagementEvent, excludeMachine: boolean): boolean {
	return (
		excludeMachine && event.machine === true && (event.type === 'open' || event.type === 'click')
	);
}
