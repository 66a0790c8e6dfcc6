import { checkContactId, checkEventObject, checkOptionalId, checkTimestamp, checkTypeCode } from './validateEvent';
import { TYPE } from './eventCodes';
import { DEFAULT_SCANNER_USER_AGENTS } from './scannerUserAgents';
import type { EngagementEvent } from './types';

export type MachineReason = 'flagged' | 'nearSend' | 'scannerUserAgent';

export interface MachineFilterOptions {
	/** `drop` (default): return only the human events. `mark`: return every event, detected ones with `machine: true`. */
	mode?: 'drop' | 'mark';
	/** Treat events already flagged `machine: true` as machine; default true. */
	flagged?: boolean;
	/**
	 * Heuristic, off unless set: an open or click at most this many seconds after that contact's send of the same
	 * campaign is machine-made (Apple Mail Privacy Protection prefetches, security gateways scanning links on
	 * delivery). 2–10 seconds is a sensible range.
	 */
	sendProximitySeconds?: number;
	/**
	 * Heuristic: opens/clicks whose `userAgent` contains one of these fragments (case-insensitive) or matches one of
	 * these expressions are machine-made. `true` uses `DEFAULT_SCANNER_USER_AGENTS`; default off.
	 */
	scannerUserAgents?: boolean | ReadonlyArray<string | RegExp>;
	/** Zone for ISO timestamps without an offset; default 'UTC'. */
	timezone?: string;
}

export interface MachineEvent {
	/** Position in the input. */
	index: number;
	event: EngagementEvent;
	reason: MachineReason;
	/** Human-readable evidence, e.g. "click 1.2 s after the send" or "user agent matches \"mimecast\"". */
	detail: string;
}

export interface MachineFilterResult {
	/** Drop mode: the events judged human. Mark mode: every event, detected ones copied with `machine: true`. */
	events: EngagementEvent[];
	/** Every event judged machine-made, with the reason. */
	machine: MachineEvent[];
}

/**
 * Separates machine-generated opens and clicks from human ones: the `machine` flag the provider set, and optionally
 * two heuristics — an interaction within `sendProximitySeconds` of that contact's send of that campaign, and a
 * known link-scanner user agent. Every detected event carries its reason. The input is not modified.
 */
export function filterMachineEvents(
	events: readonly EngagementEvent[],
	options: MachineFilterOptions = {},
): MachineFilterResult {
	const zone = options.timezone ?? 'UTC';
	const useFlag = options.flagged !== false;
	const proximityMs =
		options.sendProximitySeconds !== undefined && options.sendProximitySeconds > 0
			? options.sendProximitySeconds * 1000
			: 0;
	const scanners = scannerMatchers(options.scannerUserAgents);
	const sendTimes = proximityMs > 0 ? firstSendTimes(events, zone) : undefined;

	const kept: EngagementEvent[] = [];
	const machine: MachineEvent[] = [];
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		const found = detect(event, index);
		if (found === undefined) {
			kept.push(event);
			continue;
		}
		machine.push({ index, event, reason: found.reason, detail: found.detail });
		if (options.mode === 'mark') {
			kept.push(event.machine === true ? event : { ...event, machine: true });
		}
	}
	return { events: kept, machine };

	function detect(event: EngagementEvent, index: number): { reason: MachineReason; detail: string } | undefined {
		checkEventObject(event, index);
		if (useFlag && event.machine === true) return { reason: 'flagged', detail: 'flagged machine by the source' };
		const type = checkTypeCode(event.type, index);
		if (type !== TYPE.open && type !== TYPE.click) return undefined;
		if (scanners.length > 0 && typeof event.userAgent === 'string') {
			const userAgent = event.userAgent.toLowerCase();
			for (const scanner of scanners) {
				if (scanner.test(userAgent, event.userAgent)) {
					return { reason: 'scannerUserAgent', detail: `user agent matches ${scanner.label}` };
				}
			}
		}
		if (sendTimes !== undefined) {
			const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
			if (campaignId === undefined) return undefined;
			const sentAt = sendTimes.get(sendKey(checkContactId(event.contactId, index), campaignId));
			if (sentAt === undefined) return undefined;
			const delay = checkTimestamp(event.timestamp, index, zone) - sentAt;
			if (delay >= 0 && delay <= proximityMs) {
				const what = type === TYPE.open ? 'open' : 'click';
				return { reason: 'nearSend', detail: `${what} ${delay / 1000} s after the send` };
			}
		}
		return undefined;
	}
}

interface ScannerMatcher {
	label: string;
	test(lowerCased: string, original: string): boolean;
}

function scannerMatchers(setting: MachineFilterOptions['scannerUserAgents']): ScannerMatcher[] {
	if (!setting) return [];
	const list = setting === true ? DEFAULT_SCANNER_USER_AGENTS : setting;
	return list.map((entry) =>
		typeof entry === 'string'
			? { label: JSON.stringify(entry), test: (lower: string) => lower.includes(entry.toLowerCase()) }
			: { label: String(entry), test: (_lower: string, original: string) => entry.test(original) },
	);
}

function sendKey(contactId: string, campaignId: string): string {
	return `${contactId}\u0000${campaignId}`;
}

/** Earliest `sent`/`delivered` time per contact and campaign. */
function firstSendTimes(events: readonly EngagementEvent[], zone: string): Map<string, number> {
	const times = new Map<string, number>();
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		checkEventObject(event, index);
		const type = checkTypeCode(event.type, index);
		if (type !== TYPE.sent && type !== TYPE.delivered) continue;
		const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
		if (campaignId === undefined) continue;
		const key = sendKey(checkContactId(event.contactId, index), campaignId);
		const time = checkTimestamp(event.timestamp, index, zone);
		const known = times.get(key);
		if (known === undefined || time < known) times.set(key, time);
	}
	return times;
}
