import { EngagementInputError } from '../errors';
import type {
	AnyScoreResult,
	CompactContactScore,
	CompactScoreOptions,
	ScoreOptions,
	ScoreResult,
} from '../models/types';
import { scoreContacts } from '../scoreContacts';
import { factsToEvents } from './factsToEvents';
import type { Facts } from './types';

/**
 * Scores facts with any model: the same result as `scoreContacts` on the events the facts summarise.
 * The calendar days of the facts are those of `facts.timezone`, so `options.timezone`, when given, must match;
 * `asOf` defaults to the facts' own cut-off when they have one (otherwise now, as in `scoreContacts`).
 */
export function scoreFacts(
	facts: Facts,
	options: CompactScoreOptions,
): ScoreResult<CompactContactScore>;
export function scoreFacts(facts: Facts, options: ScoreOptions): ScoreResult;
export function scoreFacts(facts: Facts, options: ScoreOptions): AnyScoreResult {
	if (options.timezone !== undefined && options.timezone !== facts.timezone) {
		throw new EngagementInputError(
			`the facts count calendar days in "${facts.timezone}"; build them in "${String(options.timezone)}" to score there`,
			{ field: 'timezone' },
		);
	}
	if (options.machineFilter) {
		throw new EngagementInputError(
			'machine heuristics need the raw events (user agents, send times); flag machine opens/clicks before building the facts',
			{ field: 'machineFilter' },
		);
	}
	const asOf = options.asOf ?? (facts.asOf === null ? undefined : facts.asOf);
	return scoreContacts(factsToEvents(facts), { ...options, timezone: facts.timezone, asOf });
}
