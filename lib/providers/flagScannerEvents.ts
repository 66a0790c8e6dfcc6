import { filterMachineEvents, type MachineReason } from '../events/filterMachineEvents';
import type { ProviderEvent } from './types';

export interface ScannerFlagOptions {
	/** `true`: the built-in `DEFAULT_SCANNER_USER_AGENTS`; a list: your fragments (case-insensitive) or RegExps. */
	scannerUserAgents?: boolean | ReadonlyArray<string | RegExp>;
	/** IP addresses or CIDR ranges (IPv4/IPv6) of known scanners, matched against each event's `ip`. */
	scannerIpRanges?: readonly string[];
}

/** A provider event, with the reason when a rule of the trigger (not the provider) flagged it. */
export type FlaggedProviderEvent = ProviderEvent & { machineReason?: MachineReason };

/**
 * The scanner rules that judge one event on its own (issue 9), for the webhook trigger, which sees one request at a
 * time: a known scanner user agent (`scannerUserAgent`) or an IP in a scanner range (`scannerIp`). The rules are
 * `filterMachineEvents`'; an open or click they catch comes back with `machine: true` and `machineReason`. Events
 * the provider already flagged are left as they are. Throws EngagementInputError for an unreadable IP range.
 */
export function flagScannerEvents(
	events: ProviderEvent[],
	options: ScannerFlagOptions,
): FlaggedProviderEvent[] {
	const ipRanges =
		options.scannerIpRanges && options.scannerIpRanges.length > 0
			? options.scannerIpRanges
			: undefined;
	if (!options.scannerUserAgents && ipRanges === undefined) return events;
	const { machine } = filterMachineEvents(events, {
		scannerUserAgents: options.scannerUserAgents,
		scannerIpRanges: ipRanges,
	});
	const reasons = new Map<number, MachineReason>();
	for (const found of machine)
		if (found.reason !== 'flagged') reasons.set(found.index, found.reason);
	if (reasons.size === 0) return events;
	return events.map((event, index) => {
		const reason = reasons.get(index);
		return reason === undefined ? event : { ...event, machine: true, machineReason: reason };
	});
}
