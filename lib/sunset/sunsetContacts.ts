import { modelBands } from '../bands/labels';
import { EngagementInputError } from '../errors';
import { markMachineEvents } from '../events/filterMachineEvents';
import type { MachineFilterOptions } from '../events/filterMachineEvents';
import { prepareEvents } from '../events/prepareEvents';
import { markMachineOnlySendsUntracked } from '../events/trackedSends';
import type { EngagementEvent, Timestamp, TimedEvent } from '../events/types';
import { createAsOfCalendar } from '../models/asOfCalendar';
import type { AsOfCalendar } from '../models/asOfCalendar';
import { plural } from '../models/explanationText';
import { hubspotGraymail } from '../models/hubspotGraymail';
import { klaviyoEngagement } from '../models/klaviyoEngagement';
import {
	readNumberParameter,
	readUntrackedCampaigns,
	unknownOptionName,
} from '../models/modelParameters';
import { getScoringModel, modelParameterNames } from '../models/registry';
import {
	collectHistories,
	countWithinDays,
	isUnmeasured,
	opensOrClicks,
} from '../models/presetHistory';
import type { ContactHistory } from '../models/presetHistory';
import type { ContactScore, ScoreResult, ScoringContext } from '../models/types';
import { calendarDayCounter, resolveAsOf } from '../time';

/**
 * Sunset presets: which contacts to stop mailing, each with the peer's published rule (peers.md §2).
 * - `hubspotGraymail`: HubSpot graymail — "never engaged and no engagement with the last 11 emails, or previously
 *   engaged and no engagement with the last 16" (the `hubspotGraymail` model's `Graymail` band).
 * - `klaviyoUnengaged`: Klaviyo unengaged — "received ≥ 5 over all time AND 0 opens AND 0 clicks in the last 90
 *   days" (the `klaviyoEngagement` model's `Unengaged` band).
 * - `klaviyoSunset`: Klaviyo's sunset segment — "received ≥ 10 in the last 180 days, and zero opens, clicks and orders
 *   over all time" (orders = `purchase` events).
 * - `mailpoetInactive`: MailPoet's inactive subscribers — no open or click in 365 days (the default setting), with at
 *   least 3 emails received in those 365 days and at least 10 over all time.
 * - `bands`: any model's bands, from a score result or by scoring the events with `model`: suppress the contacts
 *   whose band is in `suppressBands` (e.g. decay's `No engagement`).
 * On top of the preset, opted-out contacts are suppressed too (reason `complaint`, `unsubscribed`: last unsubscribe
 * after the last subscribe) unless `suppressOptOuts` is false — events only. Contacts whose engagement was never
 * measured (band `Unknown`, or every send untracked) are kept, never sunset for lack of data.
 */
export type SunsetPreset =
	| 'hubspotGraymail'
	| 'klaviyoUnengaged'
	| 'klaviyoSunset'
	| 'mailpoetInactive'
	| 'bands';

export const SUNSET_PRESETS: readonly SunsetPreset[] = [
	'hubspotGraymail',
	'klaviyoUnengaged',
	'klaviyoSunset',
	'mailpoetInactive',
	'bands',
];

export type SunsetReason =
	| 'graymailNeverEngaged'
	| 'graymailPreviouslyEngaged'
	| 'klaviyoUnengaged'
	| 'klaviyoSunset'
	| 'mailpoetInactive'
	| 'band'
	| 'complaint'
	| 'unsubscribed';

export interface SunsetOptions {
	preset: SunsetPreset;
	asOf?: Timestamp;
	timezone?: string;
	excludeMachine?: boolean;
	machineFilter?: MachineFilterOptions;
	/** Preset `bands`: the model to score events with (a score result brings its own). */
	model?: string;
	/** Preset `bands`: the bands to suppress. */
	suppressBands?: readonly string[];
	/** Suppress contacts who complained or unsubscribed (events input only); default true. */
	suppressOptOuts?: boolean;
	/** Preset parameters ride along by name (e.g. neverEngagedSends, minReceived, inactiveDays). */
	[parameter: string]: unknown;
}

export interface SunsetDecision {
	contactId: string;
	suppress: boolean;
	/** Why the contact is suppressed; null when kept. */
	reason: SunsetReason | null;
	/** One human line: the rule and the contact's own numbers. */
	explanation: string;
	/** Band and score of the underlying model row, when the preset scores. */
	band: string | null;
	score: number | null;
}

export interface SunsetSummary {
	preset: SunsetPreset;
	/** Always true: this function writes nothing; a workflow acts on `contacts` afterwards. */
	dryRun: true;
	contacts: number;
	suppress: number;
	keep: number;
	/** How many contacts each reason suppresses (every reason of the preset present, 0 when unused). */
	byReason: Record<string, number>;
	/** Kept because their engagement was never measured. */
	unknownKept: number;
}

