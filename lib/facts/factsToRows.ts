import type { FactRow, Facts } from './types';

/**
 * Facts → flat rows tagged with `factType`, the shape the SQL in examples/sql returns and `factsFromRows` reads
 * (e.g. to store facts built in n8n, or to hand them to another workflow as items).
 */
export function factsToRows(facts: Facts): FactRow[] {
	return [
		...facts.sends.map((send): FactRow => ({ factType: 'send', ...send })),
		...facts.contacts.map((contact): FactRow => ({ factType: 'contact', ...contact })),
		...facts.days.map((day): FactRow => ({ factType: 'day', ...day })),
	];
}
