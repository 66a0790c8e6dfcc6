import { TYPE } from './eventCodes';
import { sendKey } from './scannerRules';
import type { EngagementEvent } from './types';
import { checkContactId, checkEventObject, checkOptionalId, checkTypeCode } from './validateEvent';

/**
 * "Unknown is not zero" for privacy-protected mail (issue 9 item 4; MailPoet PR #7147, peers.md §3): a send whose only
 * opens are machine opens (Apple Mail Privacy Protection loads every image on delivery) and that was never clicked
 * tells nothing about the person — it is marked `tracked: false`, so models leave it out of their rates instead of
 * counting it as opened (with machine events kept) or unopened (with them dropped). A contact whose every send is
 * like that gets the models' unscored state.
 *
 * Returns a new array of the same length (event indexes stay the caller's), with copies of the sends it marks.
 * Scoring option `machineOpensAsUnknown: true` applies it after the machine filter.
 */
export function markMachineOnlySendsUntracked(
	events: readonly EngagementEvent[],
): EngagementEvent[] {
	const machineOnly = new Set<string>();
	const humanEngaged = new Set<string>();
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		checkEventObject(event, index);
		const type = checkTypeCode(event.type, index);
		if (type !== TYPE.open && type !== TYPE.click) continue;
		const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
		if (campaignId === undefined) continue;
		const key = sendKey(checkContactId(event.contactId, index), campaignId);
		if (event.machine === true) {
			if (type === TYPE.open) machineOnly.add(key);
		} else humanEngaged.add(key);
	}
	for (const key of humanEngaged) machineOnly.delete(key);
	if (machineOnly.size === 0) return [...events];
	return events.map((event, index) => {
		const type = checkTypeCode(event.type, index);
		if (type !== TYPE.sent && type !== TYPE.delivered) return event;
		const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
		if (
			campaignId === undefined ||
			!machineOnly.has(sendKey(checkContactId(event.contactId, index), campaignId))
		) {
			return event;
		}
		return { ...event, tracked: false };
	});
}
