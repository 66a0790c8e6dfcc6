import toPath from 'lodash/toPath';

import { EngagementInputError } from '../errors';
import { resolveZone } from '../time';
import { describe } from './validateEvent';
import { timestampFormatReader } from './timestampFormat';
import { readTimestamp, TIMESTAMP_UNITS } from './timestamps';
import type { TimestampUnit } from './timestamps';
import { CAMPAIGN_KINDS, EVENT_TYPES } from './types';
import type { CampaignKind, EngagementEvent, EventType } from './types';

export type EventField = keyof EngagementEvent;

/** Where a field comes from: a property name or dotted path (`data.email`), or a function of the record. */
export type FieldSource = string | ((record: Record<string, unknown>) => unknown);

export interface FieldMapping {
	/** Per EngagementEvent field, its source; a field left out is read from the property of the same name. */
	fields?: Partial<Record<EventField, FieldSource>>;
	/**
	 * Source event-type values → EventType, matched case-insensitively, over the built-in synonyms
	 * (`EVENT_TYPE_SYNONYMS`: opened → open, clicked → click, …). Map a value to null to skip such records.
	 */
	typeValues?: Record<string, EventType | null>;
	/** Source campaign-kind values → CampaignKind, over the built-in synonyms (newsletter → broadcast, flow → automation…). */
	campaignKindValues?: Record<string, CampaignKind>;
	/** How numeric timestamps are read; default 'auto' (by magnitude, see `numericTimestampToMillis`). */
	timestampUnit?: TimestampUnit;
	/** Zone for ISO timestamps without an offset and spreadsheet serial days; default 'UTC'. */
	timezone?: string;
	/**
	 * Text timestamps in this format, in luxon's tokens (`dd.MM.yyyy HH:mm`, `MM/dd/yyyy h:mm a`); numbers and Dates are
	 * read as always. Without an offset token the time is read in `timezone`. Default: none (ISO-8601 or epoch digits).
	 */
	timestampFormat?: string;
	/** A record whose type is not recognised: 'error' (default) or 'skip'. */
	unknownTypes?: 'error' | 'skip';
	/** Lower-case contact ids (email addresses differ only in case across sources); default false. */
	lowercaseContactId?: boolean;
}

/**
 * Source type values recognised and skipped unless `typeValues` maps them: a soft bounce is a temporary delivery
 * failure, not a bounce — read as one, it would fire the rules meant for hard bounces (Mailchimp Stars' reset, a
 * sunset suppression), and the webhook trigger ignores temporary failures too. Map one (e.g. soft_bounce → bounce)
 * to count it.
 */
export const SKIPPED_EVENT_TYPE_VALUES: readonly string[] = ['soft_bounce', 'softbounce'];

/** Values sources commonly use for each event type (ESP webhooks, exports); matched after lower-casing and trimming. */
export const EVENT_TYPE_SYNONYMS: Readonly<Record<string, EventType>> = {
	send: 'sent',
	request: 'sent',
	delivery: 'delivered',
	opened: 'open',
	opens: 'open',
	unique_opened: 'open',
	clicked: 'click',
	clicks: 'click',
	converted: 'conversion',
	goal: 'conversion',
	bounced: 'bounce',
	hard_bounce: 'bounce',
	hardbounce: 'bounce',
	complained: 'complaint',
	spam: 'complaint',
	spamreport: 'complaint',
	spam_report: 'complaint',
	spamcomplaint: 'complaint',
	unsubscribed: 'unsubscribe',
	unsub: 'unsubscribe',
	opt_out: 'unsubscribe',
	optout: 'unsubscribe',
	subscribed: 'subscribe',
	opt_in: 'subscribe',
	optin: 'subscribe',
	signup: 'subscribe',
	follow: 'subscribe',
	interacted: 'interaction',
	reply: 'interaction',
	visit: 'web_visit',
	page_view: 'web_visit',
	pageview: 'web_visit',
	order: 'purchase',
	purchased: 'purchase',
	blocked: 'block',
	unfollow: 'block',
	unblocked: 'unblock',
};

