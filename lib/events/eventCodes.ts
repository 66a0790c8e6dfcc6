import { CAMPAIGN_KINDS, EVENT_TYPES } from './types';
import type { CampaignKind, EventType } from './types';

/**
 * Small integer codes for event types and campaign kinds: the position in `EVENT_TYPES` / `CAMPAIGN_KINDS`.
 * The scoring hot path stores these in typed arrays instead of strings.
 */
export const EVENT_TYPE_CODE: ReadonlyMap<string, number> = new Map(
	EVENT_TYPES.map((type, code) => [type, code]),
);

export const CAMPAIGN_KIND_CODE: ReadonlyMap<string, number> = new Map(
	CAMPAIGN_KINDS.map((kind, code) => [kind, code]),
);

export function typeCode(type: EventType): number {
	return EVENT_TYPE_CODE.get(type) as number;
}

export function kindCode(kind: CampaignKind): number {
	return CAMPAIGN_KIND_CODE.get(kind) as number;
}

export const TYPE = {
	sent: typeCode('sent'),
	delivered: typeCode('delivered'),
	open: typeCode('open'),
	click: typeCode('click'),
	conversion: typeCode('conversion'),
	subscribe: typeCode('subscribe'),
} as const;

export const KIND = {
	broadcast: kindCode('broadcast'),
	automation: kindCode('automation'),
	transactional: kindCode('transactional'),
} as const;
