import get from 'lodash/get';

import {
	EventNormalizer,
	readSource,
	type EventField,
	type FieldMapping,
} from '../events/normalizeEvent';
import type { TimestampUnit } from '../events/timestamps';
import {
	EVENT_TYPES,
	type CampaignKind,
	type EngagementEvent,
	type EventType,
} from '../events/types';
import { EventCollector } from './event';
import { isRecord, parseJson, rawBodyText, stringField } from './request';
import { checkSharedSecret, type SharedSecretCredential } from './sharedSecret';
import { stableKey } from './signature';
import { verifyStandardWebhook, type StandardWebhooksCredential } from './standardWebhooks';
import { toIso } from './timestamps';
import {
	accept,
	fail,
	type AdapterOptions,
	type AdapterResult,
	type ProviderId,
	type WebhookRequest,
} from './types';

/** Where each schema field is in a custom payload: dot paths (lodash `get`), relative to one event object. */
export interface CustomJsonMapping {
	/** Path to the event list in the body; empty: the body itself (an array, or one object). */
	eventsPath?: string;
	contactField: string;
	typeField: string;
	timestampField: string;
	/** How numbers in the timestamp field are read; `auto` takes values above 1e11 as milliseconds. */
	timestampUnit?: TimestampUnit;
	/** Text timestamps in this format, in luxon's tokens (`dd.MM.yyyy HH:mm`); read in `timezone` without an offset token. */
	timestampFormat?: string;
	/** IANA zone of times written without an offset (and of spreadsheet serial days); default UTC. */
	timezone?: string;
	campaignIdField?: string;
	/** Left out: the event's `campaignKind` property; empty: none. */
	campaignKindField?: string;
	messageIdField?: string;
	eventIdField?: string;
	urlField?: string;
	userAgentField?: string;
	ipField?: string;
	machineField?: string;
	channelField?: string;
	/** Source value → our event type, for sources whose names differ (`opened` → `open`); null skips such events. */
	typeMap?: Record<string, EventType | null>;
	/** Source value → campaign kind, over the library's synonyms (`receipt` → `transactional`). */
	campaignKindValues?: Record<string, CampaignKind>;
}

export const DEFAULT_CUSTOM_MAPPING: CustomJsonMapping = {
	eventsPath: '',
	contactField: 'contactId',
	typeField: 'type',
	timestampField: 'timestamp',
	timestampUnit: 'auto',
	campaignIdField: 'campaignId',
	campaignKindField: 'campaignKind',
	messageIdField: 'messageId',
	eventIdField: 'eventId',
	urlField: 'url',
	userAgentField: 'userAgent',
	ipField: 'ip',
	machineField: 'machine',
	channelField: 'channel',
};

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

/** Parses `opened=open, clicked=click` (also newline-separated) into a type map; unknown targets are an error. */
export function parseTypeMap(text: string): Record<string, EventType> {
	const map: Record<string, EventType> = {};
	for (const pair of text.split(/[,\n]/)) {
		if (pair.trim() === '') continue;
		const [from, to] = pair.split('=').map((part) => part.trim());
		if (!from || !to || !KNOWN_TYPES.has(to)) {
			throw new RangeError(
				`event type mapping "${pair.trim()}": expected source=type with type one of ${EVENT_TYPES.join(', ')}`,
			);
		}
		map[from] = to as EventType;
	}
	return map;
}

/**
 * Checks a mapping before any request: a type or campaign-kind target that is none throws an EngagementInputError
 * naming the table (`typeValues` or `campaignKindValues`), the caller's configuration error, not a request's.
 */
export function checkCustomJsonMapping(mapping: CustomJsonMapping): void {
	normalizerFor(mapping);
}

