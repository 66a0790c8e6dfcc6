import { isRecord, parseJson, rawBodyText } from './request';
import type { WebhookRequest } from './types';

/** The body as a list of JSON objects: an array as is, one object as a list of one; undefined if not JSON. */
export function jsonRecords(request: WebhookRequest): unknown[] | undefined {
	const body = parseJson(rawBodyText(request));
	if (Array.isArray(body)) return body;
	return isRecord(body) ? [body] : undefined;
}
