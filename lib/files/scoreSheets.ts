import type { BandCount, BandTrendRow } from '../reports/bandDistribution';
import type { Column, Table } from './table';

/** A scored (and possibly banded) contact, as Score Contacts / Assign Band output it. */
export interface ScoredContactRow {
	contactId: string;
	score: number | null;
	band: string;
	explanation?: string;
	previousBand?: string | null;
	changed?: boolean;
}

export interface ScoreSheetsInput {
	contacts: readonly ScoredContactRow[];
	/** Counts per band (`bandDistribution`). */
	distribution?: readonly BandCount[];
	/** Counts per band at successive scoring dates (`bandDistributionOverTime`): one column per band. */
	trend?: readonly BandTrendRow[];
}

/** The scores workbook: `Scores` (one row per contact), `Bands` (distribution), `BandTrend` (when given). */
export function scoreSheets(input: ScoreSheetsInput): Table[] {
	const banding = input.contacts.some(
		(row) => row.previousBand !== undefined || row.changed !== undefined,
	);
	const scoreColumns: Column[] = [
		{ key: 'contactId', type: 'text' },
		{ key: 'score', type: 'number' },
		{ key: 'band', type: 'text' },
		...(banding
			? [
					{ key: 'previousBand', type: 'text' as const },
					{ key: 'changed', type: 'boolean' as const },
				]
			: []),
		{ key: 'explanation', type: 'text', width: 80 },
	];
	const tables: Table[] = [{ name: 'Scores', columns: scoreColumns, rows: input.contacts }];
	if (input.distribution !== undefined) {
		tables.push({
			name: 'Bands',
			columns: [
				{ key: 'band', type: 'text' },
				{ key: 'count', header: 'contacts', type: 'integer' },
				{ key: 'share', type: 'percent' },
			],
			rows: input.distribution,
		});
	}
	if (input.trend !== undefined && input.trend.length > 0) tables.push(trendSheet(input.trend));
	return tables;
}

/** Counts per band over time, one row per scoring date and one column per band (order as in the rows). */
export function trendSheet(trend: readonly BandTrendRow[]): Table {
	const bands = [...new Set(trend.map((row) => row.band))];
	const byDate = new Map<string, Record<string, unknown>>();
	for (const row of trend) {
		const line = byDate.get(row.date) ?? { date: row.date };
		line[`band:${row.band}`] = row.count;
		byDate.set(row.date, line);
	}
	return {
		name: 'BandTrend',
		columns: [
			{ key: 'date', type: 'date' },
			...bands.map((band) => ({ key: `band:${band}`, header: band, type: 'integer' as const })),
		],
		rows: [...byDate.values()],
	};
}
