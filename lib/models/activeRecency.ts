import type { EventType, TimedEvent } from '../events/types';
import type { AsOfCalendar } from './asOfCalendar';
import { capitalise, isoInstant, plural } from './explanationText';
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

export function readRecencySettings(parameters: Record<string, unknown>): RecencySettings {
	const level3Days = Math.floor(readNumberParameter(parameters, 'level3Days', 30));
	const level2Days = Math.floor(readNumberParameter(parameters, 'level2Days', 90, level3Days));
	return {
		activeTypes: readEventTypesParameter(parameters, 'activeTypes', DEFAULT_ACTIVE_TYPES),
		level3Days,
		level2Days,
	};
}

/** What one pass over a contact's events keeps for recency. */
export interface ActivityState {
	/** Epoch ms of the last active interaction, -Infinity when none. */
	lastActive: number;
	lastActiveType: EventType | undefined;
	/** Active interactions within level2Days (all kinds in `activeTypes`). */
	activeWithinLevel2Days: number;
	lastBlock: number;
	lastUnblock: number;
}

export function newActivityState(): ActivityState {
	return {
		lastActive: -Infinity,
		lastActiveType: undefined,
		activeWithinLevel2Days: 0,
		lastBlock: -Infinity,
		lastUnblock: -Infinity,
	};
}

/** Per-run constants, so that the per-event work is a set lookup and number comparisons. */
export interface RecencyTracker {
	readonly settings: RecencySettings;
	readonly counter: AsOfCalendar;
	/** Epoch ms where the local day level2Days before asOf begins. */
	readonly level2Start: number;
	record(state: ActivityState, event: TimedEvent): void;
}

export function createRecencyTracker(
	settings: RecencySettings,
	counter: AsOfCalendar,
): RecencyTracker {
	const active = new Set<string>(settings.activeTypes);
	const level2Start = counter.startOfDayBefore(settings.level2Days);
	return {
		settings,
		counter,
		level2Start,
		record(state, event) {
			const { type, time } = event;
			if (active.has(type)) {
				if (
					time > state.lastActive ||
					(time === state.lastActive && type < (state.lastActiveType as string))
				) {
					// Ties are broken by type name so that the order of events never matters.
					state.lastActive = time;
					state.lastActiveType = type;
				}
				if (time >= level2Start) state.activeWithinLevel2Days++;
			}
			if (type === 'block') {
				if (time > state.lastBlock) state.lastBlock = time;
			} else if (type === 'unblock' && time > state.lastUnblock) {
				state.lastUnblock = time;
			}
		},
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
		state.lastActive === -Infinity ? null : tracker.counter.daysAgo(state.lastActive);
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
	const { counter } = tracker;
	const days = counter.daysAgo(state.lastActive);
	return `last active interaction (${state.lastActiveType}) ${plural(days, 'day')} ago, on ${counter.isoDate(
		counter.dayNumber(state.lastActive),
	)}`;
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
			return `Blocked the account on ${isoDateOf(state.lastBlock, tracker)} with no unblock since (${describeLastActive(
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

/** Machine-readable recency fields for `details`. */
export function recencyDetails(
	verdict: RecencyVerdict,
	state: ActivityState,
	tracker: RecencyTracker,
): Record<string, unknown> {
	return {
		lastActiveAt: isoInstant(state.lastActive),
		lastActiveDate: state.lastActive === -Infinity ? null : isoDateOf(state.lastActive, tracker),
		lastActiveType: state.lastActiveType ?? null,
		daysSinceLastActive: verdict.daysSinceLastActive,
		activeInteractionsWithinLevel2Days: state.activeWithinLevel2Days,
		blocked: verdict.blocked,
		lastBlockAt: isoInstant(state.lastBlock),
		lastUnblockAt: isoInstant(state.lastUnblock),
	};
}

function isoDateOf(millis: number, tracker: RecencyTracker): string {
	return tracker.counter.isoDate(tracker.counter.dayNumber(millis));
}
