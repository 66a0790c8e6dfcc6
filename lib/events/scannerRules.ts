import { EngagementInputError } from '../errors';
import { TYPE } from './eventCodes';
import { findIpRange, parseIpRanges } from './ipRanges';
import { DEFAULT_SCANNER_USER_AGENTS } from './scannerUserAgents';
import type { EngagementEvent } from './types';
import {
	checkContactId,
	checkEventObject,
	checkOptionalId,
	checkTimestamp,
	checkTypeCode,
} from './validateEvent';

/**
 * Bot rules beyond the provider's flag (issue 9; peers.md §2–3), used by `filterMachineEvents`. Each flagged event
 * gets a reason and its evidence:
 * - `beforeDelivery` (Kulea): an open or click earlier than that contact's delivery of the campaign (its `delivered`
 *   event, else its `sent`) — no person reads a message before it arrives;
 * - `allLinksClicked` (CustomerMinds, craft-campaign #546): the contact clicked every link of the message (at least
 *   `minLinks`, default 3) within `withinSeconds` (default 10): a scanner following each link. The links of a
 *   campaign are `campaignLinks[campaignId]` when given, else every distinct `url` anyone clicked in it;
 * - `scannerIp`: the event's `ip` is in one of the user's `scannerIpRanges` (addresses or CIDR ranges);
 * - `signals` (Mautic #16263): "2 of 3" mode — an event is machine-made only when at least `required` (default 2) of
 *   three signals agree: within `sendProximitySeconds` of the send, an IP in `scannerIpRanges`, a user agent in
 *   `scannerUserAgents`. Any one signal alone keeps the event human.
 * And `clickUpgradesOpen` (Listrak): a human click of a campaign turns that contact's machine opens of the same
 * campaign back into real opens (the person did open the message to click).
 */
export interface ScannerRuleOptions {
	beforeDelivery?: boolean;
	allLinksClicked?: boolean | AllLinksClickedOptions;
	scannerIpRanges?: readonly string[];
	signals?: SignalOptions;
	clickUpgradesOpen?: boolean;
}

export interface AllLinksClickedOptions {
	/** Every link's first click within this many seconds of the first; default 10. */
	withinSeconds?: number;
	/** Only messages with at least this many links; default 3. */
	minLinks?: number;
	/** The links of each campaign, when known; otherwise the distinct urls clicked in it. */
	campaignLinks?: Readonly<Record<string, readonly string[]>>;
}

export interface SignalOptions {
	/** Signals that must agree; default 2. */
	required?: number;
	sendProximitySeconds?: number;
	scannerIpRanges?: readonly string[];
	scannerUserAgents?: boolean | ReadonlyArray<string | RegExp>;
}

export type ScannerRuleReason = 'beforeDelivery' | 'allLinksClicked' | 'scannerIp' | 'signals';

export interface RuleHit {
	reason: ScannerRuleReason;
	detail: string;
}

export interface UserAgentMatcher {
	label: string;
	test(lowerCased: string, original: string): boolean;
}

/** Matchers for a scanner user-agent list: fragments (case-insensitive substrings) or regular expressions. */
export function userAgentMatchers(
	setting: boolean | ReadonlyArray<string | RegExp> | undefined,
): UserAgentMatcher[] {
	if (!setting) return [];
	const list = setting === true ? DEFAULT_SCANNER_USER_AGENTS : setting;
	return list.map((entry) =>
		typeof entry === 'string'
			? {
					label: JSON.stringify(entry),
					test: (lower: string) => lower.includes(entry.toLowerCase()),
				}
			: { label: String(entry), test: (_lower: string, original: string) => entry.test(original) },
	);
}

export function matchUserAgent(
	event: EngagementEvent,
	matchers: readonly UserAgentMatcher[],
): UserAgentMatcher | undefined {
	if (matchers.length === 0 || typeof event.userAgent !== 'string') return undefined;
	const lower = event.userAgent.toLowerCase();
	return matchers.find((matcher) => matcher.test(lower, event.userAgent as string));
}

