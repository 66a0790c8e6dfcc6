import get from 'lodash/get';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IDisplayOptions,
} from 'n8n-workflow';

import { EVENT_TYPES } from '../../lib/events/types';
import type { EngagementEvent, TimedEvent } from '../../lib/events/types';
import { numericTimestampToMillis } from '../../lib/events/timestamps';
import type { TimestampUnit } from '../../lib/events/timestamps';
import { validateEvent } from '../../lib/events/validateEvent';
import { EngagementInputError } from '../../lib/errors';
import { errorItem, toNodeError } from './errors';

/** Where a node reads engagement events from. */
export type EventSource = 'items' | 'binaryFile';

/** Event fields a user can map, with the item field read by default (the event schema's own name). */
const OPTIONAL_FIELDS = [
	['campaignId', 'Campaign ID', 'Campaign the event belongs to'],
	['campaignKind', 'Campaign Kind', "broadcast, automation or transactional; empty means 'broadcast'"],
	['machine', 'Machine Flag', 'True for machine-generated opens/clicks (Apple MPP, link scanners)'],
	['eventId', 'Event ID', "Provider's unique event ID, used to drop duplicates"],
	['messageId', 'Message ID', 'Provider message ID'],
	['channel', 'Channel', 'email, line, sms, push, web, …'],
	['url', 'URL', 'Clicked URL'],
	['value', 'Value', 'Purchase amount; for web_visit the pages viewed'],
	['userAgent', 'User Agent', 'User agent of the open or click'],
] as const;

type OptionalField = (typeof OPTIONAL_FIELDS)[number][0];

const EVENT_TYPE_OPTIONS = EVENT_TYPES.map((type) => ({ name: type, value: type }));

/** The parameters that choose and map the event input; `show` limits them to some operations. */
export function eventInputProperties(show: IDisplayOptions['show'] = {}): INodeProperties[] {
	const when = (extra: IDisplayOptions['show'] = {}): IDisplayOptions => ({ show: { ...show, ...extra } });
	return [
		{
			displayName: 'Events From',
			name: 'eventSource',
			type: 'options',
			noDataExpression: true,
			displayOptions: when(),
			options: [
				{
					name: 'Incoming Items',
					value: 'items',
					description: 'Each input item is one event (e.g. from a webhook, a database or a spreadsheet)',
				},
				{
					name: 'CSV or NDJSON File',
					value: 'binaryFile',
					description: 'A file in the binary data of each input item, one event per row or line',
				},
			],
			default: 'items',
		},
		{
			displayName: 'Contact ID Field',
			name: 'contactIdField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: when({ eventSource: ['items'] }),
			default: 'contactId',
			description:
				'Name of the item field holding the contact (email address or provider ID). Dots reach nested fields, e.g. <code>msys.email</code>.',
		},
		{
			displayName: 'Event Type Field',
			name: 'eventTypeField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: when({ eventSource: ['items'] }),
			default: 'type',
			description:
				'Name of the item field holding the event type. Values other than the standard types can be translated under Event Type Values.',
		},
		{
			displayName: 'Timestamp Field',
			name: 'timestampField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: when({ eventSource: ['items'] }),
			default: 'timestamp',
			description: 'Name of the item field holding when the event happened: ISO-8601 or an epoch number',
		},
		{
			displayName: 'Other Fields',
			name: 'otherFields',
			type: 'collection',
			placeholder: 'Map Field',
			displayOptions: when({ eventSource: ['items'] }),
			default: {},
			description:
				'Item fields for the optional event properties. Unset ones are read from the field of the same name (campaignId, campaignKind, machine, …).',
			options: OPTIONAL_FIELDS.map(([name, displayName, description]) => ({
				displayName: `${displayName} Field`,
				name,
				type: 'string' as const,
				requiresDataPath: 'single' as const,
				default: name,
				description: `Name of the item field: ${description}`,
			})),
		},
		{
			displayName: 'Event Type Values',
			name: 'eventTypeValues',
			type: 'fixedCollection',
			placeholder: 'Add Translation',
			typeOptions: { multipleValues: true },
			displayOptions: when({ eventSource: ['items'] }),
			default: {},
			description:
				"Translate your source's event names to the standard types, e.g. <code>opened</code> → open, <code>Delivery</code> → delivered",
			options: [
				{
					displayName: 'Translation',
					name: 'values',
					values: [
						{
							displayName: 'Source Value',
							name: 'from',
							type: 'string',
							default: '',
							placeholder: 'e.g. opened',
						},
						{
							displayName: 'Event Type',
							name: 'to',
							type: 'options',
							options: EVENT_TYPE_OPTIONS,
							default: 'open',
						},
					],
				},
			],
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			displayOptions: when({ eventSource: ['binaryFile'] }),
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file',
			description:
				'CSV with a header row, or NDJSON (one JSON event per line), using the event schema field names (contactId, type, timestamp, campaignId, …)',
		},
		{
			displayName: 'File Format',
			name: 'fileFormat',
			type: 'options',
			displayOptions: when({ eventSource: ['binaryFile'] }),
			options: [
				{ name: 'Detect From File', value: 'auto', description: 'By file extension and MIME type' },
				{ name: 'CSV', value: 'csv' },
				{ name: 'NDJSON', value: 'ndjson' },
			],
			default: 'auto',
		},
		{
			displayName: 'Numeric Timestamps Are',
			name: 'timestampUnit',
			type: 'options',
			displayOptions: when({ eventSource: ['items'] }),
			options: [
				{
					name: 'Detect (Seconds or Milliseconds)',
					value: 'auto',
					description: 'Numbers below 10^11 are seconds, larger ones milliseconds',
				},
				{ name: 'Epoch Milliseconds', value: 'milliseconds' },
				{ name: 'Epoch Seconds', value: 'seconds' },
			],
			default: 'auto',
		},
	];
}

