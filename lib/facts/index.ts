export type { Facts, SendFact, ContactFact, ActivityDayFact, FactRow } from './types';
export { eventsToFacts } from './eventsToFacts';
export type { EventsToFactsOptions } from './eventsToFacts';
export { factsToEvents } from './factsToEvents';
export { factsFromRows } from './factsFromRows';
export { factsToRows } from './factsToRows';
export type { FactsFromRowsOptions } from './factsFromRows';
export { scoreFacts } from './scoreFacts';
