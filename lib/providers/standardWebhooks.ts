import { headerValue, rawBodyBuffer } from './request';
import { checkTimestamp, hmac, safeEqual } from './signature';
import { fail, type AdapterOptions, type VerificationFailure, type WebhookRequest } from './types';

export interface StandardWebhooksCredential {
	/** `whsec_<base64>` (Svix, Resend and Standard Webhooks signing secret); the prefix is optional. */
	secret: string;
}

/** The signed message headers, under their Standard Webhooks names or Svix's own `svix-*` names. */
export function standardWebhookHeaders(request: WebhookRequest) {
	const read = (name: string) =>
		headerValue(request.headers, `webhook-${name}`) ?? headerValue(request.headers, `svix-${name}`);
	return { id: read('id'), timestamp: read('timestamp'), signature: read('signature') };
}

export function standardWebhooksKey(secret: string): Buffer | undefined {
	const base64 = secret.trim().replace(/^whsec_/, '');
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
	const key = Buffer.from(base64, 'base64');
	return key.length > 0 ? key : undefined;
}

/** `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, the signature Standard Webhooks senders put in the header. */
export function standardWebhooksSignature(
	key: Buffer,
	id: string,
	timestamp: string,
	body: Buffer | string,
): string {
	return `v1,${hmac('sha256', key, [`${id}.${timestamp}.`, body]).toString('base64')}`;
}

/**
 * Standard Webhooks (standard-webhooks `spec/standard-webhooks.md`), also used by Svix and Resend: the header may
 * hold several space-separated signatures (key rotation); any `v1` one that matches is enough. The timestamp must be
 * within the tolerance (5 min in the spec's reference library). Returns the webhook id on success, the id being the
 * provider's idempotency key.
 */
export function verifyStandardWebhook(
	request: WebhookRequest,
	credential: StandardWebhooksCredential | undefined,
	options: AdapterOptions = {},
): { ok: true; webhookId: string } | VerificationFailure {
	if (!credential?.secret) return fail('missing-credential', 'signing secret is empty');
	const key = standardWebhooksKey(credential.secret);
	if (!key) return fail('missing-credential', 'signing secret is not base64 (whsec_…)');
	const { id, timestamp, signature } = standardWebhookHeaders(request);
	if (!id) return fail('missing-header', 'webhook-id header is missing');
	if (!signature) return fail('missing-signature', 'webhook-signature header is missing');
	const stale = checkTimestamp(timestamp, options);
	if (stale) return stale;
	const expected = standardWebhooksSignature(key, id, timestamp as string, rawBodyBuffer(request));
	let matched = false;
	for (const candidate of signature.split(' ')) {
		// No early exit: every candidate costs the same comparison.
		if (candidate.startsWith('v1,') && safeEqual(expected, candidate)) matched = true;
	}
	return matched
		? { ok: true, webhookId: id }
		: fail('bad-signature', 'webhook signature does not match');
}
