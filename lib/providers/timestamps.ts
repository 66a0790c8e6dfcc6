import { toEpochMillis } from '../time';

/**
 * Provider timestamps → ISO-8601 UTC strings. Providers use unix seconds (SendGrid, Mandrill, Customer.io,
 * SparkPost as a string), float seconds (Mailgun), milliseconds (Brevo `ts_epoch`) or ISO strings (Postmark, SES,
 * Resend). Returns undefined when the value cannot be read.
 */
export function fromUnixSeconds(value: unknown): string | undefined {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
	return isoOrUndefined(seconds * 1000);
}

export function fromUnixMillis(value: unknown): string | undefined {
	const millis = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof millis !== 'number' || !Number.isFinite(millis)) return undefined;
	return isoOrUndefined(millis);
}

/** ISO-8601 input (no offset = UTC), normalised to UTC; undefined when unreadable. */
export function fromIso(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.length === 0) return undefined;
	return isoOrUndefined(toEpochMillis(value));
}

function isoOrUndefined(millis: number): string | undefined {
	if (!Number.isFinite(millis)) return undefined;
	const date = new Date(Math.round(millis));
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