/** The library's field-mapping normaliser (the one Score Contacts uses), set up from a webhook mapping. */
function normalizerFor(mapping: CustomJsonMapping): EventNormalizer {
	const fields: FieldMapping['fields'] = {};
	const sources: Array<[EventField, string | undefined]> = [
		['contactId', mapping.contactField],
		['type', mapping.typeField],
		['timestamp', mapping.timestampField],
		['campaignId', mapping.campaignIdField],
		['campaignKind', mapping.campaignKindField ?? 'campaignKind'],
		['messageId', mapping.messageIdField],
		['eventId', mapping.eventIdField],
		['url', mapping.urlField],
		['userAgent', mapping.userAgentField],
		['ip', mapping.ipField],
		['machine', mapping.machineField],
		['channel', mapping.channelField],
	];
	for (const [field, source] of sources) {
		// An empty source means "not in this payload": point it at a path that cannot exist.
		fields[field] = source && source.trim() !== '' ? source.trim() : () => undefined;
	}
	return new EventNormalizer({
		fields,
		typeValues: mapping.typeMap,
		campaignKindValues: mapping.campaignKindValues,
		timestampUnit: mapping.timestampUnit ?? 'auto',
		timestampFormat: mapping.timestampFormat,
		timezone: mapping.timezone,
		unknownTypes: 'skip',
	});
}

/**
 * Maps any JSON body to events with a field mapping, through the library's EventNormalizer (same synonyms, timestamp
 * units and checks as Score Contacts). Events without an id get the webhook id (one-event requests) or a hash.
 * An event the normaliser rejects (no contact, unreadable time, unknown type) is reported as ignored.
 */
export function parseCustomJson(
	request: WebhookRequest,
	mapping: CustomJsonMapping,
	provider: ProviderId = 'customJson',
	requestId?: string,
): AdapterResult {
	const body = parseJson(rawBodyText(request));
	if (body === undefined) return fail('malformed-body', 'body is not JSON');
	const located = mapping.eventsPath ? get(body, mapping.eventsPath) : body;
	const list = Array.isArray(located) ? located : isRecord(located) ? [located] : undefined;
	if (!list)
		return fail('malformed-body', `no event object or list at "${mapping.eventsPath ?? ''}"`);
	const normalizer = normalizerFor(mapping);
	const out = new EventCollector();
	list.forEach((raw, index) => {
		if (!isRecord(raw)) return out.ignore(index, '', 'not an object');
		const rawType = readSource(raw, normalizer.sourceOf('type'));
		const name = stringField(rawType) ?? '';
		let event: EngagementEvent | null;
		try {
			event = normalizer.toEvent((field) => readSource(raw, normalizer.sources[field]), index);
		} catch (error) {
			return out.ignore(index, name, (error as Error).message);
		}
		if (event === null) {
			// null: a type the mapping skips (Skip These Events, soft bounces), or an unknown one under 'skip'
			const skipped = normalizer.eventType(rawType) === null;
			return out.ignore(index, name, skipped ? 'event type skipped' : 'event type not mapped');
		}
		const { contactId, type, timestamp: millis, ...fields } = event;
		const timestamp = toIso(Number(millis));
		out.add(index, provider, name, type, contactId, timestamp, {
			...fields,
			eventId:
				event.eventId ??
				(requestId && list.length === 1 ? requestId : undefined) ??
				stableKey(provider, requestId, contactId, name, timestamp, event.campaignId, event.url),
		});
	});
	return accept(out.events, out.ignored);
}

/** Custom JSON source authenticated by basic auth or a token header. */
export function verifyCustomJson(
	request: WebhookRequest,
	credential: SharedSecretCredential | undefined,
	mapping: CustomJsonMapping,
): AdapterResult {
	const denied = checkSharedSecret(request, credential);
	if (denied) return denied;
	return parseCustomJson(request, mapping);
}

/** Any Standard Webhooks sender: signature per the spec, events read with the field mapping. */
export function verifyStandardWebhooksJson(
	request: WebhookRequest,
	credential: StandardWebhooksCredential | undefined,
	mapping: CustomJsonMapping,
	options: AdapterOptions = {},
): AdapterResult {
	const verified = verifyStandardWebhook(request, credential, options);
	if (!verified.ok) return verified;
	return parseCustomJson(request, mapping, 'standardWebhooks', verified.webhookId);
}
