import { DateTime } from 'luxon';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	inPeriod,
	type PeriodOptions,
	type PeriodPreset,
	type resolvePeriod,
} from '../../../../lib/reports';
import { calendarDate } from '../../../../lib/time';
import { readAsOf, readTimezone } from '../../../shared/context';
import { timezoneProperty } from '../../../shared/descriptions';

const PERIOD_OPTIONS = [
	{ name: 'All Time', value: 'all', description: 'Every event in the input' },
	{
		name: 'Custom',
		value: 'custom',
		description: 'From and to dates you choose (both included)',
	},
	{
		name: 'Last 30 Days',
		value: 'last30Days',
		description: 'The 30 calendar days ending today',
	},
	{
		name: 'Last 7 Days',
		value: 'last7Days',
		description: 'The 7 calendar days ending today',
	},
	{
		name: 'Last 90 Days',
		value: 'last90Days',
		description: 'The 90 calendar days ending today',
	},
	{ name: 'Last Month', value: 'lastMonth', description: 'The previous calendar month' },
	{
		name: 'This Month',
		value: 'thisMonth',
		description: 'The current calendar month so far',
	},
];

/** The report period parameters shared by the event-based operations. */
export function periodProperties(operations: string[]): INodeProperties[] {
	const show = { operation: operations };
	return [
		{
			displayName: 'Period',
			name: 'period',
			type: 'options',
			displayOptions: { show },
			options: PERIOD_OPTIONS,
			default: 'last30Days',
			description:
				'Which events count (default Last 30 Days: older events are left out, so for past data choose All Time or Custom). Calendar days are those of the time zone below.',
		},
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			displayOptions: { show: { ...show, period: ['custom'] } },
			default: '',
			description: 'Start of the period (included). Empty: no lower limit.',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			displayOptions: { show: { ...show, period: ['custom'] } },
			default: '',
			description: 'End of the period (included). Empty: no upper limit.',
		},
		{
			displayName: 'Today Is',
			name: 'asOf',
			type: 'dateTime',
			displayOptions: {
				show: {
					...show,
					period: ['last7Days', 'last30Days', 'last90Days', 'thisMonth', 'lastMonth'],
				},
			},
			default: '',
			description: 'The day the preset periods count back from. Empty: now.',
		},
		{ ...timezoneProperty, displayOptions: { show } },
	];
}

/** Reads the period parameters once. */
export function readPeriod(
	this: IExecuteFunctions,
): Required<Pick<PeriodOptions, 'period' | 'timezone'>> & PeriodOptions {
	const timezone = readTimezone.call(this);
	const period = this.getNodeParameter('period', 0) as PeriodPreset;
	if (period === 'custom') {
		return {
			period,
			timezone,
			from: toBound(this.getNodeParameter('from', 0, '')),
			to: toBound(this.getNodeParameter('to', 0, '')),
		};
	}
	if (period === 'all') return { period, timezone };
	return { period, timezone, asOf: readAsOf.call(this, timezone) };
}

/** A midnight without offset (what the date picker gives for a day) means that whole calendar day. */
const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})(T00:00(:00(\.0+)?)?)?$/;

function toBound(value: unknown): string | number | undefined {
	if (value === '' || value === null || value === undefined) return undefined;
	const day = typeof value === 'string' ? MIDNIGHT.exec(value.trim()) : null;
	if (day !== null) return day[1];
	const toMillis = (value as { toMillis?: () => number }).toMillis;
	if (typeof toMillis === 'function') return toMillis.call(value);
	return value as string | number;
}

/** Epoch ms → ISO-8601 in the report's zone, or null for an open bound. */
export function isoOrNull(millis: number | null, zone: string): string | null {
	return millis === null ? null : DateTime.fromMillis(millis, { zone }).toISO();
}

/**
 * When the input had events but the period leaves out every one of them, says so in the output pane (an execution
 * hint, n8n's yellow note above the output): the report is then empty or all zeros, usually because the default
 * period (Last 30 Days) ends long after the data does. Names the period's days and the days the events cover.
 */
export function hintWhenPeriodLeavesOutAll(
	this: IExecuteFunctions,
	events: ReadonlyArray<{ time: number }>,
	bounds: ReturnType<typeof resolvePeriod>,
	period: Pick<PeriodOptions, 'period'> & { timezone: string },
): void {
	if (events.length === 0 || (bounds.from === null && bounds.to === null)) return;
	let first = Infinity;
	let last = -Infinity;
	for (const event of events) {
		if (inPeriod(event.time, bounds)) return;
		if (event.time < first) first = event.time;
		if (event.time > last) last = event.time;
	}
	// An n8n older than execution hints lacks addExecutionHints: the report is the same, only the note is missing.
	if (typeof this.addExecutionHints !== 'function') return;
	const zone = period.timezone;
	const name = PERIOD_OPTIONS.find((option) => option.value === period.period)?.name ?? 'Custom';
	const from = bounds.from === null ? undefined : calendarDate(bounds.from, zone);
	const to = bounds.to === null ? undefined : calendarDate(bounds.to - 1, zone);
	const days =
		from === undefined ? `up to ${to}` : to === undefined ? `from ${from}` : `${from} to ${to}`;
	const count = events.length === 1 ? 'The 1 event is' : `The ${events.length} events are`;
	this.addExecutionHints({
		message:
			`No event falls in the period ${name} (${days}, ${zone}), so the report counts nothing. ` +
			`${count} from ${calendarDate(first, zone)} to ${calendarDate(last, zone)}: ` +
			'choose Period › All Time, or a Custom period (or Today Is) that covers them.',
		type: 'warning',
		location: 'outputPane',
	});
}
