import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	IDisplayOptions,
} from 'n8n-workflow';

import { EngagementInputError } from '../../lib/errors';
import { EventNormalizer, readSource } from '../../lib/events/normalizeEvent';
import type { EventField, FieldMapping, FieldSource } from '../../lib/events/normalizeEvent';
import { EventFileReader } from '../../lib/events/eventFileReader';
import { EventColumnsReader } from '../../lib/events/eventColumnsReader';
import { LatestContactFields } from '../../lib/events/latestContactFields';
import type { EventColumns } from '../../lib/events/eventColumns';
import { factsFromRows } from '../../lib/facts/factsFromRows';
import { factsToEvents } from '../../lib/facts/factsToEvents';
import type { Facts } from '../../lib/facts/types';
import type { TimestampUnit } from '../../lib/events/timestamps';
import type { CampaignKind, EngagementEvent, EventType, TimedEvent } from '../../lib/events/types';
import { errorItem, libraryReason, toNodeError } from './errors';

/** Where a node reads engagement events from. */
export type EventSource = 'items' | 'binaryFile' | 'factRows';

/** Event fields a user can map, with the item field read by default (the event schema's own name). */
const OPTIONAL_FIELDS = [
	['campaignId', 'Campaign ID', 'Campaign the event belongs to'],
	[
		'campaignKind',
		'Campaign Kind',
		"broadcast, automation or transactional; empty means 'broadcast'",
	],
	['machine', 'Machine Flag', 'True for machine-generated opens/clicks (Apple MPP, link scanners)'],
	['eventId', 'Event ID', "Provider's unique event ID, used to drop duplicates"],
	['messageId', 'Message ID', 'Provider message ID'],
	['channel', 'Channel', 'email, line, sms, push, web, …'],
	['url', 'URL', 'Clicked URL'],
	['value', 'Value', 'Purchase amount; for web_visit the pages viewed'],
	['userAgent', 'User Agent', 'User agent of the open or click'],
	['ip', 'IP Address', 'IP address of the open or click (checked against scanner IP ranges)'],
	['tracked', 'Tracked', 'False on a send whose opens are not measured (open tracking off)'],
] as const;

const factRowsSource = {
	name: 'Fact Rows (Summarised by SQL)',
	value: 'factRows',
	description:
		'Each input item is one fact row built by the SQL in examples/sql (factType send, contact or day): a database summarises the events, and the scores equal those of the raw events',
};

/** The parameters that choose and map the event input; `show` limits them to some operations. */
export function eventInputProperties(
	show: IDisplayOptions['show'] = {},
	{ factRows = false }: { factRows?: boolean } = {},
): INodeProperties[] {
	// Fact rows have fixed columns (examples/sql/): the event field mapping does not apply to them.
	const when = (extra: IDisplayOptions['show'] = {}): IDisplayOptions => ({
		show: { ...show, ...extra },
		hide: { eventSource: ['factRows'] },
	});
	return [
		{
			displayName: 'Events From',
			name: 'eventSource',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show },
			options: [
				{
					name: 'Incoming Items',
					value: 'items',
					description:
						'Each input item is one event (e.g. from a webhook, a database or a spreadsheet)',
				},
				{
					name: 'CSV or NDJSON File',
					value: 'binaryFile',
					description: 'A file in the binary data of each input item, one event per row or line',
				},
				...(factRows ? [factRowsSource] : []),
			],
			default: 'items',
		},
		{
			displayName: 'Contact ID Field',
			name: 'contactIdField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: when(),
			default: 'contactId',
			description:
				'Name of the item field (or file column) holding the contact: email address or provider ID. Dots reach nested fields, e.g. <code>msys.email</code>.',
		},
		{
			displayName: 'Event Type Field',
			name: 'eventTypeField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: when(),
			default: 'type',
			description:
				'Name of the item field holding the event type. Values other than the standard types can be translated under Event Type Values.',
		},
		{
			displayName: 'Timestamp Field',
			name: 'timestampField',
			type: 'string',
			requiresDataPath: 'single',
			displayOptions: when(),
			default: 'timestamp',
			description:
				'Name of the item field holding when the event happened: ISO-8601 or an epoch number',
		},
		{
			displayName: 'Other Fields',
			name: 'otherFields',
			type: 'collection',
			placeholder: 'Map Field',
			displayOptions: when(),
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
		eventTypeValuesProperty(when()),
		campaignKindValuesProperty(when()),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			displayOptions: when({ eventSource: ['binaryFile'] }),
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file',
			description:
				'CSV with a header row, or NDJSON (one JSON event per line); the field names below name its columns',
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
			displayName: 'Unknown Event Types',
			name: 'unknownEventTypes',
			type: 'options',
			displayOptions: when(),
			options: [
				{
					name: 'Report as Error',
					value: 'error',
					description: 'The item (or file) fails, naming the value',
				},
				{
					name: 'Skip the Event',
					value: 'skip',
					description: 'E.g. processed, deferred or dropped from an ESP feed.',
				},
			],
			default: 'error',
		},
		{
			displayName: 'Lowercase Contact IDs',
			name: 'lowercaseContactId',
			type: 'boolean',
			displayOptions: when(),
			default: false,
			description:
				'Whether to lower-case contact IDs, so email addresses that differ only in case are one contact',
		},
		numericTimestampsProperty(when()),
		timestampFormatProperty(when()),
	];
}