export const CAMPAIGN_KIND_SYNONYMS: Readonly<Record<string, CampaignKind>> = {
	campaign: 'broadcast',
	newsletter: 'broadcast',
	bulk: 'broadcast',
	marketing: 'broadcast',
	regular: 'broadcast',
	automated: 'automation',
	flow: 'automation',
	journey: 'automation',
	trigger: 'automation',
	triggered: 'automation',
	workflow: 'automation',
	drip: 'automation',
	transaction: 'transactional',
	system: 'transactional',
};

/** The EngagementEvent fields a mapping can fill; readers address them by position in this list. */
export const EVENT_FIELDS = [
	'contactId',
	'type',
	'timestamp',
	'campaignId',
	'campaignKind',
	'messageId',
	'eventId',
	'channel',
	'machine',
	'url',
	'value',
	'userAgent',
	'ip',
	'tracked',
] as const satisfies readonly EventField[];

const FIELD = Object.fromEntries(EVENT_FIELDS.map((field, position) => [field, position])) as {
	[K in (typeof EVENT_FIELDS)[number]]: number;
};

type OptionalStringField =
	| 'campaignId'
	| 'messageId'
	| 'eventId'
	| 'channel'
	| 'url'
	| 'userAgent'
	| 'ip';

/** Reads one target field (its position in EVENT_FIELDS) of the record at hand. */
export type FieldReader = (field: number) => unknown;

/**
 * A mapping compiled once: value maps merged and lower-cased. `toEvent` builds one EngagementEvent from whatever
 * `read` returns per field (a property of a record, a CSV column...), or null for a record to skip.
 */
export class EventNormalizer {
	private readonly typeValues = new Map<string, EventType | null>();
	private readonly kindValues = new Map<string, CampaignKind>();
	private readonly unit: TimestampUnit;
	/** Zone of timestamps without an offset (the mapping's `timezone`, default UTC). */
	readonly zone: string;
	/** The mapping's `timestampFormat`, trimmed; undefined when none is given. */
	readonly timestampFormat: string | undefined;
	/** Text timestamps' reader when there is a `timestampFormat`. */
	private readonly formatReader: ((text: string) => number) | undefined;
	private readonly skipUnknown: boolean;
	private readonly lowercase: boolean;
	private readonly interned = new Map<string, string>();

	constructor(readonly mapping: FieldMapping = {}) {
		for (const type of EVENT_TYPES) this.typeValues.set(type, type);
		for (const from of SKIPPED_EVENT_TYPE_VALUES) this.typeValues.set(from, null);
		for (const [from, to] of Object.entries(EVENT_TYPE_SYNONYMS)) this.typeValues.set(from, to);
		for (const [from, to] of Object.entries(mapping.typeValues ?? {})) {
			if (to !== null && !EVENT_TYPES.includes(to)) {
				throw new EngagementInputError(
					`maps ${JSON.stringify(from)} to unknown event type ${describe(to)}`,
					{
						field: 'typeValues',
					},
				);
			}
			this.typeValues.set(from.trim().toLowerCase(), to);
		}
		for (const kind of CAMPAIGN_KINDS) this.kindValues.set(kind, kind);
		for (const [from, to] of Object.entries(CAMPAIGN_KIND_SYNONYMS)) this.kindValues.set(from, to);
		for (const [from, to] of Object.entries(mapping.campaignKindValues ?? {})) {
			if (!CAMPAIGN_KINDS.includes(to)) {
				throw new EngagementInputError(
					`maps ${JSON.stringify(from)} to unknown campaign kind ${describe(to)}`,
					{
						field: 'campaignKindValues',
					},
				);
			}
			this.kindValues.set(from.trim().toLowerCase(), to);
		}
		this.unit = mapping.timestampUnit ?? 'auto';
		if (!TIMESTAMP_UNITS.includes(this.unit)) {
			throw new EngagementInputError(
				`must be one of ${TIMESTAMP_UNITS.join(', ')}, not ${describe(this.unit)}`,
				{ field: 'timestampUnit' },
			);
		}
		this.zone = resolveZone(mapping.timezone);
		this.timestampFormat = mapping.timestampFormat?.trim() || undefined;
		this.formatReader =
			this.timestampFormat === undefined
				? undefined
				: timestampFormatReader(this.timestampFormat, this.zone);
		this.skipUnknown = mapping.unknownTypes === 'skip';
		this.lowercase = mapping.lowercaseContactId === true;
		this.sources = EVENT_FIELDS.map((field) => this.sourceOf(field));
	}

