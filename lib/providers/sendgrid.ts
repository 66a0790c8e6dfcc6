import { createPublicKey, verify, type KeyObject } from 'crypto';

import type { EventType } from '../events/types';
import { mapJsonRecords } from './jsonBatch';
import { headerValue, rawBodyBuffer, stringField } from './request';
import { checkTimestamp, stableKey } from './signature';
import { fromUnixSeconds } from './timestamps';
import { fail, type AdapterOptions, type AdapterResult, type WebhookRequest } from './types';

export interface SendGridCredential {
	/** "Verification Key" from Mail Settings → Event Webhook → Signed Event Webhook: base64 DER SPKI, or PEM. */
	publicKey: string;
}

export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/** SendGrid `event` → our type. `deferred` and `dropped` never reached the inbox and are ignored. */
const SENDGRID_TYPES: Record<string, EventType> = {
	processed: 'sent',
	delivered: 'delivered',
	open: 'open',
	click: 'click',
	bounce: 'bounce',
	spamreport: 'complaint',
	unsubscribe: 'unsubscribe',
	group_unsubscribe: 'unsubscribe',
	group_resubscribe: 'subscribe',
};

/** Parsed keys by their text: parsing costs more than verifying, and a workflow uses one key. Bounded. */
const parsedKeys = new Map<string, KeyObject | undefined>();
const PARSED_KEYS_MAX = 16;

function readPublicKey(text: string): KeyObject | undefined {
	if (parsedKeys.has(text)) return parsedKeys.get(text);
	const key = parsePublicKey(text);
	if (parsedKeys.size >= PARSED_KEYS_MAX)
		parsedKeys.delete(parsedKeys.keys().next().value as string);
	parsedKeys.set(text, key);
	return key;
}

function parsePublicKey(text: string): KeyObject | undefined {
	try {
		const trimmed = text.trim();
		if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed);
		return createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
	} catch {
		return undefined;
	}
}

/**
 * SendGrid Signed Event Webhook: ECDSA P-256 / SHA-256 over `timestampHeader + rawBody`, signature base64 DER
 * (sendgrid-nodejs `packages/eventwebhook/src/eventwebhook.js`). SendGrid documents no replay window; we apply ours.
 */
export function verifySendGrid(
	request: WebhookRequest,
	credential: SendGridCredential | undefined,
	options: AdapterOptions = {},
): AdapterResult {
	if (!credential?.publicKey)
		return fail('missing-credential', 'SendGrid verification key is empty');
	const key = readPublicKey(credential.publicKey);
	if (!key)
		return fail('missing-credential', 'SendGrid verification key is not a valid public key');
	const signature = headerValue(request.headers, SENDGRID_SIGNATURE_HEADER);
	const timestamp = headerValue(request.headers, SENDGRID_TIMESTAMP_HEADER);
	if (!signature)
		return fail('missing-signature', `${SENDGRID_SIGNATURE_HEADER} header is missing`);
	const stale = checkTimestamp(timestamp, options);
	if (stale) return stale;
	let valid = false;
	try {
		valid = verify(
			'sha256',
			Buffer.concat([Buffer.from(timestamp as string, 'utf8'), rawBodyBuffer(request)]),
			key,
			Buffer.from(signature, 'base64'),
		);
	} catch {
		valid = false;
	}
	if (!valid) return fail('bad-signature', 'SendGrid ECDSA signature does not match');
	return parseSendGrid(request);
}

/** Parses a SendGrid event batch (a JSON array; a single object is accepted too). */
export function parseSendGrid(request: WebhookRequest): AdapterResult {
	return mapJsonRecords(request, 'SendGrid body is not a JSON array', (raw, index, out) => {
		const name = stringField(raw.event) ?? '';
		const timestamp = fromUnixSeconds(raw.timestamp);
		const email = stringField(raw.email);
		const category = Array.isArray(raw.category)
			? stringField(raw.category[0])
			: stringField(raw.category);
		out.add(index, 'sendgrid', name, SENDGRID_TYPES[name], email, timestamp, {
			eventId:
				stringField(raw.sg_event_id) ??
				stableKey('sendgrid', name, email, timestamp, stringField(raw.sg_message_id)),
			messageId: stringField(raw.sg_message_id) ?? stringField(raw['smtp-id']),
			campaignId:
				stringField(raw.marketing_campaign_id) ?? stringField(raw.singlesend_id) ?? category,
			channel: 'email',
			url: stringField(raw.url),
			userAgent: stringField(raw.useragent),
			ip: stringField(raw.ip),
			machine:
				name === 'open'
					? raw.sg_machine_open === true || raw.sg_machine_open === 'true'
					: undefined,
		});
	});
}
