import type { EventType } from '../events/types';
import { EventCollector } from './event';
import type { HmacSecretCredential } from './hmacSecret';
import { isRecord, parseForm, parseJson, rawBodyText, stringField } from './request';
import { checkTimestamp, hmac, safeEqual } from './signature';
import { fromUnixSeconds } from './timestamps';
import {
	accept,
	fail,
	type AdapterOptions,
	type AdapterResult,
	type VerifiedRequest,
	type WebhookRequest,
} from './types';

/** Mailgun `event` → our type. `failed` is a bounce only when `severity` is permanent. */
const MAILGUN_TYPES: Record<string, EventType> = {
	accepted: 'sent',
	delivered: 'delivered',
	opened: 'open',
	clicked: 'click',
	unsubscribed: 'unsubscribe',
	complained: 'complaint',
	// legacy (form-encoded) webhook names
	bounced: 'bounce',
};

/**
 * The HMAC credential, plus the primary account's key for subaccounts: "When an event occurs for a domain belonging
 * to a subaccount, the signature payload will include a `parent-signature` field" — the same HMAC made with the
 * parent (primary) account's webhook signing key (documentation.mailgun.com … securing-webhooks).
 */
export interface MailgunCredential extends HmacSecretCredential {
	parentSigningSecret?: string;
}

interface MailgunEnvelope {
	timestamp?: string;
	token?: string;
	signature?: string;
	parentSignature?: string;
	eventData?: Record<string, unknown>;
}

function readEnvelope(text: string): MailgunEnvelope | undefined {
	const json = parseJson(text);
	if (isRecord(json)) {
		const signature = isRecord(json.signature) ? json.signature : {};
		return {
			timestamp: stringField(signature.timestamp),
			token: stringField(signature.token),
			signature: stringField(signature.signature),
			parentSignature: stringField(signature['parent-signature']),
			eventData: isRecord(json['event-data']) ? json['event-data'] : undefined,
		};
	}
	if (json !== undefined || !text.includes('=')) return undefined;
	// Legacy webhooks (before 2018) post form fields with token/timestamp/signature at the top level.
	const form = parseForm(text);
	return {
		timestamp: form.timestamp,
		token: form.token,
		signature: form.signature,
		parentSignature: form['parent-signature'],
		eventData: {
			event: form.event,
			recipient: form.recipient,
			timestamp: form.timestamp,
			url: form.url,
			message: { headers: { 'message-id': form['message-id'] ?? form['Message-Id'] } },
			'client-info': { 'user-agent': form['user-agent'] },
			tags: form.tag ? [form.tag] : undefined,
		},
	};
}

/**
 * Mailgun: hex HMAC-SHA256(webhook signing key, `timestamp + token`), compared with `signature.signature`
 * (documentation.mailgun.com … securing-webhooks). A subaccount's events also carry `signature.parent-signature`, the
 * same HMAC with the primary account's key: with a Parent Account Signing Key configured, either one verifying is
 * enough. One event per POST; `signature.token` doubles as the event id because `event-data.id` is only unique
 * within a day. The signature does not cover `event-data`, so the result carries the signed string as its `nonce`
 * (single use, enforced by the trigger), as Mailgun's securing-webhooks guide recommends: remember tokens, refuse repeats.
 */
export function verifyMailgun(
	request: WebhookRequest,
	credential: MailgunCredential | undefined,
	options: AdapterOptions = {},
): AdapterResult {
	if (!credential?.signingSecret) return fail('missing-credential', 'Mailgun signing key is empty');
	const envelope = readEnvelope(rawBodyText(request));
	if (!envelope) return fail('malformed-body', 'Mailgun body is neither JSON nor a form');
	if (!envelope.signature || !envelope.token)
		return fail('missing-signature', 'Mailgun signature or token is missing');
	const stale = checkTimestamp(envelope.timestamp, options);
	if (stale) return stale;
	const signed = `${envelope.timestamp}${envelope.token}`;
	const own = signedBy(credential.signingSecret, signed, envelope.signature);
	// Both checks always run when a parent key is set (no early exit), each in constant time.
	const parent = credential.parentSigningSecret
		? signedBy(credential.parentSigningSecret, signed, envelope.parentSignature ?? '')
		: false;
	if (!own && !parent) return fail('bad-signature', 'Mailgun HMAC signature does not match');
	// The HMAC covers neither `event-data` nor which part of `signed` is the token: the nonce is the whole signed string,
	// so a captured signature cannot come back with another body, nor with digits moved between timestamp and token.
	return { ...mapMailgun(envelope), nonce: signed };
}

function signedBy(key: string, signed: string, signature: string): boolean {
	return safeEqual(hmac('sha256', key, signed).toString('hex'), signature.toLowerCase());
}

function mapMailgun({ token, eventData }: MailgunEnvelope): VerifiedRequest {
	const out = new EventCollector();
	if (!eventData) return accept([], [{ index: 0, providerEventType: '', reason: 'no event-data' }]);
	const name = stringField(eventData.event) ?? '';
	const type =
		name === 'failed'
			? eventData.severity === 'permanent'
				? 'bounce'
				: undefined
			: MAILGUN_TYPES[name];
	const message = isRecord(eventData.message) ? eventData.message : {};
	const headers = isRecord(message.headers) ? message.headers : {};
	const clientInfo = isRecord(eventData['client-info']) ? eventData['client-info'] : {};
	const variables = isRecord(eventData['user-variables']) ? eventData['user-variables'] : {};
	const campaigns = Array.isArray(eventData.campaigns) ? eventData.campaigns : [];
	const firstCampaign = isRecord(campaigns[0]) ? stringField(campaigns[0].id) : undefined;
	const tags = Array.isArray(eventData.tags) ? eventData.tags : [];
	const bot = stringField(clientInfo.bot);
	out.add(
		0,
		'mailgun',
		name,
		type,
		stringField(eventData.recipient),
		fromUnixSeconds(eventData.timestamp),
		{
			eventId: token,
			messageId: stringField(headers['message-id']),
			campaignId:
				stringField(variables.campaign_id) ??
				stringField(variables.campaignId) ??
				firstCampaign ??
				stringField(tags[0]),
			channel: 'email',
			url: stringField(eventData.url),
			userAgent: stringField(clientInfo['user-agent']),
			ip: stringField(eventData.ip),
			// client-info.bot: apple (MPP), gmail, generic (firewall/AV scanner); empty when a person did it.
			machine: type === 'open' || type === 'click' ? bot !== undefined : undefined,
		},
	);
	return accept(out.events, out.ignored);
}
