import { filterMachineEvents } from './filterMachineEvents';
import type { MachineFilterOptions } from './filterMachineEvents';
import { TYPE } from './eventCodes';
import type { EngagementEvent, EventType } from './types';
import { checkContactId, checkOptionalId, checkTimestamp, checkTypeCode } from './validateEvent';
import type { ScoreResult } from '../models/types';

/**
 * Raw and filtered figures side by side, and the events behind each score (issue 9 items 1 and 5), for
 * `scoreContacts` options `includeRawFigures` and `includeEvidence`. Off by default: the scoring hot path never pays
 * for it.
 *
 * Every input event is either *used* (reached the model) or *filtered out* with a reason: `afterAsOf`,
 * `duplicateEventId` (a repeated eventId: the first is kept), or the machine reason of `filterMachineEvents`
 * (`flagged`, `nearSend`, `scannerUserAgent`, `beforeDelivery`, `allLinksClicked`, `scannerIp`, `signals`).
 * Lists are bounded: the `evidenceLimit` (default 20) most recent events of each kind, with the totals.
 */
export type FilterReason = 'afterAsOf' | 'duplicateEventId' | string;

export interface EvidenceEvent {
	/** Position in the caller's input. */
	index: number;
	type: EventType;
	at: string;
	campaignId?: string;
	reason?: FilterReason;
	detail?: string;
}

export interface ContactEvidence {
	used: { total: number; recent: EvidenceEvent[] };
	filteredOut: { total: number; byReason: Record<string, number>; recent: EvidenceEvent[] };
}

interface ContactTally {
	used: EvidenceEvent[];
	filtered: EvidenceEvent[];
	filteredByReason: Record<string, number>;
	rawOpens: number;
	rawClicks: number;
	opens: number;
	clicks: number;
}

export interface EvidenceOptions {
	asOf: number;
	timezone: string;
	excludeMachine: boolean;
	machineFilter?: MachineFilterOptions;
	includeRawFigures: boolean;
	includeEvidence: boolean;
	/** How many events of each list to show per contact; default 20. */
	limit?: number;
}

/**
 * Adds `details.raw` / `details.filtered` (score, band, opens, clicks) and/or `details.evidence` to every row of
 * `result`, and `account.filteredEventsByReason` (plus `account.raw` with the unfiltered average and band counts).
 * `scoreRaw` scores the same events without any machine filtering.
 */
export function attachEvidence(
	result: ScoreResult,
	events: readonly EngagementEvent[],
	options: EvidenceOptions,
	scoreRaw: () => ScoreResult,
): ScoreResult {
	const limit = options.limit ?? 20;
	const tallies = tallyEvents(events, options);
	const raw = options.includeRawFigures ? scoreRaw() : undefined;
	const rawRows = new Map(raw?.contacts.map((row) => [row.contactId, row]));
	const byReason: Record<string, number> = {};
	for (const tally of tallies.values()) {
		for (const [reason, count] of Object.entries(tally.filteredByReason))
			byReason[reason] = (byReason[reason] ?? 0) + count;
	}
	const contacts = result.contacts.map((row) => {
		const tally = tallies.get(row.contactId);
		if (tally === undefined) return row;
		const details = { ...row.details };
		if (raw !== undefined) {
			const rawRow = rawRows.get(row.contactId);
			details.raw = {
				score: rawRow?.score ?? null,
				band: rawRow?.band ?? null,
				opens: tally.rawOpens,
				clicks: tally.rawClicks,
			};
			details.filtered = {
				score: row.score,
				band: row.band,
				opens: tally.opens,
				clicks: tally.clicks,
			};
		}
		if (options.includeEvidence) {
			const evidence: ContactEvidence = {
				used: { total: tally.used.length, recent: mostRecent(tally.used, limit) },
				filteredOut: {
					total: tally.filtered.length,
					byReason: tally.filteredByReason,
					recent: mostRecent(tally.filtered, limit),
				},
			};
			details.evidence = evidence;
		}
		return { ...row, details };
	});
	const account: Record<string, unknown> = { ...result.account, filteredEventsByReason: byReason };
	if (raw !== undefined) {
		account.raw = {
			averageScore: raw.account.averageScore ?? null,
			bandCounts: raw.account.bandCounts ?? null,
		};
	}
	return { contacts, account };
}

function mostRecent(list: readonly EvidenceEvent[], limit: number): EvidenceEvent[] {
	return [...list]
		.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.index - b.index))
		.slice(0, limit);
}

function tallyEvents(
	events: readonly EngagementEvent[],
	options: EvidenceOptions,
): Map<string, ContactTally> {
	const machineReasons = new Map<number, { reason: string; detail: string }>();
	if (options.excludeMachine) {
		const found = filterMachineEvents(events, {
			...(options.machineFilter ?? {}),
			mode: 'mark',
			timezone: options.timezone,
		});
		for (const hit of found.machine)
			machineReasons.set(hit.index, { reason: hit.reason, detail: hit.detail });
	}
	const seenIds = new Set<string>();
	const tallies = new Map<string, ContactTally>();
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		const contactId = checkContactId(event.contactId, index);
		const type = checkTypeCode(event.type, index);
		const time = checkTimestamp(event.timestamp, index, options.timezone);
		const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
		const eventId = checkOptionalId(event.eventId, index, 'eventId');
		let tally = tallies.get(contactId);
		if (tally === undefined) {
			tally = {
				used: [],
				filtered: [],
				filteredByReason: {},
				rawOpens: 0,
				rawClicks: 0,
				opens: 0,
				clicks: 0,
			};
			tallies.set(contactId, tally);
		}
		const item: EvidenceEvent = { index, type: event.type, at: new Date(time).toISOString() };
		if (campaignId !== undefined) item.campaignId = campaignId;
		let reason: string | undefined;
		let detail: string | undefined;
		if (eventId !== undefined && seenIds.has(eventId)) reason = 'duplicateEventId';
		else {
			if (eventId !== undefined) seenIds.add(eventId);
			if (time > options.asOf) reason = 'afterAsOf';
			else {
				if (type === TYPE.open) tally.rawOpens++;
				if (type === TYPE.click) tally.rawClicks++;
				const machine = machineReasons.get(index);
				if (machine !== undefined) ({ reason, detail } = machine);
				else if (type === TYPE.open) tally.opens++;
				else if (type === TYPE.click) tally.clicks++;
			}
		}
		if (reason === undefined) {
			tally.used.push(item);
			continue;
		}
		item.reason = reason;
		if (detail !== undefined) item.detail = detail;
		tally.filtered.push(item);
		tally.filteredByReason[reason] = (tally.filteredByReason[reason] ?? 0) + 1;
	}
	return tallies;
}