/** Timestamp Format: text timestamps in a fixed format (read by the library's `timestampFormat` mapping option). */
export function timestampFormatProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Timestamp Format',
		name: 'timestampFormat',
		type: 'string',
		displayOptions,
		default: '',
		placeholder: 'e.g. dd.MM.yyyy HH:mm',
		description: 'For timestamps written neither as ISO-8601 nor as epoch numbers: their format in <a href="https://moment.github.io/luxon/#/parsing">Luxon tokens</a>, e.g. <code>MM/dd/yyyy h:mm a</code>. Read in the Time Zone unless the format has an offset token (ZZ). Leave empty for ISO-8601 and epoch numbers.',
	};
}

/** Event Type Values: source event names → standard types, or Skip These Events (read by `readEventTypeValues`). */
export function eventTypeValuesProperty(displayOptions: IDisplayOptions): INodeProperties {
	return translationTable(displayOptions, {
		displayName: 'Event Type Values',
		name: 'eventTypeValues',
		description:
			"Translate your source's event names to the standard types. Common names are understood already (opened, clicked, delivery, bounced, unsubscribed, page_view, order, …); soft bounces are skipped unless you map them here.",
		example: 'opened',
		to: {
			displayName: 'Event Type',
			options: [
				{ name: 'Block', value: 'block' },
				{ name: 'Bounce', value: 'bounce' },
				{ name: 'Click', value: 'click' },
				{ name: 'Complaint', value: 'complaint' },
				{ name: 'Conversion', value: 'conversion' },
				{ name: 'Delivered', value: 'delivered' },
				{ name: 'Interaction', value: 'interaction' },
				{ name: 'Open', value: 'open' },
				{ name: 'Purchase', value: 'purchase' },
				{ name: 'Sent', value: 'sent' },
				{ name: 'Skip These Events', value: 'skip' },
				{ name: 'Subscribe', value: 'subscribe' },
				{ name: 'Unblock', value: 'unblock' },
				{ name: 'Unsubscribe', value: 'unsubscribe' },
				{ name: 'Web Visit', value: 'web_visit' },
			],
			default: 'open',
		},
	});
}

