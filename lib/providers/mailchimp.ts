import type { EventType } from '../events/types';
import { EventCollector } from './event';
import { isRecord, parseForm, parseJson, rawBodyText, stringField } from './request';
import { checkSharedSecret, type SharedSecretCredential } from './sharedSecret';
import { stableKey } from './signature';
import { fromIso } from './timestamps';
import { accept, fail, type AdapterResult, type WebhookRequest } from './types';

/**
 * Mailchimp audience webhooks (mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/): one event per
 * POST, form-encoded (`type`, `fired_at`, `data[email]`, `data[list_id]`, `data[reason]`, `data[campaign_id]`, …).
 * They carry no engagement (opens and clicks are not sent): what they give scoring is when a contact subscribed and
 * when it left. `unsubscribe` and `cleaned` with reason `abuse` are spam reports (complaints); `cleaned` otherwise is a
 * hard bounce. Profile updates, email changes and campaign status are not contact events here.
 */
const MAILCHIMP_TYPES: Record<string, EventType> = {
	subscribe: 'subscribe',
	unsubscribe: 'unsubscribe',
	cleaned: 'bounce',
};

/** `YYYY-MM-DD HH:MM:SS`, Mailchimp's `fired_at`, which names no zone: read as UTC. */
const FIRED_AT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/;

/**
 * Mailchimp signs nothing and sets no header: its documentation suggests a secret in the webhook URL, so the credential
 * is a query token (`…/webhook?key=<token>`; basic auth and header tokens are checked too, should a proxy add them).
 * Mailchimp checks a new webhook URL with a GET: answered as a ping once the secret matches, so a wrong URL fails in
 * Mailchimp's form, not silently later.
 */
export function verifyMailchimp(
	request: WebhookRequest,
	credential: SharedSecretCredential | undefined,
): AdapterResult {
	const denied = checkSharedSecret(request, credential);
	if (denied) return denied;
	if ((request.method ?? 'POST').toUpperCase() === 'GET') return accept([], [], { kind: 'ping' });
	return parseMailchimp(request);
}

export function parseMailchimp(request: WebhookRequest): AdapterResult {
	const record = mailchimpRecord(rawBodyText(request));
	if (record === undefined) return fail('malformed-body', 'Mailchimp body has no event type');
	const name = record.type;
	const reason = record.data.reason;
	const leaving = name === 'unsubscribe' || name === 'cleaned';
	const type = leaving && reason === 'abuse' ? 'complaint' : MAILCHIMP_TYPES[name];
	const email = record.data.email;
	const firedAt = FIRED_AT.exec(record.fired_at ?? '');
	const timestamp = firedAt ? fromIso(`${firedAt[1]}T${firedAt[2]}Z`) : undefined;
	const campaignId = record.data.campaign_id || undefined;
	const out = new EventCollector();
	if (type === undefined)
		out.ignore(0, name, 'not a contact event (profile, email change, campaign)');
	else {
		out.add(0, 'mailchimp', name, type, email, timestamp, {
			// Mailchimp sends no event id: a retry repeats these fields, so it de-duplicates.
			eventId: stableKey(
				'mailchimp',
				name,
				record.data.list_id,
				record.data.id,
				email,
				record.fired_at,
			),
			campaignId,
			channel: 'email',
		});
	}
	return accept(out.events, out.ignored);
}

interface MailchimpRecord {
	type: string;
	fired_at?: string;
	/** `data[…]` fields, one level (the nested `merges` are not read). */
	data: Record<string, string | undefined>;
}

/** The form body (or, from a relay that re-posts it, the same fields as JSON), or undefined when it has no type. */
function mailchimpRecord(text: string): MailchimpRecord | undefined {
	const body = text.trimStart().startsWith('{') ? parseJson(text) : nestedForm(parseForm(text));
	if (!isRecord(body)) return undefined;
	const type = stringField(body.type);
	if (type === undefined) return undefined;
	const data: Record<string, string | undefined> = {};
	if (isRecord(body.data)) {
		for (const [key, value] of Object.entries(body.data)) data[key] = stringField(value);
	}
	return { type, fired_at: stringField(body.fired_at), data };
}

/** Form fields with the `data[…]` ones gathered under `data`, as the JSON form has them. */
function nestedForm(form: Record<string, string>): Record<string, unknown> {
	const data: Record<string, string> = {};
	for (const [key, value] of Object.entries(form)) {
		const field = /^data\[([^\]]+)\]$/.exec(key);
		if (field) data[field[1]] = value;
	}
	return { ...form, data };
}
