import type { EventType } from '../events/types';
import { EventCollector } from './event';
import { isRecord, parseJson, rawBodyText, stringField } from './request';
import { verifyStandardWebhook, type StandardWebhooksCredential } from './standardWebhooks';
import { fromIso } from './timestamps';
import {
	accept,
	fail,
	type AdapterOptions,
	type AdapterResult,
	type WebhookRequest,
} from './types';

/** Resend `type` → our type (resend.com/docs/webhooks/event-types); delivery_delayed is not counted. */
const RESEND_TYPES: Record<string, EventType> = {
	'email.sent': 'sent',
	'email.delivered': 'delivered',
	'email.opened': 'open',
	'email.clicked': 'click',
	'email.bounced': 'bounce',
	'email.complained': 'complaint',
	'contact.unsubscribed': 'unsubscribe',
};

/**
 * Resend delivers through Svix: Standard Webhooks signature under `svix-*` headers
 * (resend.com/docs/webhooks/verify-webhooks-requests). One event per POST; `svix-id` is the dedupe key.
 */
export function verifyResend(
	request: WebhookRequest,
	credential: StandardWebhooksCredential | undefined,
	options: AdapterOptions = {},
): AdapterResult {
	const verified = verifyStandardWebhook(request, credential, options);
	if (!verified.ok) return verified;
	return parseResend(request, verified.webhookId);
}

export function parseResend(request: WebhookRequest, webhookId: string): AdapterResult {
	const body = parseJson(rawBodyText(request));
	if (!isRecord(body)) return fail('malformed-body', 'Resend body is not a JSON object');
	const out = new EventCollector();
	const name = stringField(body.type) ?? '';
	const data = isRecord(body.data) ? body.data : {};
	const click = isRecord(data.click) ? data.click : {};
	const tags = isRecord(data.tags) ? data.tags : {};
	const recipients = (Array.isArray(data.to) ? data.to : [data.to ?? data.email])
		.map(stringField)
		.filter((email): email is string => email !== undefined);
	const broadcastId = stringField(data.broadcast_id);
	const timestamp =
		fromIso(click.timestamp) ?? fromIso(body.created_at) ?? fromIso(data.created_at);
	if (recipients.length === 0) out.ignore(0, name, 'no recipient');
	recipients.forEach((recipient, index) => {
		out.add(index, 'resend', name, RESEND_TYPES[name], recipient, timestamp, {
			eventId: recipients.length === 1 ? webhookId : `${webhookId}:${recipient}`,
			messageId: stringField(data.email_id),
			campaignId: broadcastId ?? stringField(tags.campaign_id) ?? stringField(tags.category),
			campaignKind: broadcastId ? 'broadcast' : undefined,
			channel: 'email',
			url: stringField(click.link),
			userAgent: stringField(click.userAgent),
			ip: stringField(click.ipAddress),
		});
	});
	return accept(out.events, out.ignored);
}
