import get from 'lodash/get';

import { EVENT_TYPES, type EventType } from '../events/types';
import { EventCollector } from './event';
import { isRecord, parseJson, rawBodyText, stringField } from './request';
import { checkSharedSecret, type SharedSecretCredential } from './sharedSecret';
import { stableKey } from './signature';
import { verifyStandardWebhook, type StandardWebhooksCredential } from './standardWebhooks';
import { fromIso, fromUnixMillis, fromUnixSeconds } from './timestamps';
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
	timestampUnit?: 'auto' | 'seconds' | 'milliseconds';
	campaignIdField?: string;
	messageIdField?: string;
	eventIdField?: string;
	urlField?: string;
	userAgentField?: string;
	machineField?: string;
	channelField?: string;
	/** Source value → our event type, for sources whose names differ (`opened` → `open`). */
	typeMap?: Record<string, EventType>;
}

export const DEFAULT_CUSTOM_MAPPING: CustomJsonMapping = {
	eventsPath: '',
	contactField: 'contactId',
	typeField: 'type',
	timestampField: 'timestamp',
	timestampUnit: 'auto',
	campaignIdField: 'campaignId',
	messageIdField: 'messageId',
	eventIdField: 'eventId',
	urlField: 'url',
	userAgentField: 'userAgent',
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

function readTimestamp(
	value: unknown,
	unit: CustomJsonMapping['timestampUnit'],
): string | undefined {
	const numeric =
		typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value));
	if (!numeric) return fromIso(value);
	const number = Number(value);
	if (unit === 'seconds') return fromUnixSeconds(number);
	if (unit === 'milliseconds') return fromUnixMillis(number);
	return number > 1e11 ? fromUnixMillis(number) : fromUnixSeconds(number);
}

function readMachine(value: unknown): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return value === true || value === 'true' || value === 1 || value === '1' || value === 'yes';
}

/** Maps any JSON body to events with a field mapping, the way Score Contacts maps input items. */
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
	const out = new EventCollector();
	const field = (raw: Record<string, unknown>, path: string | undefined) =>
		path ? get(raw, path) : undefined;
	list.forEach((raw, index) => {
		if (!isRecord(raw)) return out.ignore(index, '', 'not an object');
		const name = stringField(field(raw, mapping.typeField)) ?? '';
		const type =
			mapping.typeMap?.[name] ?? (KNOWN_TYPES.has(name) ? (name as EventType) : undefined);
		const contactId = stringField(field(raw, mapping.contactField));
		const timestamp = readTimestamp(field(raw, mapping.timestampField), mapping.timestampUnit);
		const campaignId = stringField(field(raw, mapping.campaignIdField));
		const url = stringField(field(raw, mapping.urlField));
		const givenId = stringField(field(raw, mapping.eventIdField));
		out.add(index, provider, name, type, contactId, timestamp, {
			eventId:
				givenId ??
				(requestId && list.length === 1 ? requestId : undefined) ??
				stableKey(provider, requestId, contactId, name, timestamp, campaignId, url),
			messageId: stringField(field(raw, mapping.messageIdField)),
			campaignId,
			channel: stringField(field(raw, mapping.channelField)),
			url,
			userAgent: stringField(field(raw, mapping.userAgentField)),
			machine: readMachine(field(raw, mapping.machineField)),
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