export function sendKey(contactId: string, campaignId: string): string {
	return `${contactId}\u0000${campaignId}`;
}

/** Earliest time per contact and campaign of the events of the given type codes. */
export function earliestTimes(
	events: readonly EngagementEvent[],
	zone: string,
	types: readonly number[],
): Map<string, number> {
	const times = new Map<string, number>();
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		checkEventObject(event, index);
		if (!types.includes(checkTypeCode(event.type, index))) continue;
		const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
		if (campaignId === undefined) continue;
		const key = sendKey(checkContactId(event.contactId, index), campaignId);
		const time = checkTimestamp(event.timestamp, index, zone);
		const known = times.get(key);
		if (known === undefined || time < known) times.set(key, time);
	}
	return times;
}

export interface ScannerRules {
	/** True when any rule is on: `filterMachineEvents` skips the work otherwise. */
	readonly active: boolean;
	/** The first rule an open or click (type code `type`) breaks, or undefined. */
	detect(event: EngagementEvent, index: number, type: number): RuleHit | undefined;
}

export function createScannerRules(
	events: readonly EngagementEvent[],
	options: ScannerRuleOptions,
	zone: string,
): ScannerRules {
	const deliveries = options.beforeDelivery ? deliveryTimes(events, zone) : undefined;
	const bursts = options.allLinksClicked
		? linkBursts(events, zone, options.allLinksClicked === true ? {} : options.allLinksClicked)
		: undefined;
	const ipRanges = options.scannerIpRanges ? parseIpRanges(options.scannerIpRanges) : [];
	const signals = options.signals ? createSignals(events, options.signals, zone) : undefined;
	const active =
		deliveries !== undefined ||
		bursts !== undefined ||
		ipRanges.length > 0 ||
		signals !== undefined;
	return {
		active,
		detect(event, index, type) {
			if (type !== TYPE.open && type !== TYPE.click) return undefined;
			const what = type === TYPE.open ? 'open' : 'click';
			if (ipRanges.length > 0 && typeof event.ip === 'string') {
				const range = findIpRange(event.ip, ipRanges);
				if (range)
					return {
						reason: 'scannerIp',
						detail: `${what} from IP ${event.ip} in scanner range ${range.label}`,
					};
			}
			const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
			const key =
				campaignId === undefined
					? undefined
					: sendKey(checkContactId(event.contactId, index), campaignId);
			const time = checkTimestamp(event.timestamp, index, zone);
			if (deliveries !== undefined && key !== undefined) {
				const deliveredAt = deliveries.get(key);
				if (deliveredAt !== undefined && time < deliveredAt) {
					return {
						reason: 'beforeDelivery',
						detail: `${what} ${(deliveredAt - time) / 1000} s before the delivery`,
					};
				}
			}
			if (bursts !== undefined && key !== undefined && type === TYPE.click) {
				const burst = bursts.get(key);
				if (burst !== undefined && time >= burst.from && time <= burst.to) {
					return {
						reason: 'allLinksClicked',
						detail: `all ${burst.links} links of the message clicked within ${(burst.to - burst.from) / 1000} s`,
					};
				}
			}
			return signals?.detect(event, what, key, time);
		},
	};
}

/** Delivery time per contact and campaign: the earliest `delivered`, else the earliest `sent`. */
function deliveryTimes(events: readonly EngagementEvent[], zone: string): Map<string, number> {
	const delivered = earliestTimes(events, zone, [TYPE.delivered]);
	for (const [key, time] of earliestTimes(events, zone, [TYPE.sent]))
		if (!delivered.has(key)) delivered.set(key, time);
	return delivered;
}

interface Burst {
	from: number;
	to: number;
	links: number;
}

