import { readTimestamp } from '../events/timestamps';

/**
 * Provider timestamps → ISO-8601 UTC strings, read with the library's one timestamp reader. Providers use unix
 * seconds (SendGrid, Mandrill, Customer.io, SparkPost as a string), float seconds (Mailgun), milliseconds (Brevo
 * `ts_epoch`) or ISO strings (Postmark, SES, Resend). Undefined when the value cannot be read.
 */
export function fromUnixSeconds(value: unknown): string | undefined {
	return typeof value === 'number' || typeof value === 'string'
		? toIso(readTimestamp(value, 'seconds'))
		: undefined;
}

export function fromUnixMillis(value: unknown): string | undefined {
	return typeof value === 'number' || typeof value === 'string'
		? toIso(readTimestamp(value, 'milliseconds'))
		: undefined;
}

/** ISO-8601 input (no offset = UTC); undefined for anything else. */
export function fromIso(value: unknown): string | undefined {
	return typeof value === 'string' && value.length > 0 ? toIso(readTimestamp(value)) : undefined;
}

/** Epoch ms → ISO string; undefined when not a real date. */
export function toIso(millis: number): string | undefined {
	if (!Number.isFinite(millis)) return undefined;
	const date = new Date(Math.round(millis));
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
