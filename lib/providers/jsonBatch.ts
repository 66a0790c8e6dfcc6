import { EventCollector } from './event';
import { isRecord, parseJson, rawBodyText } from './request';
import { accept, fail, type AdapterResult, type WebhookRequest } from './types';

/** The body as a list of JSON objects: an array as is, one object as a list of one; undefined if not JSON. */
export function jsonRecords(request: WebhookRequest): unknown[] | undefined {
	const body = parseJson(rawBodyText(request));
	if (Array.isArray(body)) return body;
	return isRecord(body) ? [body] : undefined;
}

/**
 * An adapter's parse of a JSON batch body: `mapRecord` adds (or ignores) the event of each object; an entry that is
 * not an object is ignored, and a body that is not JSON fails as `malformed-body` with `notJson`.
 */
export function mapJsonRecords(
	request: WebhookRequest,
	notJson: string,
	mapRecord: (record: Record<string, unknown>, index: number, out: EventCollector) => void,
): AdapterResult {
	const records = jsonRecords(request);
	if (!records) return fail('malformed-body', notJson);
	const out = new EventCollector();
	records.forEach((record, index) => {
		if (!isRecord(record)) return out.ignore(index, '', 'not an object');
		mapRecord(record, index, out);
	});
	return accept(out.events, out.ignored);
}