function linkBursts(
	events: readonly EngagementEvent[],
	zone: string,
	options: AllLinksClickedOptions,
): Map<string, Burst> {
	const withinMs = (options.withinSeconds ?? 10) * 1000;
	const minLinks = options.minLinks ?? 3;
	const given = options.campaignLinks ?? {};
	const observedLinks = new Map<string, Set<string>>();
	const firstClickByUrl = new Map<string, Map<string, number>>();
	const campaignOfKey = new Map<string, string>();
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		checkEventObject(event, index);
		if (checkTypeCode(event.type, index) !== TYPE.click || typeof event.url !== 'string') continue;
		const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
		if (campaignId === undefined) continue;
		const key = sendKey(checkContactId(event.contactId, index), campaignId);
		const time = checkTimestamp(event.timestamp, index, zone);
		let links = observedLinks.get(campaignId);
		if (links === undefined) observedLinks.set(campaignId, (links = new Set()));
		links.add(event.url);
		let firsts = firstClickByUrl.get(key);
		if (firsts === undefined) {
			firstClickByUrl.set(key, (firsts = new Map()));
			campaignOfKey.set(key, campaignId);
		}
		const known = firsts.get(event.url);
		if (known === undefined || time < known) firsts.set(event.url, time);
	}
	const bursts = new Map<string, Burst>();
	for (const [key, firsts] of firstClickByUrl) {
		const campaignId = campaignOfKey.get(key) as string;
		const links = Object.prototype.hasOwnProperty.call(given, campaignId)
			? new Set(given[campaignId])
			: (observedLinks.get(campaignId) as Set<string>);
		if (links.size < minLinks) continue;
		let from = Infinity;
		let to = -Infinity;
		let clickedAll = true;
		for (const link of links) {
			const time = firsts.get(link);
			if (time === undefined) {
				clickedAll = false;
				break;
			}
			if (time < from) from = time;
			if (time > to) to = time;
		}
		if (clickedAll && to - from <= withinMs) bursts.set(key, { from, to, links: links.size });
	}
	return bursts;
}

function createSignals(events: readonly EngagementEvent[], options: SignalOptions, zone: string) {
	const required = options.required ?? 2;
	if (!Number.isInteger(required) || required < 1 || required > 3) {
		throw new EngagementInputError('must be 1, 2 or 3', { field: 'signals.required' });
	}
	const proximityMs = (options.sendProximitySeconds ?? 0) * 1000;
	const sends =
		proximityMs > 0 ? earliestTimes(events, zone, [TYPE.sent, TYPE.delivered]) : undefined;
	const ipRanges = options.scannerIpRanges
		? parseIpRanges(options.scannerIpRanges, 'signals.scannerIpRanges')
		: [];
	const userAgents = userAgentMatchers(options.scannerUserAgents);
	return {
		detect(
			event: EngagementEvent,
			what: string,
			key: string | undefined,
			time: number,
		): RuleHit | undefined {
			const evidence: string[] = [];
			const sentAt = sends !== undefined && key !== undefined ? sends.get(key) : undefined;
			if (sentAt !== undefined && time - sentAt >= 0 && time - sentAt <= proximityMs) {
				evidence.push(`${(time - sentAt) / 1000} s after the send`);
			}
			const range =
				ipRanges.length > 0 && typeof event.ip === 'string'
					? findIpRange(event.ip, ipRanges)
					: undefined;
			if (range) evidence.push(`IP ${event.ip} in ${range.label}`);
			const agent = matchUserAgent(event, userAgents);
			if (agent) evidence.push(`user agent matches ${agent.label}`);
			if (evidence.length < required) return undefined;
			return {
				reason: 'signals',
				detail: `${what}: ${evidence.length} of 3 signals (${evidence.join('; ')})`,
			};
		},
	};
}

/** Contact+campaign keys with a click judged human: their machine opens are upgraded by `clickUpgradesOpen`. */
export function humanClickKeys(
	events: readonly EngagementEvent[],
	machineIndexes: ReadonlySet<number>,
	useFlag: boolean,
): Set<string> {
	const keys = new Set<string>();
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		if (machineIndexes.has(index) || (useFlag && event.machine === true)) continue;
		if (checkTypeCode(event.type, index) !== TYPE.click) continue;
		const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
		if (campaignId !== undefined)
			keys.add(sendKey(checkContactId(event.contactId, index), campaignId));
	}
	return keys;
}