export interface SunsetResult {
	contacts: SunsetDecision[];
	summary: SunsetSummary;
}

const PRESET_REASONS: Record<SunsetPreset, SunsetReason[]> = {
	hubspotGraymail: ['graymailNeverEngaged', 'graymailPreviouslyEngaged'],
	klaviyoUnengaged: ['klaviyoUnengaged'],
	klaviyoSunset: ['klaviyoSunset'],
	mailpoetInactive: ['mailpoetInactive'],
	bands: ['band'],
};

/**
 * Marks the contacts to suppress under a sunset preset, each with its reason, and a dry-run summary (how many per
 * reason) to check before a workflow writes anything back. Input: events (scored here) or, for `hubspotGraymail`,
 * `klaviyoUnengaged` and `bands`, a `scoreContacts` result of the matching model.
 */
export function sunsetContacts(
	input: ScoreResult | Iterable<EngagementEvent>,
	options: SunsetOptions,
): SunsetResult {
	if (typeof options !== 'object' || options === null || !SUNSET_PRESETS.includes(options.preset)) {
		throw new EngagementInputError(`preset must be one of ${SUNSET_PRESETS.join(', ')}`, {
			field: 'preset',
		});
	}
	const preset = options.preset;
	checkSunsetOptionNames(options);
	const decisions = isScoreResult(input)
		? fromScoreResult(input, options)
		: fromEvents(input, options);
	const byReason: Record<string, number> = {};
	for (const reason of PRESET_REASONS[preset]) byReason[reason] = 0;
	if (!isScoreResult(input) && options.suppressOptOuts !== false) {
		byReason.complaint = 0;
		byReason.unsubscribed = 0;
	}
	let suppress = 0;
	let unknownKept = 0;
	for (const decision of decisions) {
		if (decision.suppress && decision.reason !== null) {
			suppress++;
			byReason[decision.reason] = (byReason[decision.reason] ?? 0) + 1;
		} else if (decision.band === 'Unknown') unknownKept++;
	}
	return {
		contacts: decisions,
		summary: {
			preset,
			dryRun: true,
			contacts: decisions.length,
			suppress,
			keep: decisions.length - suppress,
			byReason,
			unknownKept,
		},
	};
}

function isScoreResult(input: unknown): input is ScoreResult {
	return (
		typeof input === 'object' &&
		input !== null &&
		!Array.isArray(input) &&
		Array.isArray((input as ScoreResult).contacts) &&
		typeof (input as ScoreResult).account === 'object'
	);
}

/** The options every preset takes. */
export const SUNSET_OPTION_NAMES = [
	'preset',
	'asOf',
	'timezone',
	'excludeMachine',
	'machineFilter',
	'machineOpensAsUnknown',
	'suppressOptOuts',
	'untrackedCampaigns',
] as const;

/** A preset's own parameters: its model's, its rule's, or (bands) the model to score with and its parameters. */
export function sunsetParameterNames(preset: SunsetPreset, model?: unknown): readonly string[] {
	switch (preset) {
		case 'hubspotGraymail':
			return modelParameterNames('hubspotGraymail');
		case 'klaviyoUnengaged':
			return modelParameterNames('klaviyoEngagement');
		case 'klaviyoSunset':
			return ['sunsetWindowDays', 'sunsetMinReceived'];
		case 'mailpoetInactive':
			return ['inactiveDays'];
		case 'bands':
			return [
				'model',
				'suppressBands',
				// the models with partitioned figures read merged account statistics when given
				'accountStatistics',
				...(typeof model === 'string' ? modelParameterNames(model) : []),
			];
	}
}

/** Refuses a misspelt option (`sunsetWindowDay`), which would otherwise sunset with the default. */
export function checkSunsetOptionNames(options: SunsetOptions): void {
	const model = options.preset === 'bands' ? options.model : undefined;
	const parameters = sunsetParameterNames(options.preset, model);
	const unknown = unknownOptionName(options, [...SUNSET_OPTION_NAMES, ...parameters]);
	if (unknown === undefined) return;
	throw new EngagementInputError(
		`is not a parameter of the ${options.preset} preset nor an option of every preset; its parameters: ${parameters.join(', ')}`,
		{ field: unknown },
	);
}

const PRESET_MODEL: Partial<Record<SunsetPreset, string>> = {
	hubspotGraymail: 'hubspotGraymail',
	klaviyoUnengaged: 'klaviyoEngagement',
};

