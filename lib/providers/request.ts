import type { RequestHeaders, WebhookRequest } from './types';

/** First value of a header, looked up case-insensitively; undefined when absent or empty. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const value = headers[key];
		const first = Array.isArray(value) ? value[0] : value;
		if (typeof first === 'string' && first.length > 0) return first;
	}
	return undefined;
}

export function rawBodyBuffer(request: WebhookRequest): Buffer {
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.from(request.rawBody, 'utf8');
}

export function rawBodyText(request: WebhookRequest): string {
	return Buffer.isBuffer(request.rawBody) ? request.rawBody.toString('utf8') : request.rawBody;
}

/** JSON.parse that reports failure as undefined instead of throwing. */
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, or undefined when absent, empty or not a scalar. Numbers are turned into strings (ids). */
export function stringField(value: unknown): string | undefined {
	if (typeof value === 'string') return value.length > 0 ? value : undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** Parses an `application/x-www-form-urlencoded` body into its fields (last value wins). */
export function parseForm(text: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
	return fields;
}