/** Events read from the input, each remembering the input item it came from. */
export interface EventInput {
	/** Validated events, `time` resolved to epoch ms. */
	events: TimedEvent[];
	/** `itemOfEvent[k]` is the input item index of `events[k]`. */
	itemOfEvent: number[];
	/** Items that failed, ready for the error output (only under Continue On Fail; otherwise reading throws). */
	errorItems: INodeExecutionData[];
}

interface FieldReader {
	/** Field path in the item, or undefined when the parameter is an expression evaluated per item. */
	path: string | undefined;
	parameter: string;
}

/**
 * Reads every input item as an event (or every file row as events), with the mapping parameters read once.
 * A parameter holding an expression (e.g. <code>{{ $json.email.toLowerCase() }}</code>) is evaluated per item and its
 * result is the value; a plain string is the field path.
 */
export async function readEventInput(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	timezone: string,
): Promise<EventInput> {
	const source = this.getNodeParameter('eventSource', 0, 'items') as EventSource;
	if (source === 'binaryFile') return await readEventFiles.call(this, items, timezone);

	const node = this.getNode();
	const raw = node.parameters;
	const reader = (parameter: string, rawValue: unknown, fallback: string): FieldReader => {
		if (typeof rawValue === 'string' && rawValue.startsWith('=')) return { path: undefined, parameter };
		return {
			path: typeof rawValue === 'string' && rawValue.trim() !== '' ? rawValue.trim() : fallback,
			parameter,
		};
	};
	const rawOther = (raw.otherFields ?? {}) as IDataObject;
	const readers: Array<[keyof EngagementEvent, FieldReader]> = [
		['contactId', reader('contactIdField', raw.contactIdField, 'contactId')],
		['type', reader('eventTypeField', raw.eventTypeField, 'type')],
		['timestamp', reader('timestampField', raw.timestampField, 'timestamp')],
		...OPTIONAL_FIELDS.map(([name]): [OptionalField, FieldReader] => [
			name,
			reader(`otherFields.${name}`, rawOther[name], name),
		]),
	];
	const typeValues = new Map<string, string>();
	const translations = (this.getNodeParameter('eventTypeValues.values', 0, []) ?? []) as Array<{
		from: string;
		to: string;
	}>;
	for (const { from, to } of translations) typeValues.set(String(from), to);
	const unit = this.getNodeParameter('timestampUnit', 0, 'auto') as TimestampUnit;
	const itemFieldOf = (field: string) => readers.find(([name]) => name === field)?.[1].path;

	const events: TimedEvent[] = [];
	const itemOfEvent: number[] = [];
	const errorItems: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const record: IDataObject = {};
			for (const [field, { path, parameter }] of readers) {
				const value = path === undefined ? this.getNodeParameter(parameter, i) : get(items[i].json, path);
				if (value !== undefined && value !== null && value !== '') record[field] = value as never;
			}
			events.push(validateEvent(toEvent(record, typeValues, unit), i, timezone));
			itemOfEvent.push(i);
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(node, error as Error, i, itemFieldOf);
			errorItems.push(errorItem(node, error as Error, i, itemFieldOf));
		}
	}
	return { events, itemOfEvent, errorItems };
}

