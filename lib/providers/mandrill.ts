import type { EventType } from '../events/types';
import { EventCollector } from './event';
import { headerValue, isRecord, parseForm, parseJson, rawBodyText, stringField } from './request';
import { hmac, safeEqual, stableKey } from './signature';
import { fromUnixSeconds } from './timestamps';
import { accept, fail, type AdapterResult, type WebhookRequest } from './types';

export interface MandrillCredential {
	webhookSecret: string;
	/**
	 * The URL exactly as registered in Mandrill (scheme, host, path, query and any basic-auth part): it is part of
	 * the signed string. Empty: the node's own production URL.
	 */
	webhookUrl?: string;
}

export const MANDRILL_SIGNATURE_HEADER = 'x-mandrill-signature';

/** Mandrill message `event` → our type; deferrals, soft bounces and rejects are not counted. */
const MANDRILL_TYPES: Record<string, EventType> = {
	send: 'sent',
	hard_bounce: 'bounce',
	open: 'open',
	click: 'click',
	spam: 'complaint',
	unsub: 'unsubscribe',
};

/** The string Mandrill signs: the registered URL, then each POST field as key + value, keys sorted. */
export function mandrillSignedString(url: string, fields: Record<string, string>): string {
	return (
		url +
		Object.keys(fields)
			.sort()
			.map((key) => key + fields[key])
			.join('')
	);
}

/**
 * Mailchimp Transactional (Mandrill): `X-Mandrill-Signature` = base64(HMAC-SHA1(webhook key, url + sorted params))
 * (mandrill.zendesk.com … 360038740594 and "Authenticating webhook requests"). The URL check Mandrill makes when a
 * webhook is added is an unsigned HEAD: it is answered 200 and carries no events. Mandrill signs no timestamp, so
 * replays can only be caught by the event-id cache.
 */
export function verifyMandrill(
	request: WebhookRequest,
	credential: MandrillCredential | undefined,
): AdapterResult {
	if ((request.method ?? 'POST').toUpperCase() === 'HEAD') return accept([], [], { kind: 'ping' });
	if (!credential?.webhookSecret)
		return fail('missing-credential', 'Mandrill webhook key is empty');
	if (!credential.webhookUrl) return fail('missing-credential', 'Mandrill webhook URL is empty');
	const signature = headerValue(request.headers, MANDRILL_SIGNATURE_HEADER);
	if (!signature)
		return fail('missing-signature', `${MANDRILL_SIGNATURE_HEADER} header is missing`);
	const fields = parseForm(rawBodyText(request));
	const expected = hmac(
		'sha1',
		credential.webhookSecret,
		mandrillSignedString(credential.webhookUrl, fields),
	).toString('base64');
	if (!safeEqual(expected, signature))
		return fail('bad-signature', 'Mandrill signature does not match');
	return parseMandrillEvents(fields.mandrill_events);
}

export function parseMandrillEvents(mandrillEvents: string | undefined): AdapterResult {
	const list = mandrillEvents === undefined ? undefined : parseJson(mandrillEvents);
	if (!Array.isArray(list)) return fail('malformed-body', 'mandrill_events is not a JSON array');
	const out = new EventCollector();
	list.forEach((raw, index) => {
		if (!isRecord(raw)) return out.ignore(index, '', 'not an object');
		// Sync events (whitelist/blacklist changes) carry `type` instead of `event`.
		const name = stringField(raw.event) ?? stringField(raw.type) ?? '';
		const msg = isRecord(raw.msg) ? raw.msg : {};
		const metadata = isRecord(msg.metadata) ? msg.metadata : {};
		const tags = Array.isArray(msg.tags) ? msg.tags : [];
		const parsedAgent = isRecord(raw.user_agent_parsed) ? raw.user_agent_parsed : {};
		const type = stringField(raw.event) ? MANDRILL_TYPES[name] : undefined;
		const timestamp = fromUnixSeconds(raw.ts);
		const messageId = stringField(raw._id) ?? stringField(msg._id);
		const url = stringField(raw.url);
		out.add(index, 'mandrill', name, type, stringField(msg.email), timestamp, {
			eventId: stableKey('mandrill', messageId, name, stringField(raw.ts), url),
			messageId,
			campaignId:
				stringField(metadata.campaign_id) ??
				stringField(metadata.campaignId) ??
				stringField(tags[0]),
			channel: 'email',
			url,
			userAgent: stringField(raw.user_agent),
			ip: stringField(raw.ip),
			machine: type === 'open' || type === 'click' ? parsedAgent.type === 'robot' : undefined,
		});
	});
	return accept(out.events, out.ignored);
}
