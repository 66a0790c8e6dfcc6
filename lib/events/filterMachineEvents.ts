import {
	checkContactId,
	checkEventObject,
	checkOptionalId,
	checkTimestamp,
	checkTypeCode,
} from './validateEvent';
import { TYPE } from './eventCodes';
import {
	createScannerRules,
	earliestTimes,
	humanClickKeys,
	matchUserAgent,
	sendKey,
	userAgentMatchers,
} from './scannerRules';
import type { ScannerRuleOptions, ScannerRuleReason } from './scannerRules';
import type { EngagementEvent } from './types';

export type MachineReason = 'flagged' | 'nearSend' | 'scannerUserAgent' | ScannerRuleReason;

/** Also takes the rules of `scannerRules.ts`: before delivery, all links clicked, IP ranges, 2-of-3 signals, click upgrades. */
export interface MachineFilterOptions extends ScannerRuleOptions {
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
	/** With `clickUpgradesOpen`: machine opens turned back into real ones by a human click of the same campaign. */
	upgraded?: MachineEvent[];
}

/**
 * The preparation step every scorer and report shares: with a `machineFilter` and machine events excluded, the
 * events with the filter's detections marked `machine: true` (each event stays at its index, so later errors still
 * name the caller's index; the columns then drop the marked ones); otherwise the events as they are. Timestamps
 * without an offset are read in `timezone`, as the scoring reads them.
 */
export function markMachineEvents(
	events: Iterable<EngagementEvent>,
	machineFilter: MachineFilterOptions | undefined,
	options: { timezone: string; excludeMachine: boolean },
): Iterable<EngagementEvent> {
	if (!machineFilter || !options.excludeMachine) return events;
	return filterMachineEvents(Array.from(events), {
		...machineFilter,
		timezone: options.timezone,
		mode: 'mark',
	}).events;
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
	const scanners = userAgentMatchers(options.scannerUserAgents);
	const sendTimes =
		proximityMs > 0 ? earliestTimes(events, zone, [TYPE.sent, TYPE.delivered]) : undefined;
	const rules = createScannerRules(events, options, zone);

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
	if (options.clickUpgradesOpen) return withClickUpgrades(events, machine, options.mode, useFlag);
	return { events: kept, machine };

	function detect(
		event: EngagementEvent,
		index: number,
	): { reason: MachineReason; detail: string } | undefined {
		checkEventObject(event, index);
		if (useFlag && event.machine === true)
			return { reason: 'flagged', detail: 'flagged machine by the source' };
		const type = checkTypeCode(event.type, index);
		if (type !== TYPE.open && type !== TYPE.click) return undefined;
		const scanner = matchUserAgent(event, scanners);
		if (scanner)
			return { reason: 'scannerUserAgent', detail: `user agent matches ${scanner.label}` };
		if (sendTimes !== undefined) {
			const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
			if (campaignId === undefined) return undefined;
			const sentAt = sendTimes.get(sendKey(checkContactId(event.contactId, index), campaignId));
			const delay =
				sentAt === undefined ? -1 : checkTimestamp(event.timestamp, index, zone) - sentAt;
			if (delay >= 0 && delay <= proximityMs) {
				const what = type === TYPE.open ? 'open' : 'click';
				return { reason: 'nearSend', detail: `${what} ${delay / 1000} s after the send` };
			}
		}
		return rules.active ? rules.detect(event, index, type) : undefined;
	}
}

/** `clickUpgradesOpen`: machine opens of a contact and campaign with a human click become real opens again. */
function withClickUpgrades(
	events: readonly EngagementEvent[],
	detected: readonly MachineEvent[],
	mode: MachineFilterOptions['mode'],
	useFlag: boolean,
): MachineFilterResult {
	const clicked = humanClickKeys(events, new Set(detected.map((found) => found.index)), useFlag);
	const machine: MachineEvent[] = [];
	const upgraded: MachineEvent[] = [];
	for (const found of detected) {
		const { event } = found;
		const campaignId = event.campaignId;
		const isUpgraded =
			event.type === 'open' &&
			campaignId !== undefined &&
			campaignId !== null &&
			clicked.has(sendKey(String(event.contactId), String(campaignId)));
		(isUpgraded ? upgraded : machine).push(found);
	}
	const machineIndexes = new Set(machine.map((found) => found.index));
	const upgradedIndexes = new Set(upgraded.map((found) => found.index));
	const kept: EngagementEvent[] = [];
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		if (machineIndexes.has(index)) {
			if (mode === 'mark') kept.push(event.machine === true ? event : { ...event, machine: true });
		} else if (upgradedIndexes.has(index) && event.machine === true)
			kept.push({ ...event, machine: false });
		else kept.push(event);
	}
	return { events: kept, machine, upgraded };
}
