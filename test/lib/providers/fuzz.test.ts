import fc from 'fast-check';

import { PROVIDERS, verifyWebhook, type ProviderId } from '../../../lib/providers';
import {
	basicAuth,
	customerIoHeaders,
	mailgunBody,
	NOW,
	NOW_SECONDS,
	selfSignedCertificate,
	sendGridHeaders,
	sendGridKeys,
	standardHeaders,
	TOPIC_ARN,
} from './signing';

/**
 * Property: whatever body and headers arrive, no adapter throws, no request without the secret is accepted, and the
 * failure message is safe to log.
 * The headers are random but may borrow the real header names with random values, the way an attacker would.
 */
const keys = sendGridKeys();
const { certificate } = selfSignedCertificate();
const secret = 'whsec_' + Buffer.from('fuzz-secret-fuzz-secret').toString('base64');
const credentials: Record<ProviderId, object> = {
	sendgrid: { publicKey: keys.publicKey },
	mailgun: { signingSecret: 'mg-key', parentSigningSecret: 'mg-parent-key' },
	postmark: { authType: 'basicAuth', username: 'u', password: 'p' },
	mandrill: { webhookSecret: 'md-key', webhookUrl: 'https://n8n.test/webhook/x' },
	amazonSes: { topicArns: TOPIC_ARN },
	brevo: { authType: 'headerToken', token: 'brevo-token' },
	customerIo: { signingSecret: 'cio-key' },
	resend: { secret },
	sparkpost: { authType: 'basicAuth', username: 'u', password: 'p' },
	mailchimp: { authType: 'queryToken', queryParameter: 'key', token: 'mc-token' },
	standardWebhooks: { secret },
	customJson: { authType: 'headerToken', headerName: 'x-token', token: 'custom-token' },
};
const HEADER_NAMES = [
	'x-twilio-email-event-webhook-signature',
	'x-twilio-email-event-webhook-timestamp',
	'x-mandrill-signature',
	'x-cio-signature',
	'x-cio-timestamp',
	'webhook-id',
	'webhook-timestamp',
	'webhook-signature',
	'svix-id',
	'svix-timestamp',
	'svix-signature',
	'authorization',
	'x-token',
	'x-amz-sns-message-type',
	'content-type',
];
const headerArb = fc.dictionary(
	fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 20 })),
	fc.oneof(
		fc.string({ maxLength: 80 }),
		fc.constant(String(NOW_SECONDS)),
		fc.base64String({ maxLength: 100 }),
		fc.array(fc.string(), { maxLength: 2 }),
	),
	{ maxKeys: 6 },
);
/** Query parameters as a sender might add them: the token's name with any value (never the token), or others. */
const queryArb = fc.dictionary(
	fc.oneof(fc.constant('key'), fc.string({ maxLength: 10 })),
	fc.oneof(fc.string({ maxLength: 40 }), fc.array(fc.string(), { maxLength: 2 })),
	{ maxKeys: 3 },
);
const jsonValue = fc.jsonValue({ maxDepth: 4 });
const bodyArb = fc.oneof(
	fc.string({ maxLength: 200 }),
	jsonValue.map((value) => JSON.stringify(value)),
	// plausible shapes: SNS envelope, Mailgun envelope with a random signature, SendGrid arrays
	fc
		.record({
			Type: fc.constantFrom('Notification', 'SubscriptionConfirmation'),
			// Mostly the allowed topic (so the signature is checked), else any text: control characters, separators.
			TopicArn: fc.oneof(
				{ weight: 4, arbitrary: fc.constant(TOPIC_ARN) },
				fc.string({ unit: 'binary', maxLength: 400 }),
				fc.string({
					unit: fc.constantFrom('\n', '\r', '\u0085', '\u2028', '\u202e', 'x', ':'),
					minLength: 1,
					maxLength: 400,
				}),
			),
			MessageId: fc.string(),
			Message: fc.string(),
			SignatureVersion: fc.constantFrom('1', '2'),
			Signature: fc.base64String(),
			SigningCertURL: fc.constantFrom(
				'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem',
				'https://evil.test/x.pem',
			),
		})
		.map((value) => JSON.stringify(value)),
	fc
		.record({
			signature: fc.record({
				timestamp: fc.constant(String(NOW_SECONDS)),
				token: fc.string(),
				signature: fc.stringMatching(/^[0-9a-f]{0,64}$/),
				'parent-signature': fc.stringMatching(/^[0-9a-f]{0,64}$/),
			}),
			'event-data': jsonValue,
		})
		.map((value) => JSON.stringify(value)),
	fc
		.array(
			fc.record({
				email: fc.emailAddress(),
				event: fc.constantFrom('open', 'click'),
				timestamp: fc.constant(NOW_SECONDS),
			}),
		)
		.map((value) => JSON.stringify(value)),
	fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const providerArb = fc.constantFrom(...PROVIDERS.map((provider) => provider.id));
const fetchCertificate = async () => certificate;

/** A failure message goes to the n8n log as is: one line, nothing a viewer acts on, bounded whatever the body. */
function expectLoggable(message: string) {
	// eslint-disable-next-line no-control-regex
	expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/);
	expect(message.length).toBeLessThanOrEqual(240);
}