	/** Per position in EVENT_FIELDS, where the field comes from: the mapping's source, else the field's own name. */
	readonly sources: readonly FieldSource[];

	/** The source of a target field. */
	sourceOf(field: EventField): FieldSource {
		return this.mapping.fields?.[field] ?? field;
	}

	toEvent(read: FieldReader, index: number): EngagementEvent | null {
		const rawType = read(FIELD.type);
		const type = this.eventType(rawType);
		if (type === undefined) {
			if (this.skipUnknown) return null;
			throw this.error(
				index,
				'type',
				`unknown event type ${describe(rawType)}; map it with typeValues`,
			);
		}
		if (type === null) return null;

		const rawContact = read(FIELD.contactId);
		const contactText = typeof rawContact === 'number' ? String(rawContact) : rawContact;
		if (typeof contactText !== 'string' || contactText.trim() === '') {
			throw this.error(index, 'contactId', 'contactId is missing');
		}
		let contactId = contactText.trim();
		if (this.lowercase) contactId = contactId.toLowerCase();

		const rawTimestamp = read(FIELD.timestamp);
		const timestamp = this.timestampOf(rawTimestamp);
		if (!Number.isFinite(timestamp)) {
			const expected =
				this.timestampFormat === undefined
					? 'ISO-8601 or epoch seconds/milliseconds'
					: `the format ${JSON.stringify(this.timestampFormat)}`;
			throw this.error(
				index,
				'timestamp',
				rawTimestamp === undefined || rawTimestamp === null || rawTimestamp === ''
					? 'timestamp is missing'
					: `cannot read timestamp ${describe(rawTimestamp)} (expected ${expected})`,
			);
		}

		let campaignKind: CampaignKind | undefined;
		const rawKind = read(FIELD.campaignKind);
		if (!isBlank(rawKind)) {
			campaignKind = this.campaignKind(rawKind);
			if (campaignKind === undefined) {
				throw this.error(
					index,
					'campaignKind',
					`unknown campaignKind ${describe(rawKind)}; expected ${CAMPAIGN_KINDS.join(', ')} or map it with campaignKindValues`,
				);
			}
		}
		let machine: true | undefined;
		const rawMachine = read(FIELD.machine);
		if (!isBlank(rawMachine)) {
			const flag = readBoolean(rawMachine);
			if (flag === undefined) {
				throw this.error(
					index,
					'machine',
					`machine must be true or false, got ${describe(rawMachine)}`,
				);
			}
			if (flag) machine = true;
		}
		let tracked: false | undefined;
		const rawTracked = read(FIELD.tracked);
		if (!isBlank(rawTracked)) {
			const flag = readBoolean(rawTracked);
			if (flag === undefined) {
				throw this.error(
					index,
					'tracked',
					`tracked must be true or false, got ${describe(rawTracked)}`,
				);
			}
			if (!flag) tracked = false;
		}
		let value: number | undefined;
		const rawValue = read(FIELD.value);
		if (!isBlank(rawValue)) {
			value = typeof rawValue === 'string' ? Number(rawValue.trim()) : (rawValue as number);
			if (typeof value !== 'number' || !Number.isFinite(value)) {
				throw this.error(index, 'value', `value must be a number, got ${describe(rawValue)}`);
			}
		}
		// Every event gets the same shape (absent fields undefined): consumers then read them monomorphically.
		return {
			contactId,
			type,
			timestamp,
			campaignId: this.optionalString(read, 'campaignId', index, true),
			campaignKind,
			messageId: this.optionalString(read, 'messageId', index, false),
			eventId: this.optionalString(read, 'eventId', index, false),
			channel: this.optionalString(read, 'channel', index, true),
			machine,
			url: this.optionalString(read, 'url', index, false),
			value,
			userAgent: this.optionalString(read, 'userAgent', index, false),
			ip: this.optionalString(read, 'ip', index, false),
			tracked,
		};
	}

	/**
	 * One canonical string per distinct value, for the few-valued fields (campaign ids, channels). Contact ids are not
	 * interned: scoring hashes each one anyway, so interning them here would only add a lookup.
	 */
	private intern(text: string): string {
		const known = this.interned.get(text);
		if (known !== undefined) return known;
		this.interned.set(text, text);
		return text;
	}