function fromScoreResult(result: ScoreResult, options: SunsetOptions): SunsetDecision[] {
	const preset = options.preset;
	const scoredWith = result.account.model;
	if (preset === 'klaviyoSunset' || preset === 'mailpoetInactive') {
		throw new EngagementInputError(
			`preset ${preset} needs the events (sends and opens over time), not a score result`,
			{
				field: 'preset',
			},
		);
	}
	const expected = PRESET_MODEL[preset];
	if (expected !== undefined && scoredWith !== expected) {
		throw new EngagementInputError(
			`preset ${preset} reads the ${expected} model's bands; the result was scored with ${String(scoredWith)}`,
			{ field: 'preset' },
		);
	}
	// Rows of an `explain: false` run carry no explanation to extend nor details (everEngaged) to read.
	if (result.contacts.some((row) => typeof row.details !== 'object' || row.details === null)) {
		throw new EngagementInputError(
			'the result has compact rows (scored with explain: false); score with explain on to sunset from it',
			{ field: 'explain' },
		);
	}
	const suppressBands = preset === 'bands' ? readSuppressBands(options, scoredWith) : undefined;
	return result.contacts.map((row) => decideFromRow(row, preset, suppressBands));
}

/** The `bands` preset's band list, checked against `model`'s bands (the model scored with, or to score with). */
function readSuppressBands(options: SunsetOptions, model: unknown): ReadonlySet<string> {
	const bands = options.suppressBands;
	if (
		!Array.isArray(bands) ||
		bands.length === 0 ||
		bands.some((band) => typeof band !== 'string')
	) {
		throw new EngagementInputError('list the band labels to suppress', { field: 'suppressBands' });
	}
	checkSuppressBands(model, bands);
	return new Set(bands);
}

/**
 * Refuses a band label the model never gives: a typo (`No engagment`) would otherwise suppress nobody, silently. The
 * error names the label and lists the model's bands. A model without known labels (a custom one) is not checked.
 */
export function checkSuppressBands(model: unknown, bands: readonly string[]): void {
	const known = typeof model === 'string' ? modelBands(model) : undefined;
	if (known === undefined) return;
	const unknown = bands.find((band) => !known.includes(band));
	if (unknown === undefined) return;
	const sameLetters = known.find((band) => band.toLowerCase() === unknown.trim().toLowerCase());
	const hint = sameLetters === undefined ? '' : ` (did you mean "${sameLetters}"?)`;
	throw new EngagementInputError(
		`"${unknown}" is not a band of the ${model as string} model${hint}; its bands: ${known.join(', ')}`,
		{ field: 'suppressBands' },
	);
}

function decideFromRow(
	row: ContactScore,
	preset: SunsetPreset,
	suppressBands: ReadonlySet<string> | undefined,
): SunsetDecision {
	const base = { contactId: row.contactId, band: row.band, score: row.score };
	let reason: SunsetReason | null = null;
	if (preset === 'hubspotGraymail' && row.band === 'Graymail') {
		reason =
			row.details.everEngaged === true ? 'graymailPreviouslyEngaged' : 'graymailNeverEngaged';
	} else if (preset === 'klaviyoUnengaged' && row.band === 'Unengaged') reason = 'klaviyoUnengaged';
	else if (preset === 'bands' && suppressBands?.has(row.band) && row.band !== 'Unknown')
		reason = 'band';
	if (reason === null) {
		const kept = row.band === 'Unknown' ? 'never measured, kept' : 'kept';
		return { ...base, suppress: false, reason, explanation: `${row.explanation}; ${kept}` };
	}
	return {
		...base,
		suppress: true,
		reason,
		explanation: `${row.explanation}; suppress (${reason})`,
	};
}

function fromEvents(events: Iterable<EngagementEvent>, options: SunsetOptions): SunsetDecision[] {
	// the band list is a setting: checked before any event is read
	const suppressBands =
		options.preset === 'bands' ? readSuppressBands(options, options.model) : undefined;
	const timezone = options.timezone ?? 'UTC';
	calendarDayCounter(timezone);
	const asOf = resolveAsOf(options.asOf, timezone);
	const excludeMachine = options.excludeMachine !== false;
	let input = markMachineEvents(events, options.machineFilter, { timezone, excludeMachine });
	if (options.machineOpensAsUnknown === true && excludeMachine) {
		input = markMachineOnlySendsUntracked(Array.isArray(input) ? input : Array.from(input));
	}
	const timed = prepareEvents(input, { timezone, excludeMachine });
	const context: ScoringContext = { asOf, timezone };
	const calendar = createAsOfCalendar(asOf, timezone);
	const histories = collectHistories(timed, asOf, readUntrackedCampaigns(options));
	const optOuts = options.suppressOptOuts !== false;
	const presetDecisions = presetRows(timed, histories, options, context, calendar, suppressBands);
	return histories.map((history, i) => {
		const decision = presetDecisions[i];
		if (decision.suppress || !optOuts) return decision;
		if (Number.isFinite(history.lastComplaint)) {
			return {
				...decision,
				suppress: true,
				reason: 'complaint',
				explanation: `Marked an email as spam on ${calendar.localDate(history.lastComplaint)}; suppress (complaint)`,
			};
		}
		if (history.lastUnsubscribe > history.lastSubscribe) {
			return {
				...decision,
				suppress: true,
				reason: 'unsubscribed',
				explanation: `Unsubscribed on ${calendar.localDate(history.lastUnsubscribe)} and not resubscribed; suppress (unsubscribed)`,
			};
		}
		return decision;
	});
}

