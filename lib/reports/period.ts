import { DateTime } from 'luxon';

import { EngagementInputError } from '../errors';
import type { Timestamp } from '../events/types';
import { resolveAsOf, resolveZone, toEpochMillis } from '../time';
import type { PeriodOptions, PeriodPreset, ResolvedPeriod } from './types';

export const PERIOD_PRESETS: readonly PeriodPreset[] = [
	'last7Days',
	'last30Days',
	'last90Days',
	'thisMonth',
	'lastMonth',
	'custom',
	'all',
];

const LAST_DAYS: Partial<Record<PeriodPreset, number>> = {
	last7Days: 7,
	last30Days: 30,
	last90Days: 90,
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Turns a preset or custom period into epoch-ms bounds, calendar-aware in `timezone`.
 * "Last N days" are the N calendar days ending with the day of `asOf` (today included); "this month" is the calendar
 * month of `asOf`, "last month" the one before. Custom bounds are inclusive; a bare date covers that whole day.
 */
export function resolvePeriod(options: PeriodOptions = {}): ResolvedPeriod {
	const zone = resolveZone(options.timezone);
	const hasBounds = isGiven(options.from) || isGiven(options.to);
	const preset = options.period ?? (hasBounds ? 'custom' : 'all');
	if (!PERIOD_PRESETS.includes(preset)) {
		throw new EngagementInputError(
			`unknown period "${String(preset)}"; use one of ${PERIOD_PRESETS.join(', ')}`,
			{ field: 'period' },
		);
	}
	if (preset === 'all') return { from: null, to: null };
	if (preset === 'custom') {
		const from = isGiven(options.from) ? periodStart(options.from, zone) : null;
		const to = isGiven(options.to) ? periodEnd(options.to, zone) : null;
		if (from !== null && to !== null && from >= to) {
			throw new EngagementInputError('the period ends before it starts', { field: 'to' });
		}
		return { from, to };
	}
	const now = DateTime.fromMillis(resolveAsOf(options.asOf, zone), { zone });
	const days = LAST_DAYS[preset];
	if (days !== undefined) {
		const today = now.startOf('day');
		return {
			from: today.minus({ days: days - 1 }).toMillis(),
			to: today.plus({ days: 1 }).toMillis(),
		};
	}
	const month =
		preset === 'thisMonth' ? now.startOf('month') : now.startOf('month').minus({ months: 1 });
	return { from: month.toMillis(), to: month.plus({ months: 1 }).toMillis() };
}

/** True when `time` (epoch ms) lies inside the period. */
export function inPeriod(time: number, period: ResolvedPeriod): boolean {
	return (period.from === null || time >= period.from) && (period.to === null || time < period.to);
}

function isGiven(value: Timestamp | undefined | null): value is Timestamp {
	return value !== undefined && value !== null && value !== '';
}

function periodStart(value: Timestamp, zone: string): number {
	if (typeof value === 'string' && DATE_ONLY.test(value)) return startOfDate(value, zone, 'from');
	return readBound(value, zone, 'from');
}

function periodEnd(value: Timestamp, zone: string): number {
	if (typeof value === 'string' && DATE_ONLY.test(value)) {
		return DateTime.fromMillis(startOfDate(value, zone, 'to'), { zone })
			.plus({ days: 1 })
			.toMillis();
	}
	return readBound(value, zone, 'to') + 1;
}

function startOfDate(value: string, zone: string, field: string): number {
	const date = DateTime.fromISO(value, { zone });
	if (!date.isValid) throw new EngagementInputError(`cannot read "${value}" as a date`, { field });
	return date.startOf('day').toMillis();
}

function readBound(value: Timestamp, zone: string, field: string): number {
	const millis = toEpochMillis(value, zone);
	if (Number.isNaN(millis)) {
		throw new EngagementInputError(`cannot read "${String(value)}" as a date`, { field });
	}
	return millis;
}
