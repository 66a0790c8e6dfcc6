import type { ActivityDayFact, SendFact } from './types';

/**
 * The day-fact counts that a send fact's first times stand for: each first open / click / machine open / machine
 * click / conversion of a campaign is one event of that count on its calendar day. `factsToEvents` emits those
 * events from the send fact and only the rest from the day fact; `eventsToFacts` leaves out campaign day rows that
 * hold nothing more than these firsts.
 */
export const SEND_FIRSTS: ReadonlyArray<
	readonly [count: keyof ActivityDayFact, first: keyof SendFact]
> = [
	['opens', 'firstOpenAt'],
	['clicks', 'firstClickAt'],
	['machineOpens', 'machineOpenAt'],
	['machineClicks', 'machineClickAt'],
	['conversions', 'firstConversionAt'],
];