/** One decision per history (same order: contactId), by the preset alone. */
function presetRows(
	timed: readonly TimedEvent[],
	histories: readonly ContactHistory[],
	options: SunsetOptions,
	context: ScoringContext,
	calendar: AsOfCalendar,
	suppressBands: ReadonlySet<string> | undefined,
): SunsetDecision[] {
	switch (options.preset) {
		case 'hubspotGraymail':
		case 'klaviyoUnengaged':
		case 'bands': {
			const model =
				options.preset === 'hubspotGraymail'
					? hubspotGraymail
					: options.preset === 'klaviyoUnengaged'
						? klaviyoEngagement
						: undefined;
			const result = model
				? model(timed, options, context)
				: scoreWithModel(timed, options, context);
			const byId = new Map(result.contacts.map((row) => [row.contactId, row]));
			return histories.map((history) => {
				const row = byId.get(history.contactId);
				return row
					? decideFromRow(row, options.preset, suppressBands)
					: {
							contactId: history.contactId,
							suppress: false,
							reason: null,
							explanation: 'No row from the model; kept',
							band: null,
							score: null,
						};
			});
		}
		case 'klaviyoSunset':
			return histories.map((history) => klaviyoSunsetDecision(history, options, calendar));
		case 'mailpoetInactive':
			return histories.map((history) => mailpoetInactiveDecision(history, options, calendar));
	}
}

function scoreWithModel(
	timed: readonly TimedEvent[],
	options: SunsetOptions,
	context: ScoringContext,
): ScoreResult {
	if (typeof options.model !== 'string') {
		throw new EngagementInputError('name the model whose bands to suppress', { field: 'model' });
	}
	return getScoringModel(options.model)(timed, options, context);
}

function keptUnknown(history: ContactHistory): SunsetDecision {
	return {
		contactId: history.contactId,
		suppress: false,
		reason: null,
		explanation: `All ${plural(history.sends.length, 'send')} untracked and no open or click seen: never measured, kept`,
		band: 'Unknown',
		score: null,
	};
}

function klaviyoSunsetDecision(
	history: ContactHistory,
	options: SunsetOptions,
	calendar: AsOfCalendar,
): SunsetDecision {
	const windowDays = readNumberParameter(options, 'sunsetWindowDays', 180);
	const minReceived = readNumberParameter(options, 'sunsetMinReceived', 10);
	if (isUnmeasured(history)) return keptUnknown(history);
	const received = countWithinDays(
		history.sends.filter((send) => send.tracked).map((send) => send.time),
		windowDays,
		calendar,
	);
	const engaged = history.opens.length + history.purchaseTimes.length;
	const suppress = received >= minReceived && engaged === 0;
	const numbers = `Received ${received} tracked emails in the last ${windowDays} days, ${opensOrClicks(history.opens.length)} and ${plural(history.purchaseTimes.length, 'order')} ever`;
	return {
		contactId: history.contactId,
		suppress,
		reason: suppress ? 'klaviyoSunset' : null,
		explanation: suppress
			? `${numbers} (≥ ${minReceived}, none engaged); suppress (klaviyoSunset)`
			: `${numbers}; kept`,
		band: null,
		score: null,
	};
}

function mailpoetInactiveDecision(
	history: ContactHistory,
	options: SunsetOptions,
	calendar: AsOfCalendar,
): SunsetDecision {
	const inactiveDays = readNumberParameter(options, 'inactiveDays', 365);
	if (isUnmeasured(history)) return keptUnknown(history);
	const tracked = history.sends.filter((send) => send.tracked);
	const inWindow = countWithinDays(
		tracked.map((send) => send.time),
		inactiveDays,
		calendar,
	);
	const engagedInWindow = countWithinDays(history.opens, inactiveDays, calendar);
	const suppress = engagedInWindow === 0 && inWindow >= 3 && tracked.length >= 10;
	const numbers = `${opensOrClicks(engagedInWindow)} in the last ${inactiveDays} days, ${inWindow} tracked emails received in them, ${tracked.length} ever`;
	return {
		contactId: history.contactId,
		suppress,
		reason: suppress ? 'mailpoetInactive' : null,
		explanation: suppress
			? `${numbers} (≥ 3 and ≥ 10); suppress (mailpoetInactive)`
			: `${numbers}; kept`,
		band: null,
		score: null,
	};
}
