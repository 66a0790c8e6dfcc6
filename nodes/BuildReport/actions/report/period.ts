import { DateTime } from 'luxon';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PeriodOptions, PeriodPreset } from '../../../../lib/reports';
import { readAsOf, readTimezone } from '../../../shared/context';
import { timezoneProperty } from '../../../shared/descriptions';

/** The report period parameters shared by the event-based operations. */
export function periodProperties(operations: string[]): INodeProperties[] {
	const show = { operation: operations };
	return [
		{
			displayName: 'Period',
			name: 'period',
			type: 'options',
			displayOptions: { show },
			options: [
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
			],
			default: 'last30Days',
			description: 'Which events count. Calendar days are those of the time zone below.',
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