/** Campaign Kind Values: source campaign kinds → broadcast, automation or transactional (read by `readTranslations`). */
export function campaignKindValuesProperty(displayOptions: IDisplayOptions): INodeProperties {
	return translationTable(displayOptions, {
		displayName: 'Campaign Kind Values',
		name: 'campaignKindValues',
		description:
			"Translate your source's campaign kinds to broadcast, automation or transactional. Common names are understood already (newsletter, campaign, flow, journey, triggered, system, …).",
		example: 'receipt',
		to: {
			displayName: 'Campaign Kind',
			options: [
				{ name: 'Automation', value: 'automation' },
				{ name: 'Broadcast', value: 'broadcast' },
				{ name: 'Transactional', value: 'transactional' },
			],
			default: 'broadcast',
		},
	});
}

/** Numeric Timestamps Are: how epoch numbers are read (the library's `TimestampUnit`). */
export function numericTimestampsProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Numeric Timestamps Are',
		name: 'timestampUnit',
		type: 'options',
		displayOptions,
		options: [
			{
				name: 'Detect (Seconds or Milliseconds)',
				value: 'auto',
				description: 'Numbers below 10^11 are seconds, larger ones milliseconds',
			},
			{ name: 'Epoch Milliseconds', value: 'milliseconds' },
			{ name: 'Epoch Seconds', value: 'seconds' },
			{
				name: 'Spreadsheet Serial Days (Excel, Google Sheets)',
				value: 'spreadsheetDays',
				description:
					'Dates as spreadsheets store them: days since 30 Dec 1899, the time of day as the fraction (45413.4375 is 1 May 2024 10:30), read in the Time Zone',
			},
		],
		default: 'auto',
	};
}

/** A list of Source Value → target translations (Event Type Values, Campaign Kind Values), read by `readTranslations`. */
function translationTable(
	displayOptions: IDisplayOptions,
	table: {
		displayName: string;
		name: string;
		description: string;
		example: string;
		to: { displayName: string; options: INodePropertyOptions[]; default: string };
	},
): INodeProperties {
	return {
		displayName: table.displayName,
		name: table.name,
		type: 'fixedCollection',
		placeholder: 'Add Translation',
		typeOptions: { multipleValues: true },
		displayOptions,
		default: {},
		description: table.description,
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
						placeholder: `e.g. ${table.example}`,
					},
					{ ...table.to, name: 'to', type: 'options' },
				],
			},
		],
	};
}

/**
 * A translation table's rows (the value of its `<name>.values` parameter) as source value → target value. Takes the
 * value rather than a context, so the action nodes and the webhook trigger read their tables alike.
 */
export function readTranslations(rows: unknown): Record<string, string> {
	const translations: Record<string, string> = {};
	for (const { from, to } of (rows ?? []) as Array<{ from: string; to: string }>)
		translations[String(from)] = to;
	return translations;
}

/** Event Type Values' rows as the library's `typeValues`: Skip These Events becomes null (skip such records). */
export function readEventTypeValues(rows: unknown): Record<string, EventType | null> {
	const typeValues: Record<string, EventType | null> = {};
	for (const [from, to] of Object.entries(readTranslations(rows)))
		typeValues[from] = to === 'skip' ? null : (to as EventType);
	return typeValues;
}

/** Events read from the input, each remembering the input item it came from. */
export interface EventInput {
	/** Validated events, `time` resolved to epoch ms. */
	events: TimedEvent[];
	/** `itemOfEvent[k]` is the input item index of `events[k]`. */
	itemOfEvent: number[];
	/** Items that failed, ready for the error output (only under Continue On Fail; otherwise reading throws). */
	errorItems: INodeExecutionData[];
	/**
	 * For fact rows, whose events are derived per contact: every input item of each contact. Absent when each event
	 * has its own item (`itemOfEvent` says it all).
	 */
	itemsOfContact?: Map<string, number[]>;
}

/** The input items a contact's result pairs with. */
export function itemsOfContact(input: EventInput): Map<string, number[]> {
	if (input.itemsOfContact !== undefined) return input.itemsOfContact;
	const items = new Map<string, number[]>();
	input.events.forEach((event, k) => {
		const item = input.itemOfEvent[k];
		const contactItems = items.get(event.contactId);
		if (contactItems === undefined) items.set(event.contactId, [item]);
		else if (contactItems[contactItems.length - 1] !== item) contactItems.push(item);
	});
	return items;
}

