import { EngagementInputError } from '../errors';
import { EVENT_TYPE_CODE } from '../events/eventCodes';

export const NO_ROLE = 0;
export const SEND = 1;
export const OPEN = 2;
export const CLICK = 3;
/** A goal (campaign report) or conversion (engagement rates). */
export const OUTCOME = 4;

/**
 * Event type code → what the event is to a report: a send (`sent`, `delivered`), an open, a click, an outcome (the
 * configured goal/conversion types) or nothing. `field` names the option in errors.
 */
export function eventRoles(outcomeTypes: readonly string[], field: string): Uint8Array {
	const roles = new Uint8Array(EVENT_TYPE_CODE.size);
	roles[EVENT_TYPE_CODE.get('sent') as number] = SEND;
	roles[EVENT_TYPE_CODE.get('delivered') as number] = SEND;
	roles[EVENT_TYPE_CODE.get('open') as number] = OPEN;
	roles[EVENT_TYPE_CODE.get('click') as number] = CLICK;
	if (!Array.isArray(outcomeTypes) || outcomeTypes.length === 0) {
		throw new EngagementInputError('must be a list of one or more event types', { field });
	}
	for (const outcomeType of outcomeTypes) {
		const code = EVENT_TYPE_CODE.get(outcomeType);
		if (
			code === undefined ||
			roles[code] === SEND ||
			roles[code] === OPEN ||
			roles[code] === CLICK
		) {
			throw new EngagementInputError(
				`"${String(outcomeType)}" cannot be used; use event types other than sends, opens and clicks`,
				{ field },
			);
		}
		roles[code] = OUTCOME;
	}
	return roles;
}