describe('fuzz: random bodies and headers', () => {
	it('never throws and never accepts a request that lacks the secret', async () => {
		await fc.assert(
			fc.asyncProperty(
				providerArb,
				bodyArb,
				headerArb,
				queryArb,
				fc.boolean(),
				async (provider, body, headers, query, asBuffer) => {
					const result = await verifyWebhook(
						provider,
						{
							rawBody: asBuffer ? Buffer.from(body, 'utf8') : body,
							headers,
							method: 'POST',
							query,
						},
						credentials[provider],
						{ now: NOW, fetchCertificate },
					);
					expect(result).toMatchObject({ ok: false });
					if (!result.ok) {
						expect(result.reason).not.toBe('internal-error');
						expectLoggable(result.message);
					}
				},
			),
			{ numRuns: 1500 },
		);
	});

	it('never throws on any body once the signature is right (bad bodies fail as malformed, never as a crash)', async () => {
		await fc.assert(
			fc.asyncProperty(bodyArb, async (body) => {
				const signedRequests: Array<[ProviderId, Record<string, string>, Record<string, string>?]> =
					[
						['sendgrid', sendGridHeaders(keys.privateKey, body)],
						['customerIo', customerIoHeaders('cio-key', body)],
						['resend', standardHeaders(secret, 'msg_1', body)],
						['standardWebhooks', standardHeaders(secret, 'msg_1', body)],
						['postmark', basicAuth('u', 'p')],
						['sparkpost', basicAuth('u', 'p')],
						['brevo', { authorization: 'Bearer brevo-token' }],
						['customJson', { 'x-token': 'custom-token' }],
						['mailchimp', {}, { key: 'mc-token' }],
					];
				for (const [provider, headers, query] of signedRequests) {
					const result = await verifyWebhook(
						provider,
						{ rawBody: body, headers, query },
						credentials[provider],
						{ now: NOW },
					);
					if (!result.ok) {
						expect(result.reason).toBe('malformed-body');
						expectLoggable(result.message);
					} else for (const event of result.events) expect(typeof event.contactId).toBe('string');
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('accepts a correctly signed Mailgun body built by the test signer (the property above is not vacuous)', async () => {
		const event = { event: 'opened', recipient: 'a@b.c', timestamp: NOW_SECONDS };
		// Signed with the account key, and a subaccount's body signed with another key plus the parent key.
		for (const body of [
			mailgunBody('mg-key', event),
			mailgunBody('subaccount-key', event, undefined, undefined, 'mg-parent-key'),
		]) {
			expect(
				await verifyWebhook('mailgun', { rawBody: body, headers: {} }, credentials.mailgun, {
					now: NOW,
				}),
			).toMatchObject({ ok: true });
		}
	});
});
