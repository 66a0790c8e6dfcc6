import { EngagementInputError } from '../errors';
import { EVENT_TYPES, type EventType } from '../events/types';

/**
 * Readers for a model's parameters (the caller's `ScoreOptions`): absent means the default, anything else must be of
 * the right kind or the reader throws an EngagementInputError naming the parameter.
 */

/** A finite number ≥ `minimum` (default 0); `undefined`/`null`/'' give the default. */
export function readNumberParameter(
	parameters: Record<string, unknown>,
	name: string,
	defaultValue: number,
	minimum = 0,
): number {
	return readOptionalNumberParameter(parameters, name, minimum) ?? defaultValue;
}

/** Like readNumberParameter, but `undefined` when absent: for values derived from the data unless overridden. */
export function readOptionalNumberParameter(
	parameters: Record<string, unknown>,
	name: string,
	minimum = 0,
): number | undefined {
	const raw = parameters[name];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = typeof raw === 'string' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
		throw new EngagementInputError(`must be a number ≥ ${minimum}, got ${JSON.stringify(raw)}`, {
			field: name,
		});
	}
	return value;
}

/** A fraction in [0, 1]. */
export function readFractionParameter(
	parameters: Record<string, unknown>,
	name: string,
	defaultValue: number,
): number {
	const value = readNumberParameter(parameters, name, defaultValue);
	if (value > 1) {
		throw new EngagementInputError(`must be between 0 and 1, got ${value}`, { field: name });
	}
	return value;
}

/** A list of event types, as an array or a comma-separated string; each must be a known EventType. */
export function readEventTypesParameter(
	parameters: Record<string, unknown>,
	name: string,
	defaultValue: readonly EventType[],
): EventType[] {
	const raw = parameters[name];
	if (raw === undefined || raw === null || raw === '') return [...defaultValue];
	const list = typeof raw === 'string' ? raw.split(',').map((part) => part.trim()) : raw;
	if (!Array.isArray(list)) {
		throw new EngagementInputError('must be a list of event types', { field: name });
	}
	const known: readonly string[] = EVENT_TYPES;
	for (const type of list) {
		if (typeof type !== 'string' || !known.includes(type)) {
			throw new EngagementInputError(
				`unknown event type ${JSON.stringify(type)}; valid types: ${EVENT_TYPES.join(', ')}`,
				{ field: name },
			);
		}
	}
	return [...new Set(list as EventType[])];
}

/** Campaign ids whose sends are untracked (open tracking off), as an array or a comma-separated string. */
export function readUntrackedCampaigns(parameters: Record<string, unknown>): ReadonlySet<string> {
	const raw = parameters.untrackedCampaigns;
	if (raw === undefined || raw === null || raw === '') return new Set();
	const list = typeof raw === 'string' ? raw.split(',').map((part) => part.trim()) : raw;
	if (!Array.isArray(list) || list.some((id) => typeof id !== 'string')) {
		throw new EngagementInputError('must be a list of campaign ids', {
			field: 'untrackedCampaigns',
		});
	}
	return new Set(list.filter((id) => id.length > 0));
}

/** The first option that is set (not `undefined`) and not named in `known`, or undefined: a misspelt name. */
export function unknownOptionName(
	options: Readonly<Record<string, unknown>>,
	known: readonly string[],
): string | undefined {
	return Object.keys(options).find((name) => options[name] !== undefined && !known.includes(name));
}