	private optionalString(
		read: FieldReader,
		field: OptionalStringField,
		index: number,
		intern: boolean,
	): string | undefined {
		const raw = read(FIELD[field]);
		if (isBlank(raw)) return undefined;
		let text: string;
		if (typeof raw === 'string') text = raw.trim();
		else if (typeof raw === 'number' && Number.isFinite(raw)) text = String(raw);
		else throw this.error(index, field, `${field} must be a string, got ${describe(raw)}`);
		if (text === '') return undefined;
		return intern ? this.intern(text) : text;
	}

	/** A source campaign-kind value → CampaignKind (exact, then trimmed and lower-cased), or undefined when unknown. */
	campaignKind(raw: unknown): CampaignKind | undefined {
		return typeof raw === 'string'
			? (this.kindValues.get(raw) ?? this.kindValues.get(raw.trim().toLowerCase()))
			: undefined;
	}

	/** A source timestamp → epoch ms per the mapping (`timestampFormat`, else `readTimestamp`); NaN when unreadable. */
	timestampOf(raw: unknown): number {
		return this.formatReader !== undefined && typeof raw === 'string'
			? this.formatReader(raw.trim())
			: readTimestamp(raw, this.unit, this.zone);
	}

	/** A source type value → EventType (exact, then trimmed and lower-cased); null: skip; undefined: unknown. */
	eventType(raw: unknown): EventType | null | undefined {
		if (typeof raw !== 'string') return undefined;
		const exact = this.typeValues.get(raw);
		return exact !== undefined || this.typeValues.has(raw)
			? exact
			: this.typeValues.get(raw.trim().toLowerCase());
	}

	private error(index: number, field: EventField, message: string): EngagementInputError {
		const source = this.sourceOf(field);
		const from = typeof source === 'string' && source !== field ? ` (from "${source}")` : '';
		return new EngagementInputError(`${message}${from}`, { index, field });
	}
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

function readBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value !== 'string') return undefined;
	switch (value.trim().toLowerCase()) {
		case 'true':
		case 'yes':
		case 'y':
		case '1':
			return true;
		case 'false':
		case 'no':
		case 'n':
		case '0':
			return false;
		default:
			return undefined;
	}
}

/** Reads a source from a record: own property by exact name first (keys may contain dots), then a lodash path. */
export function readSource(record: Record<string, unknown>, source: FieldSource): unknown {
	if (typeof source === 'function') return source(record);
	if (hasOwn(record, source)) return record[source];
	// A path of own properties only: `constructor` or `__proto__` never read an object's prototype.
	let value: unknown = record;
	for (const key of toPath(source)) {
		if (typeof value !== 'object' || value === null || !hasOwn(value, key)) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function hasOwn(object: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * One arbitrary record (webhook payload, CRM row, spreadsheet line) → EngagementEvent, or null when its type is
 * mapped to null / unknown with `unknownTypes: 'skip'`. Timestamps become epoch milliseconds: numbers (and numeric
 * strings) by magnitude unless `timestampUnit` says otherwise (spreadsheet serial days in `timezone`), ISO strings in
 * `timezone` when they carry no offset.
 * Errors are EngagementInputErrors naming `index` and the event field (and its source field).
 */
export function normalizeEvent(
	record: Record<string, unknown>,
	mapping: FieldMapping | EventNormalizer = {},
	index = 0,
): EngagementEvent | null {
	const normalizer = mapping instanceof EventNormalizer ? mapping : new EventNormalizer(mapping);
	if (typeof record !== 'object' || record === null) {
		throw new EngagementInputError(`expected a record object, got ${describe(record)}`, { index });
	}
	return normalizer.toEvent((field) => readSource(record, normalizer.sources[field]), index);
}

/** `normalizeEvent` over many records, the mapping compiled once; skipped records are left out. */
export function normalizeEvents(
	records: Iterable<Record<string, unknown>>,
	mapping: FieldMapping = {},
): EngagementEvent[] {
	const normalizer = new EventNormalizer(mapping);
	const events: EngagementEvent[] = [];
	let index = 0;
	for (const record of records) {
		const event = normalizeEvent(record, normalizer, index++);
		if (event !== null) events.push(event);
	}
	return events;
}
