import type { EventColumns } from '../events/eventColumns';
import { typeCode } from '../events/eventCodes';
import { EVENT_TYPES, type EventType } from '../events/types';
import type { AsOfCalendar } from './asOfCalendar';
import { capitalise, plural } from './explanationText';
import { readEventTypesParameter, readNumberParameter } from './modelParameters';

/**
 * Crescendo Lab's recency of "active interaction" (seed 000), shared by `recency` and `recency5`:
 * the last active interaction of a contact, its block state, and the three levels built on them.
 *
 * > "Definition of "active interaction" includes: Sending messages to the Official Account; Triggering auto-replies by
 * > entering keywords; Tapping rich menus …; Clicking images/buttons that trigger a response; Adding the account as a
 * > friend; Unblocking a previously blocked account; Clicking inbound links (e.g., BindLink)"
 *
 * In our event schema that is `interaction` (messages, keywords, menus, buttons), `subscribe` (added as friend),
 * `unblock` and `click`; opens are not active. The list is the parameter `activeTypes`.
 */
export const DEFAULT_ACTIVE_TYPES: readonly EventType[] = [
	'interaction',
	'subscribe',
	'unblock',
	'click',
];

export type RecencyRule =
	| 'active-within-level3-days'
	| 'active-within-level2-days'
	| 'no-active-within-level2-days'
	| 'never-active'
	| 'blocked';

export interface RecencySettings {
	activeTypes: readonly EventType[];
	/** Level 3: last active interaction at most this many calendar days ago (seed: 30). */
	level3Days: number;
	/** Level 2: last active interaction at most this many calendar days ago (seed: 90); older or none → Level 1. */
	level2Days: number;
}

/** The parameters `readRecencySettings` reads. */
export const RECENCY_PARAMETERS = ['level3Days', 'level2Days', 'activeTypes'] as const;

export function readRecencySettings(parameters: Record<string, unknown>): RecencySettings {
	const level3Days = Math.floor(readNumberParameter(parameters, 'level3Days', 30));
	const level2Days = Math.floor(readNumberParameter(parameters, 'level2Days', 90, level3Days));
	return {
		activeTypes: readEventTypesParameter(parameters, 'activeTypes', DEFAULT_ACTIVE_TYPES),
		level3Days,
		level2Days,
	};
}

/** A contact's recency figures, read from the ActivityTable. */
export interface ActivityState {
	/** Epoch ms of the last active interaction, -Infinity when none. */
	lastActive: number;
	lastActiveType: EventType | undefined;
	/** Active interactions within level2Days (all kinds in `activeTypes`). */
	activeWithinLevel2Days: number;
	lastBlock: number;
	lastUnblock: number;
}

/** Per-run constants: the settings, the calendar, and where the level-2 window begins. */
export interface RecencyTracker {
	readonly settings: RecencySettings;
	readonly calendar: AsOfCalendar;
	/** Epoch ms where the local day level2Days before asOf begins. */
	readonly level2Start: number;
}

export function createRecencyTracker(
	settings: RecencySettings,
	calendar: AsOfCalendar,
): RecencyTracker {
	return { settings, calendar, level2Start: calendar.startOfDayBefore(settings.level2Days) };
}

/** ActivityState of every contact (indexed by contact code), from one pass over the event columns. */
export interface ActivityTable {
	/** 1 when the contact has an event at or before asOf: only those get a row. */
	seen: Uint8Array;
	lastActive: Float64Array;
	/** Event type code of the last active interaction; NO_TYPE when none. */
	lastActiveType: Uint8Array;
	activeWithinLevel2Days: Int32Array;
	lastBlock: Float64Array;
	lastUnblock: Float64Array;
	/** Events later than asOf: not seen when scoring as of that instant. */
	eventsAfterAsOf: number;
}

const NO_TYPE = 255;
const BLOCK = typeCode('block');
const UNBLOCK = typeCode('unblock');

export function collectActivity(columns: EventColumns, tracker: RecencyTracker): ActivityTable {
	const contactCount = columns.contactIds.length;
	const asOf = tracker.calendar.asOf;
	const { level2Start } = tracker;
	const isActive = new Uint8Array(EVENT_TYPES.length);
	for (const type of tracker.settings.activeTypes) isActive[typeCode(type)] = 1;
	const table: ActivityTable = {
		seen: new Uint8Array(contactCount),
		lastActive: new Float64Array(contactCount).fill(-Infinity),
		lastActiveType: new Uint8Array(contactCount).fill(NO_TYPE),
		activeWithinLevel2Days: new Int32Array(contactCount),
		lastBlock: new Float64Array(contactCount).fill(-Infinity),
		lastUnblock: new Float64Array(contactCount).fill(-Infinity),
		eventsAfterAsOf: 0,
	};
	const { seen, lastActive, lastActiveType, activeWithinLevel2Days, lastBlock, lastUnblock } =
		table;
	for (let j = 0; j < columns.length; j++) {
		const time = columns.time[j];
		if (time > asOf) {
			table.eventsAfterAsOf++;
			continue;
		}
		const c = columns.contact[j];
		seen[c] = 1;
		const type = columns.type[j];
		if (isActive[type]) {
			// Ties go to the lower type code, so that the order of events never matters.
			if (time > lastActive[c] || (time === lastActive[c] && type < lastActiveType[c])) {
				lastActive[c] = time;
				lastActiveType[c] = type;
			}
			if (time >= level2Start) activeWithinLevel2Days[c]++;
		}
		if (type === BLOCK) {
			if (time > lastBlock[c]) lastBlock[c] = time;
		} else if (type === UNBLOCK && time > lastUnblock[c]) {
			lastUnblock[c] = time;
		}
	}
	return table;
}