function toEvent(
	record: IDataObject,
	typeValues: ReadonlyMap<string, string>,
	unit: TimestampUnit,
): EngagementEvent {
	const event = { ...record } as unknown as EngagementEvent & Record<string, unknown>;
	const type = record.type;
	if (type !== undefined) {
		const text = String(type);
		event.type = (typeValues.get(text) ?? text) as EngagementEvent['type'];
	}
	const timestamp = record.timestamp;
	if (typeof timestamp === 'number') event.timestamp = numericTimestampToMillis(timestamp, unit);
	else if (typeof timestamp === 'string' && /^\d+(\.\d+)?$/.test(timestamp.trim())) {
		event.timestamp = numericTimestampToMillis(Number(timestamp), unit);
	}
	if (typeof record.contactId === 'number') event.contactId = String(record.contactId);
	const machine = record.machine;
	if (machine !== undefined) event.machine = machine === true || machine === 'true' || machine === 1 || machine === '1';
	if (typeof record.value === 'string' && record.value.trim() !== '') event.value = Number(record.value);
	return event;
}

async function readEventFiles(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	timezone: string,
): Promise<EventInput> {
	const node = this.getNode();
	const propertyName = this.getNodeParameter('binaryPropertyName', 0) as string;
	const format = this.getNodeParameter('fileFormat', 0, 'auto') as 'auto' | 'csv' | 'ndjson';
	const events: TimedEvent[] = [];
	const itemOfEvent: number[] = [];
	const errorItems: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const binary = this.helpers.assertBinaryData(i, propertyName);
			const text = (await this.helpers.getBinaryDataBuffer(i, propertyName)).toString('utf8');
			const fileEvents = parseEventFile(text, format, binary.fileName, binary.mimeType);
			fileEvents.forEach((event, row) => {
				events.push(validateEvent(event, row, timezone));
				itemOfEvent.push(i);
			});
		} catch (error) {
			const fileError = inFile(error as Error, propertyName);
			if (!this.continueOnFail()) throw toNodeError(node, fileError, i);
			errorItems.push(errorItem(node, fileError, i));
		}
	}
	return { events, itemOfEvent, errorItems };
}

/** A row error inside a file: the item is the file, so the message names the row (1-based, after the header). */
function inFile(error: Error, propertyName: string): Error {
	if (!(error instanceof EngagementInputError) || error.index === undefined) return error;
	const reason = error.message.replace(/^event \d+(, field "[^"]*")?: /, '');
	const field = error.field === undefined ? '' : `, field "${error.field}"`;
	return new EngagementInputError(`file "${propertyName}", row ${error.index + 1}${field}: ${reason}`, {
		field: error.field,
	});
}

function parseEventFile(
	text: string,
	format: 'auto' | 'csv' | 'ndjson',
	fileName: string | undefined,
	mimeType: string | undefined,
): EngagementEvent[] {
	const resolved = format === 'auto' ? detectFormat(text, fileName, mimeType) : format;
	// TODO: lib parsers
	return resolved === 'ndjson'
		? text
				.split('\n')
				.filter((line) => line.trim() !== '')
				.map((line) => JSON.parse(line) as EngagementEvent)
		: [];
}

function detectFormat(text: string, fileName = '', mimeType = ''): 'csv' | 'ndjson' {
	const name = fileName.toLowerCase();
	if (name.endsWith('.ndjson') || name.endsWith('.jsonl') || mimeType.includes('ndjson')) return 'ndjson';
	if (name.endsWith('.csv') || mimeType.includes('csv')) return 'csv';
	return text.trimStart().startsWith('{') ? 'ndjson' : 'csv';
}