/** Every input item that contributed events. */
export function validItems(input: EventInput): Set<number> {
	if (input.itemsOfContact === undefined) return new Set(input.itemOfEvent);
	const items = new Set<number>();
	for (const contactItems of input.itemsOfContact.values())
		for (const item of contactItems) items.add(item);
	return items;
}

/**
 * The mapping parameters, read once, as the library's FieldMapping. A field parameter holding an expression (e.g.
 * <code>{{ $json.email.toLowerCase() }}</code>) is evaluated per item and its result is the value; a plain string is
 * the field path (or file column).
 */
function readMapping(
	this: IExecuteFunctions,
	timezone: string,
	currentItem: { index: number },
): FieldMapping {
	const raw = this.getNode().parameters;
	const rawOther = (raw.otherFields ?? {}) as IDataObject;
	const fields: Partial<Record<EventField, FieldSource>> = {};
	const source = (parameter: string, rawValue: unknown, fallback: string): FieldSource => {
		if (typeof rawValue === 'string' && rawValue.startsWith('=')) {
			return () => this.getNodeParameter(parameter, currentItem.index);
		}
		return typeof rawValue === 'string' && rawValue.trim() !== '' ? rawValue.trim() : fallback;
	};
	// Only fields mapped away from their own name are given: a file must have the columns it was told to read.
	const map = (field: EventField, parameter: string, rawValue: unknown) => {
		const fieldSource = source(parameter, rawValue, field);
		if (fieldSource !== field) fields[field] = fieldSource;
	};
	map('contactId', 'contactIdField', raw.contactIdField);
	map('type', 'eventTypeField', raw.eventTypeField);
	map('timestamp', 'timestampField', raw.timestampField);
	for (const [name] of OPTIONAL_FIELDS) map(name, `otherFields.${name}`, rawOther[name]);

	const typeValues = readEventTypeValues(this.getNodeParameter('eventTypeValues.values', 0, []));
	const campaignKindValues = readTranslations(
		this.getNodeParameter('campaignKindValues.values', 0, []),
	) as Record<string, CampaignKind>;
	return {
		fields,
		typeValues,
		campaignKindValues,
		timestampUnit: this.getNodeParameter('timestampUnit', 0, 'auto') as TimestampUnit,
		timestampFormat: (this.getNodeParameter('timestampFormat', 0, '') as string) || undefined,
		timezone,
		unknownTypes: this.getNodeParameter('unknownEventTypes', 0, 'error') as 'error' | 'skip',
		lowercaseContactId: this.getNodeParameter('lowercaseContactId', 0, false) as boolean,
	};
}

/** The mapping compiled (its value maps checked): an invalid one fails the node, naming item 0. */
function compiledMapping(node: INode, mapping: FieldMapping): EventNormalizer {
	try {
		return new EventNormalizer(mapping);
	} catch (error) {
		throw toNodeError(node, error as Error, 0);
	}
}

/**
 * Reads every input item as an event, or every row of each item's file, with the parameters read once. `keepFields`:
 * takes each file's rows' kept fields (Keep Contact Fields), files that fail under Continue On Fail left out.
 */
