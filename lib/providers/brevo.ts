import type { EventType } from '../events/types';
import { mapJsonRecords } from './jsonBatch';
import { stringField } from './request';
import { checkSharedSecret, type SharedSecretCredential } from './sharedSecret';
import { stableKey } from './signature';
import { fromUnixMillis, fromUnixSeconds } from './timestamps';
import type { AdapterResult, WebhookRequest } from './types';

/**
 * Brevo `event` → our type (developers.brevo.com/docs/transactional-webhooks and marketing-webhooks).
 * `proxy_open` / `unique_proxy_open` are opens loaded by a privacy proxy (Apple MPP): mapped to machine opens.
 * Soft bounces, deferrals, blocks and errors never reached the inbox and are ignored.
 */
const BREVO_TYPES: Record<string, EventType> = {
	request: 'sent',
	delivered: 'delivered',
	hard_bounce: 'bounce',
	spam: 'complaint',
	opened: 'open',
	unique_opened: 'open',
	proxy_open: 'open',
	unique_proxy_open: 'open',
	click: 'click',
	unsubscribed: 'unsubscribe',
	unsubscribe: 'unsubscribe',
	list_addition: 'subscribe',
};

const PROXY_OPENS = new Set(['proxy_open', 'unique_proxy_open']);

/**
 * Brevo signs nothing; webhooks can be created with basic auth or a bearer token (`auth: {type, token}`), which
 * this adapter checks. Single events by default, arrays when the webhook is `batched`.
 */
export function verifyBrevo(
	request: WebhookRequest,
	credential: SharedSecretCredential | undefined,
): AdapterResult {
	const denied = checkSharedSecret(request, credential);
	if (denied) return denied;
	return parseBrevo(request);
}

export function parseBrevo(request: WebhookRequest): AdapterResult {
	return mapJsonRecords(request, 'Brevo body is not JSON', (raw, index, out) => {
		const name = stringField(raw.event) ?? '';
		const type = BREVO_TYPES[name];
		const email = stringField(raw.email);
		// ts_epoch is UTC milliseconds; ts_event and ts are UTC seconds; `date` is Brevo-local time and is not used.
		const timestamp =
			fromUnixMillis(raw.ts_epoch) ?? fromUnixSeconds(raw.ts_event) ?? fromUnixSeconds(raw.ts);
		const messageId = stringField(raw['message-id']);
		const url = stringField(raw.link) ?? stringField(raw.URL);
		const tags = Array.isArray(raw.tags) ? raw.tags : [];
		out.add(index, 'brevo', name, type, email, timestamp, {
			eventId: stableKey('brevo', messageId, name, timestamp, email, url, stringField(raw.camp_id)),
			messageId,
			campaignId: stringField(raw.camp_id) ?? stringField(raw.tag) ?? stringField(tags[0]),
			channel: 'email',
			url,
			userAgent: stringField(raw.user_agent),
			machine: type === 'open' || type === 'click' ? PROXY_OPENS.has(name) : undefined,
		});
	});
}
