import { IANAZone } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
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

/** A JSON-object parameter (text or an object from an expression); empty means {}. `hint` explains a wrong shape. */
export function readJsonObject(
	this: IExecuteFunctions,
	value: unknown,
	parameter: string,
	hint?: string,
): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${parameter} is not valid JSON`, {
				description: (error as Error).message,
			});
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(
			this.getNode(),
			`${parameter} must be a JSON object`,
			hint === undefined ? {} : { description: hint },
		);
	}
	return parsed as IDataObject;
}
