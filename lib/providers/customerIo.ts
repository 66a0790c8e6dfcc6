import type { CampaignKind, EventType } from '../events/types';
import type { HmacSecretCredential } from './hmacSecret';
import { mapJsonRecords } from './jsonBatch';
import { headerValue, isRecord, rawBodyBuffer, stringField } from './request';
import { checkTimestamp, hmac, safeEqual } from './signature';
import { fromUnixSeconds } from './timestamps';
import { fail, type AdapterOptions, type AdapterResult, type WebhookRequest } from './types';

export const CUSTOMER_IO_SIGNATURE_HEADER = 'x-cio-signature';
export const CUSTOMER_IO_TIMESTAMP_HEADER = 'x-cio-timestamp';

/** Customer.io reporting-webhook `metric` → our type. */
const CUSTOMER_IO_TYPES: Record<string, EventType> = {
	sent: 'sent',
	delivered: 'delivered',
	opened: 'open',
	clicked: 'click',
	converted: 'conversion',
	bounced: 'bounce',
	spammed: 'complaint',
	unsubscribed: 'unsubscribe',
	subscribed: 'subscribe',
};

/** Which id says what kind of message it was: campaigns are triggered (automation), broadcasts/newsletters are not. */
const CAMPAIGN_FIELDS: Array<[string, CampaignKind]> = [
	['broadcast_id', 'broadcast'],
	['newsletter_id', 'broadcast'],
	['campaign_id', 'automation'],
	['transactional_message_id', 'transactional'],
];

/**
 * Customer.io reporting webhooks: `X-CIO-Signature` = hex HMAC-SHA256(signing key, `v0:<X-CIO-Timestamp>:<body>`)
 * (docs.customer.io/api/webhooks; n8n's CustomerIoTriggerHelpers uses the same scheme with a 300 s window).
 */
export function verifyCustomerIo(
	request: WebhookRequest,
	credential: HmacSecretCredential | undefined,
	options: AdapterOptions = {},
): AdapterResult {
	if (!credential?.signingSecret)
		return fail('missing-credential', 'Customer.io signing key is empty');
	const signature = headerValue(request.headers, CUSTOMER_IO_SIGNATURE_HEADER);
	const timestamp = headerValue(request.headers, CUSTOMER_IO_TIMESTAMP_HEADER);
	if (!signature)
		return fail('missing-signature', `${CUSTOMER_IO_SIGNATURE_HEADER} header is missing`);
	const stale = checkTimestamp(timestamp, options);
	if (stale) return stale;
	const expected = hmac('sha256', credential.signingSecret, [
		`v0:${timestamp}:`,
		rawBodyBuffer(request),
	]);
	if (!safeEqual(expected.toString('hex'), signature.toLowerCase())) {
		return fail('bad-signature', 'Customer.io signature does not match');
	}
	return parseCustomerIo(request);
}

export function parseCustomerIo(request: WebhookRequest): AdapterResult {
	return mapJsonRecords(request, 'Customer.io body is not JSON', (raw, index, out) => {
		const metric = stringField(raw.metric) ?? '';
		const data = isRecord(raw.data) ? raw.data : {};
		const identifiers = isRecord(data.identifiers) ? data.identifiers : {};
		const campaign = CAMPAIGN_FIELDS.find(([field]) => stringField(data[field]) !== undefined);
		const objectType = stringField(raw.object_type);
		out.add(
			index,
			'customerIo',
			metric,
			CUSTOMER_IO_TYPES[metric],
			stringField(identifiers.email) ??
				stringField(data.email_address) ??
				stringField(data.recipient) ??
				stringField(data.customer_id) ??
				stringField(identifiers.id),
			fromUnixSeconds(raw.timestamp),
			{
				eventId: stringField(raw.event_id),
				messageId: stringField(data.delivery_id),
				campaignId: campaign ? stringField(data[campaign[0]]) : undefined,
				campaignKind: campaign?.[1],
				channel: objectType === 'customer' ? undefined : objectType,
				url: stringField(data.href),
			},
		);
	});
}
