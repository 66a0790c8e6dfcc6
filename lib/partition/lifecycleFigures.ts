import type { EventColumns } from '../events/eventColumns';
import type { LifecycleClassification } from '../models/lifecycle';
import type { LifecycleSamples } from '../models/lifecycleThresholds';
import type { LifecycleFigures } from './types';

/** A histogram keyed by whole numbers: exact counts, so quantiles of merged histograms are exact. */
class Histogram {
	private readonly counts = new Map<string, number>();

	add(key: readonly number[], count = 1): void {
		const name = key.join(',');
		this.counts.set(name, (this.counts.get(name) ?? 0) + count);
	}

	/** Rows [...key, count], sorted by key. */
	rows<Row extends number[]>(): Row[] {
		return [...this.counts.entries()]
			.map(([name, count]) => [...name.split(',').map(Number), count] as Row)
			.sort(compareNumbers);
	}
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
	return 0;
}

function campaignStarts(
	columns: EventColumns,
	starts: Float64Array,
	dayNumber: (ms: number) => number,
): Array<[string, number]> {
	const rows: Array<[string, number]> = [];
	starts.forEach((start, k) => {
		if (start !== Infinity) rows.push([columns.campaignIds[k], dayNumber(start)]);
	});
	return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** One partition's lifecycle figures, from its classification run. */
export function lifecycleFiguresOf(
	columns: EventColumns,
	run: LifecycleClassification,
): LifecycleFigures {
	const { population: p, calendar } = run;
	const tenures = new Histogram();
	const ages = new Histogram();
	const counts = new Histogram();
	for (let c = 0; c < p.seen.length; c++) {
		if (!p.seen[c]) continue;
		const tenure = run.tenureDays[c];
		tenures.add([tenure]);
		const sinceSend = run.daysSinceSend[c];
		if (Number.isNaN(sinceSend) || p.engaged[c] === 0 || p.lastOptOut[c] > p.lastSubscribe[c]) {
			continue;
		}
		ages.add([sinceSend, run.daysSinceActivity[c]]);
		counts.add([sinceSend, tenure, p.engaged[c]]);
	}
	return {
		broadcastStarts: campaignStarts(columns, p.broadcastStart, calendar.dayNumber),
		otherStarts: campaignStarts(columns, p.otherStart, calendar.dayNumber),
		broadcastDaysWithoutId: [...p.broadcastDaysWithoutId].sort((a, b) => a - b),
		otherDaysWithoutId: [...p.otherDaysWithoutId].sort((a, b) => a - b),
		tenureDays: tenures.rows(),
		activityAges: ages.rows(),
		activityCounts: counts.rows(),
	};
}

function mergeStarts(lists: Array<Array<[string, number]>>): Array<[string, number]> {
	const first = new Map<string, number>();
	for (const list of lists) {
		for (const [id, day] of list) {
			const known = first.get(id);
			if (known === undefined || day < known) first.set(id, day);
		}
	}
	return [...first.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function mergeDays(lists: number[][]): number[] {
	return [...new Set(lists.flat())].sort((a, b) => a - b);
}

function mergeHistograms<Row extends number[]>(lists: Row[][]): Row[] {
	const merged = new Histogram();
	for (const list of lists) {
		for (const row of list) merged.add(row.slice(0, -1), row[row.length - 1]);
	}
	return merged.rows<Row>();
}

export function mergeLifecycleFigures(parts: readonly LifecycleFigures[]): LifecycleFigures {
	return {
		broadcastStarts: mergeStarts(parts.map((f) => f.broadcastStarts)),
		otherStarts: mergeStarts(parts.map((f) => f.otherStarts)),
		broadcastDaysWithoutId: mergeDays(parts.map((f) => f.broadcastDaysWithoutId)),
		otherDaysWithoutId: mergeDays(parts.map((f) => f.otherDaysWithoutId)),
		tenureDays: mergeHistograms(parts.map((f) => f.tenureDays)),
		activityAges: mergeHistograms(parts.map((f) => f.activityAges)),
		activityCounts: mergeHistograms(parts.map((f) => f.activityCounts)),
	};
}

function expand(values: Array<[number, number]>): Float64Array {
	let total = 0;
	for (const [, count] of values) total += count;
	const out = new Float64Array(total);
	let at = 0;
	for (const [value, count] of values) {
		out.fill(value, at, at + count);
		at += count;
	}
	return out;
}

/** The samples a single run over every contact would have derived its thresholds from. */
export function lifecycleSamplesFromFigures(figures: LifecycleFigures): LifecycleSamples {
	const daysOf = (starts: Array<[string, number]>, withoutId: number[]) => [
		...new Set([...starts.map(([, day]) => day), ...withoutId]),
	];
	let sendDays = daysOf(figures.broadcastStarts, figures.broadcastDaysWithoutId);
	let sendDaysSource = 'broadcast';
	if (sendDays.length === 0) {
		sendDays = daysOf(figures.otherStarts, figures.otherDaysWithoutId);
		sendDaysSource = 'non-transactional';
	}
	return {
		sendDays,
		sendDaysSource,
		tenures: expand(figures.tenureDays),
		activity(contactedDays, newDays) {
			const ages = figures.activityAges
				.filter(([sinceSend]) => sinceSend <= contactedDays)
				.map(([, age, count]): [number, number] => [age, count]);
			const counts = figures.activityCounts
				.filter(([sinceSend, tenure]) => sinceSend <= contactedDays && tenure >= newDays)
				.map(([, , emails, count]): [number, number] => [emails, count]);
			return { ages: expand(ages), counts: expand(counts) };
		},
	};
}
