import { IANAZone } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resolveAsOf } from '../../lib/time';
import { resolveTimezone } from './descriptions';

/** The Time Zone parameter, or the workflow's zone when empty; an unknown zone is a parameter error. */
export function readTimezone(this: IExecuteFunctions): string {
	const zone = resolveTimezone(this.getNodeParameter('timezone', 0, ''), this.getTimezone());
	if (!IANAZone.isValidZone(zone)) {
		throw new NodeOperationError(this.getNode(), `Unknown time zone "${zone}"`, {
			description: 'Use an IANA name such as Europe/Berlin or America/New_York, or leave it empty',
		});
	}
	return zone;
}

/** The entries of a comma-separated parameter value, trimmed; empty entries are left out. */
export function commaSeparated(text: string): string[] {
	return text
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** The As Of parameter as epoch ms (empty = now); read in `timezone` when it has no offset. */
export function readAsOf(this: IExecuteFunctions, timezone: string, parameter = 'asOf'): number {
	const value = this.getNodeParameter(parameter, 0, '') as unknown;
	// An expression such as {{ $now }} yields a luxon DateTime (possibly another copy of luxon than ours).
	const toMillis = (value as { toMillis?: () => number } | null)?.toMillis;
	if (typeof toMillis === 'function') return toMillis.call(value);
	try {
		return resolveAsOf(value === '' ? undefined : (value as string | number), timezone);
	} catch {
		throw new NodeOperationError(this.getNode(), `Cannot read "${String(value)}" as a date`, {
			description: `Check the parameter "${parameter}"`,
		});
	}
}
