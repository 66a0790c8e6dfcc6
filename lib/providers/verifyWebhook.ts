import { verifyAmazonSes, type SnsCredential } from './amazonSes';
import { verifyBrevo } from './brevo';
import {
	checkCustomJsonMapping,
	DEFAULT_CUSTOM_MAPPING,
	verifyCustomJson,
	verifyStandardWebhooksJson,
	type CustomJsonMapping,
} from './customJson';
import { verifyCustomerIo } from './customerIo';
import type { HmacSecretCredential } from './hmacSecret';
import { verifyMailchimp } from './mailchimp';
import { verifyMailgun, type MailgunCredential } from './mailgun';
import { verifyMandrill, type MandrillCredential } from './mandrill';
import { verifyPostmark } from './postmark';
import { verifyResend } from './resend';
import { verifySendGrid, type SendGridCredential } from './sendgrid';
import type { SharedSecretCredential } from './sharedSecret';
import type { CertificateFetcher } from './snsSignature';
import { verifySparkPost } from './sparkpost';
import type { StandardWebhooksCredential } from './standardWebhooks';
import {
	fail,
	type AdapterOptions,
	type AdapterResult,
	type ProviderId,
	type WebhookRequest,
} from './types';

/** The credential shape each signing scheme needs; one n8n credential type per scheme. */
export type CredentialScheme =
	| 'sendgrid'
	| 'hmac'
	| 'sharedSecret'
	| 'mandrill'
	| 'sns'
	| 'standardWebhooks';

export interface ProviderInfo {
	id: ProviderId;
	displayName: string;
	scheme: CredentialScheme;
	/** The signature covers a timestamp that must fall in the replay window (so remembered ids may expire). */
	signsTimestamp?: true;
}

export const PROVIDERS: readonly ProviderInfo[] = [
	{ id: 'sendgrid', displayName: 'SendGrid', scheme: 'sendgrid', signsTimestamp: true },
	{ id: 'mailgun', displayName: 'Mailgun', scheme: 'hmac', signsTimestamp: true },
	{ id: 'postmark', displayName: 'Postmark', scheme: 'sharedSecret' },
	{ id: 'mandrill', displayName: 'Mailchimp Transactional (Mandrill)', scheme: 'mandrill' },
	{ id: 'amazonSes', displayName: 'Amazon SES via SNS', scheme: 'sns' },
	{ id: 'brevo', displayName: 'Brevo', scheme: 'sharedSecret' },
	{ id: 'customerIo', displayName: 'Customer.io', scheme: 'hmac', signsTimestamp: true },
	{
		id: 'resend',
		displayName: 'Resend / Svix',
		scheme: 'standardWebhooks',
		signsTimestamp: true,
	},
	{ id: 'sparkpost', displayName: 'SparkPost', scheme: 'sharedSecret' },
	{ id: 'mailchimp', displayName: 'Mailchimp (Audience Webhooks)', scheme: 'sharedSecret' },
	{
		id: 'standardWebhooks',
		displayName: 'Standard Webhooks (Generic HMAC)',
		scheme: 'standardWebhooks',
		signsTimestamp: true,
	},
	{ id: 'customJson', displayName: 'Custom JSON', scheme: 'sharedSecret' },
];

/** What `PROVIDERS` says of one provider (undefined for an id it does not list). */
export function providerInfo(provider: string): ProviderInfo | undefined {
	return PROVIDERS.find((info) => info.id === provider);
}

export interface VerifyContext extends AdapterOptions {
	/** Field mapping for Custom JSON and Standard Webhooks bodies. */
	mapping?: CustomJsonMapping;
	/** Certificate source for Amazon SNS signatures (the node passes a cached HTTP fetch). */
	fetchCertificate?: CertificateFetcher;
}

/**
 * Checks one request with the provider's scheme and, when it passes, normalises its events. Never throws for any
 * request content: every problem comes back as a `VerificationFailure`. A Custom JSON / Standard Webhooks mapping that
 * cannot work (a type map target that is no event type) throws before the request is read: it is the caller's
 * configuration, which a 401 would hide.
 */
export async function verifyWebhook(
	provider: ProviderId,
	request: WebhookRequest,
	credential: object | undefined,
	context: VerifyContext = {},
): Promise<AdapterResult> {
	const mapping = context.mapping ?? DEFAULT_CUSTOM_MAPPING;
	if (provider === 'customJson' || provider === 'standardWebhooks') checkCustomJsonMapping(mapping);
	try {
		switch (provider) {
			case 'sendgrid':
				return verifySendGrid(request, credential as SendGridCredential, context);
			case 'mailgun':
				return verifyMailgun(request, credential as MailgunCredential, context);
			case 'postmark':
				return verifyPostmark(request, credential as SharedSecretCredential);
			case 'mandrill':
				return verifyMandrill(request, credential as MandrillCredential);
			case 'amazonSes':
				if (!context.fetchCertificate) return fail('bad-certificate', 'no certificate fetcher');
				return await verifyAmazonSes(
					request,
					credential as SnsCredential,
					context.fetchCertificate,
					context.now,
				);
			case 'brevo':
				return verifyBrevo(request, credential as SharedSecretCredential);
			case 'customerIo':
				return verifyCustomerIo(request, credential as HmacSecretCredential, context);
			case 'resend':
				return verifyResend(request, credential as StandardWebhooksCredential, context);
			case 'sparkpost':
				return verifySparkPost(request, credential as SharedSecretCredential);
			case 'mailchimp':
				return verifyMailchimp(request, credential as SharedSecretCredential);
			case 'standardWebhooks':
				return verifyStandardWebhooksJson(
					request,
					credential as StandardWebhooksCredential,
					mapping,
					context,
				);
			case 'customJson':
				return verifyCustomJson(request, credential as SharedSecretCredential, mapping);
			default:
				return fail('missing-credential', `unknown provider ${String(provider)}`);
		}
	} catch {
		// Defensive: adapters are written not to throw; an unexpected error must still never let a request through.
		return fail('internal-error', 'request could not be read');
	}
}