export async function readEventInput(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	timezone: string,
	keepFields?: LatestContactFields,
): Promise<EventInput> {
	const node = this.getNode();
	const currentItem = { index: 0 };
	const mapping = readMapping.call(this, timezone, currentItem);
	const itemFieldOf = (field: string) => {
		const source = mapping.fields?.[field as EventField];
		return typeof source === 'string' ? source : undefined;
	};
	const normalizer = compiledMapping(node, mapping);
	const source = this.getNodeParameter('eventSource', 0, 'items') as EventSource;
	const input: EventInput = { events: [], itemOfEvent: [], errorItems: [] };
	if (source === 'binaryFile') {
		await readEventFiles.call(this, items, mapping, input, keepFields);
		return input;
	}
	if (source === 'factRows') {
		readFactRows.call(this, items, timezone, input);
		return input;
	}
	const getters = normalizer.sources.map(compileGetter);
	let record: IDataObject = {};
	const read = (field: number) => getters[field](record);
	for (let i = 0; i < items.length; i++) {
		currentItem.index = i;
		try {
			record = items[i].json;
			const event = normalizer.toEvent(read, i);
			if (event === null) continue;
			input.events.push(timed(event));
			input.itemOfEvent.push(i);
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(node, error as Error, i, itemFieldOf);
			input.errorItems.push(errorItem(node, error as Error, i, itemFieldOf));
		}
	}
	return input;
}

/**
 * The file of the single input item read straight into event columns (`EventColumnsReader`: no object per event, the
 * same rows, mapping and errors as `readEventFiles`), for `scoreEventColumns`. A bad row fails the file: under
 * Continue On Fail it becomes the error item and no columns come back (nothing is scored, as with the object path).
 * `keepFields` takes the rows' kept fields (Keep Contact Fields).
 */
export async function readEventFileColumns(
	this: IExecuteFunctions,
	timezone: string,
	excludeMachine: boolean,
	keepFields?: LatestContactFields,
): Promise<{ columns?: EventColumns; errorItems: INodeExecutionData[] }> {
	const node = this.getNode();
	const mapping = readMapping.call(this, timezone, { index: 0 });
	compiledMapping(node, mapping);
	const propertyName = this.getNodeParameter('binaryPropertyName', 0) as string;
	const format = this.getNodeParameter('fileFormat', 0, 'auto') as 'auto' | 'csv' | 'ndjson';
	try {
		const binary = this.helpers.assertBinaryData(0, propertyName);
		const reader = new EventColumnsReader({
			...mapping,
			format,
			fileName: binary.fileName,
			mimeType: binary.mimeType,
			excludeMachine,
			keepFields,
		});
		for await (const chunk of binaryChunks.call(this, binary, 0, propertyName)) reader.push(chunk);
		return { columns: reader.end(), errorItems: [] };
	} catch (error) {
		const fileError = inFile(error as Error, propertyName);
		if (!this.continueOnFail()) throw toNodeError(node, fileError, 0);
		return { errorItems: [errorItem(node, fileError, 0)] };
	}
}

async function readEventFiles(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	mapping: FieldMapping,
	input: EventInput,
	keepFields: LatestContactFields | undefined,
): Promise<void> {
	const node = this.getNode();
	const propertyName = this.getNodeParameter('binaryPropertyName', 0) as string;
	const format = this.getNodeParameter('fileFormat', 0, 'auto') as 'auto' | 'csv' | 'ndjson';
	for (let i = 0; i < items.length; i++) {
		const firstEvent = input.events.length;
		const fileFields =
			keepFields === undefined ? undefined : new LatestContactFields(keepFields.names, i);
		try {
			const binary = this.helpers.assertBinaryData(i, propertyName);
			// Streamed in chunks (docs/partitioned-scoring.md "Bulk input"): the file is never one string in memory.
			const reader = new EventFileReader({
				...mapping,
				format,
				fileName: binary.fileName,
				mimeType: binary.mimeType,
				keepFields: fileFields,
			});
			const take = (events: EngagementEvent[]) => {
				for (const event of events) {
					input.events.push(timed(event));
					input.itemOfEvent.push(i);
				}
			};
			for await (const chunk of binaryChunks.call(this, binary, i, propertyName)) {
				take(reader.push(chunk));
			}
			take(reader.end());
			if (fileFields !== undefined) keepFields?.merge(fileFields);
		} catch (error) {
			// A bad row fails the whole file: no half-read file is scored.
			input.events.length = firstEvent;
			input.itemOfEvent.length = firstEvent;
			const fileError = inFile(error as Error, propertyName);
			if (!this.continueOnFail()) throw toNodeError(node, fileError, i);
			input.errorItems.push(errorItem(node, fileError, i));
		}
	}
}

