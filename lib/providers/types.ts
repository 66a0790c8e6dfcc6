import type { EngagementEvent } from '../events/types';

/** Header map as Node/express give it: lower-case names, a value or a list of values. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** What an adapter needs from an HTTP request: the exact bytes that were signed, and the headers. */
export interface WebhookRequest {
	rawBody: Buffer | string;
	headers: RequestHeaders;
	/** HTTP method, upper case. Defaults to POST. */
	method?: string;
	/** The URL's query parameters (a repeated one as an array), for secrets a provider can only put in the URL. */
	query?: Record<string, unknown>;
}

export type VerificationFailureReason =
	| 'missing-credential'
	| 'missing-header'
	| 'missing-signature'
	| 'bad-signature'
	| 'stale-timestamp'
	| 'bad-timestamp'
	| 'unauthorized'
	| 'bad-certificate'
	| 'topic-not-allowed'
	| 'malformed-body'
	| 'raw-body-unavailable'
	/** A signature that does not cover the body (Mailgun's) came a second time: see `VerifiedRequest.nonce`. */
	| 'replayed-signature'
	/** An adapter threw: a bug, still answered 401. The fuzz tests assert it never happens. */
	| 'internal-error';

/** A request that must be answered 401 and must not start a workflow. `message` never contains a secret. */
export interface VerificationFailure {
	ok: false;
	reason: VerificationFailureReason;
	message: string;
}

/** An event normalised to our schema, plus where it came from. */
export interface ProviderEvent extends EngagementEvent {
	provider: ProviderId;
	/** The provider's own name for the event (`processed`, `opened`, `email.clicked`, ...). */
	providerEventType: string;
}

/** A provider event we could not map to the schema (deferrals, drops, pings...), kept so the node can report it. */
export interface IgnoredEvent {
	index: number;
	providerEventType: string;
	reason: string;
}

/**
 * Special requests that are answered without events: SNS subscription handshakes, SparkPost pings.
 * `subscribeUrl` is set when the node should confirm an SNS subscription by fetching it.
 */
export interface ControlMessage {
	kind: 'subscription-confirmation' | 'unsubscribe-confirmation' | 'ping';
	subscribeUrl?: string;
	topicArn?: string;
}

export interface VerifiedRequest {
	ok: true;
	events: ProviderEvent[];
	ignored: IgnoredEvent[];
	control?: ControlMessage;
	/**
	 * Set when the provider's signature does not cover the body (Mailgun signs only `timestamp + token`): the exact
	 * signed string. Anyone who saw one signed request could put any body under its signature while the timestamp is
	 * in the replay window, so a verified signature must be accepted once: the trigger records the nonce as soon as
	 * the signature verifies — whatever then happens to the events, and whether De-Duplicate Events is on or not —
	 * and rejects a request whose nonce it has seen (`replayed-signature`).
	 */
	nonce?: string;
}

export type AdapterResult = VerifiedRequest | VerificationFailure;

export interface AdapterOptions {
	/** Current instant in epoch ms (tests inject it). Default Date.now(). */
	now?: number;
	/** Replay window for signed timestamps, in seconds, both directions. Default 300. */
	toleranceSeconds?: number;
}

export const PROVIDER_IDS = [
	'sendgrid',
	'mailgun',
	'postmark',
	'mandrill',
	'amazonSes',
	'brevo',
	'customerIo',
	'resend',
	'sparkpost',
	'mailchimp',
	'standardWebhooks',
	'customJson',
] as const;

export type ProviderId = (typeof PROVIDER_IDS)[number];

export const DEFAULT_TOLERANCE_SECONDS = 300;

export function fail(reason: VerificationFailureReason, message: string): VerificationFailure {
	return { ok: false, reason, message };
}

export function accept(
	events: ProviderEvent[],
	ignored: IgnoredEvent[] = [],
	control?: ControlMessage,
): VerifiedRequest {
	return control ? { ok: true, events, ignored, control } : { ok: true, events, ignored };
}
