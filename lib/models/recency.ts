import { contactOrder } from '../events/eventColumns';
import type { EventColumns } from '../events/eventColumns';
import {
	activityOf,
	classifyRecency,
	collectActivity,
	createRecencyTracker,
	explainRecency,
	readRecencySettings,
	recencyDetails,
} from './activeRecency';
import { createAsOfCalendar } from './asOfCalendar';
import { columnarModel } from './columnarModel';
import type { ContactScore, ScoreResult, ScoringContext } from './types';

/**
 * `recency` — Crescendo Lab's engagement level without GA4 (seed 000, "For: Basic Plan, Growth Plan"):
 *
 * > "The system categorizes contacts into 3 levels based on how recently they have actively interacted with the LINE
 * > Official Account:
 * > Level 3 — LINE contacts who have actively interacted with the Official Account within the past 30 days
 * > Level 2 — LINE contacts whose last active interaction was 31–90 days ago
 * > Level 1 — LINE contacts who have not had any active interaction in the past 90 days (includes blocked users)"
 *
 * Days ago are whole calendar days in `timezone` from the last active interaction (types `activeTypes`, default
 * interaction, subscribe, unblock, click; see activeRecency.ts) to asOf's date: 0–30 → Level 3, 31–90 → Level 2,
 * 91 or more, none, or currently blocked (last `block` after the last `unblock`) → Level 1. `score` = level number.
 * Parameters: `activeTypes`, `level3Days` (30), `level2Days` (90).
 */
function recencyFromColumns(
	columns: EventColumns,
	parameters: Record<string, unknown>,
	context: ScoringContext,
): ScoreResult {
	const settings = readRecencySettings(parameters);
	const calendar = createAsOfCalendar(context.asOf, context.timezone);
	const tracker = createRecencyTracker(settings, calendar);
	const table = collectActivity(columns, tracker);

	const bandCounts: Record<string, number> = { 'Level 3': 0, 'Level 2': 0, 'Level 1': 0 };
	let scoreSum = 0;
	let blockedContacts = 0;
	const rows: ContactScore[] = [];
	for (const c of contactOrder(columns)) {
		if (!table.seen[c]) continue;
		const state = activityOf(table, c);
		const verdict = classifyRecency(state, tracker);
		const band = `Level ${verdict.level}`;
		bandCounts[band]++;
		scoreSum += verdict.level;
		if (verdict.blocked) blockedContacts++;
		rows.push({
			contactId: columns.contactIds[c],
			score: verdict.level,
			band,
			explanation: explainRecency(verdict, state, tracker),
			details: recencyDetails(verdict.rule, verdict, state, tracker),
		});
	}

	return {
		contacts: rows,
		account: {
			model: 'recency',
			asOf: new Date(context.asOf).toISOString(),
			timezone: calendar.timezone,
			activeTypes: settings.activeTypes,
			level3Days: settings.level3Days,
			level2Days: settings.level2Days,
			contacts: rows.length,
			bandCounts,
			blockedContacts,
			averageScore: rows.length === 0 ? null : scoreSum / rows.length,
			eventsAfterAsOf: table.eventsAfterAsOf,
		},
	};
}

export const recency = columnarModel(recencyFromColumns);