export function activityOf(table: ActivityTable, c: number): ActivityState {
	const type = table.lastActiveType[c];
	return {
		lastActive: table.lastActive[c],
		lastActiveType: type === NO_TYPE ? undefined : EVENT_TYPES[type],
		activeWithinLevel2Days: table.activeWithinLevel2Days[c],
		lastBlock: table.lastBlock[c],
		lastUnblock: table.lastUnblock[c],
	};
}

export interface RecencyVerdict {
	level: 1 | 2 | 3;
	rule: RecencyRule;
	/** Calendar days from the last active interaction to asOf; null when none. */
	daysSinceLastActive: number | null;
	/** "currently blocked": the last block is after the last unblock. */
	blocked: boolean;
}

/**
 * > "Level 3: … actively interacted with the Official Account within the past 30 days;
 * > Level 2: … last active interaction was 31–90 days ago;
 * > Level 1: … have not had any active interaction in the past 90 days (includes blocked users)"
 */
export function classifyRecency(state: ActivityState, tracker: RecencyTracker): RecencyVerdict {
	const { level3Days, level2Days } = tracker.settings;
	const blocked = state.lastBlock > state.lastUnblock;
	const daysSinceLastActive =
		state.lastActive === -Infinity ? null : tracker.calendar.daysAgo(state.lastActive);
	if (blocked) return { level: 1, rule: 'blocked', daysSinceLastActive, blocked };
	if (daysSinceLastActive === null) {
		return { level: 1, rule: 'never-active', daysSinceLastActive, blocked };
	}
	if (daysSinceLastActive <= level3Days) {
		return { level: 3, rule: 'active-within-level3-days', daysSinceLastActive, blocked };
	}
	if (daysSinceLastActive <= level2Days) {
		return { level: 2, rule: 'active-within-level2-days', daysSinceLastActive, blocked };
	}
	return { level: 1, rule: 'no-active-within-level2-days', daysSinceLastActive, blocked };
}

/** The recency part of a row's explanation, e.g. "last active interaction (click) 12 days ago, on 2026-11-14". */
export function describeLastActive(state: ActivityState, tracker: RecencyTracker): string {
	if (state.lastActive === -Infinity) {
		return `no active interaction (${tracker.settings.activeTypes.join(', ')}) in the data`;
	}
	const { calendar } = tracker;
	const days = calendar.daysAgo(state.lastActive);
	return `last active interaction (${state.lastActiveType}) ${plural(days, 'day')} ago, on ${calendar.localDate(state.lastActive)}`;
}

/** One line for a Level 1/2/3 verdict, naming the numbers and the threshold that decided it. */
export function explainRecency(
	verdict: RecencyVerdict,
	state: ActivityState,
	tracker: RecencyTracker,
): string {
	const { level3Days, level2Days } = tracker.settings;
	const lastActive = capitalise(describeLastActive(state, tracker));
	switch (verdict.rule) {
		case 'blocked':
			return `Blocked the account on ${tracker.calendar.localDate(state.lastBlock)} with no unblock since (${describeLastActive(
				state,
				tracker,
			)}) → Level 1`;
		case 'never-active':
			return `${lastActive} → Level 1`;
		case 'active-within-level3-days':
			return `${lastActive}: within ${level3Days} days → Level 3`;
		case 'active-within-level2-days':
			return `${lastActive}: ${level3Days + 1}–${level2Days} days → Level 2`;
		case 'no-active-within-level2-days':
			return `${lastActive}: none in the past ${level2Days} days → Level 1`;
	}
}

/**
 * A row's `details`: the rule that fired, then the machine-readable recency fields. One object literal (no spread
 * into another) so that 100 k rows share one shape; callers append their own fields after these.
 */
export function recencyDetails(
	rule: string,
	verdict: RecencyVerdict,
	state: ActivityState,
	tracker: RecencyTracker,
): Record<string, unknown> {
	return {
		rule,
		lastActiveAt: tracker.calendar.isoInstant(state.lastActive),
		lastActiveDate:
			state.lastActive === -Infinity ? null : tracker.calendar.localDate(state.lastActive),
		lastActiveType: state.lastActiveType ?? null,
		daysSinceLastActive: verdict.daysSinceLastActive,
		activeInteractionsWithinLevel2Days: state.activeWithinLevel2Days,
		blocked: verdict.blocked,
		lastBlockAt: tracker.calendar.isoInstant(state.lastBlock),
		lastUnblockAt: tracker.calendar.isoInstant(state.lastUnblock),
	};
}