/**
 * Fact rows (docs/scale.md): each item is checked on its own, so a bad row names its item; then each contact's rows
 * become the event set the models score exactly as the raw events they summarise (factsToEvents).
 */
function readFactRows(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	timezone: string,
	input: EventInput,
): void {
	const node = this.getNode();
	const factsOfContact = new Map<string, { facts: Facts; items: number[] }>();
	for (let i = 0; i < items.length; i++) {
		let rowFacts: Facts;
		try {
			rowFacts = factsFromRows([items[i].json], { timezone });
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(node, error as Error, i);
			input.errorItems.push(errorItem(node, error as Error, i));
			continue;
		}
		const [fact] = [...rowFacts.sends, ...rowFacts.contacts, ...rowFacts.days];
		let contact = factsOfContact.get(fact.contactId);
		if (contact === undefined) {
			contact = { facts: { ...rowFacts, sends: [], contacts: [], days: [] }, items: [] };
			factsOfContact.set(fact.contactId, contact);
		}
		contact.facts.sends.push(...rowFacts.sends);
		contact.facts.contacts.push(...rowFacts.contacts);
		contact.facts.days.push(...rowFacts.days);
		contact.items.push(i);
	}
	input.itemsOfContact = new Map();
	for (const [contactId, contact] of factsOfContact) {
		input.itemsOfContact.set(contactId, contact.items);
		for (const event of factsToEvents(contact.facts)) {
			input.events.push(timed(event));
			input.itemOfEvent.push(contact.items[0]);
		}
	}
}

/** The normaliser has checked the event and resolved its timestamp to epoch ms: that is its time. */
function timed(event: EngagementEvent): TimedEvent {
	const timedEvent = event as TimedEvent;
	timedEvent.time = event.timestamp as number;
	return timedEvent;
}

/**
 * A field source compiled once for the item loop, with the library's `readSource` semantics (an own property of that
 * exact name first, then a dotted path) without re-parsing the path per item.
 */
function compileGetter(source: FieldSource): (record: IDataObject) => unknown {
	if (typeof source === 'function') return source as (record: IDataObject) => unknown;
	const path = source.split('.');
	if (path.length === 1 && !source.includes('[')) return (record) => record[source];
	if (source.includes('[')) return (record) => readSource(record, source);
	return (record) => {
		if (Object.prototype.hasOwnProperty.call(record, source)) return record[source];
		let value: unknown = record;
		for (const key of path) {
			if (value === null || typeof value !== 'object') return undefined;
			value = (value as IDataObject)[key];
		}
		return value;
	};
}

/** An error inside a file: the item is the file, so the message names the file field and the row (1-based). */
function inFile(error: Error, propertyName: string): Error {
	if (!(error instanceof EngagementInputError)) return error;
	const reason = libraryReason(error);
	const row = error.index === undefined ? '' : `, row ${error.index + 1}`;
	const field = error.field === undefined ? '' : `, field "${error.field}"`;
	return new Error(`file "${propertyName}"${row}${field}: ${reason}`);
}

const FILE_CHUNK_BYTES = 1 << 20;

/**
 * A binary file in chunks: streamed from n8n's binary store when it is kept there (filesystem/database/S3 modes), else
 * sliced from the in-memory data, so the text is decoded chunk by chunk either way.
 */
async function* binaryChunks(
	this: IExecuteFunctions,
	binary: IBinaryData,
	itemIndex: number,
	propertyName: string,
): AsyncGenerator<Uint8Array> {
	if (binary.id) {
		yield* await this.helpers.getBinaryStream(binary.id, FILE_CHUNK_BYTES);
		return;
	}
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	for (let start = 0; start < buffer.length; start += FILE_CHUNK_BYTES) {
		yield buffer.subarray(start, start + FILE_CHUNK_BYTES);
	}
}
