import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { PROVIDERS, type ProviderId } from '../../lib/providers';
import {
	basicAuth,
	customerIoHeaders,
	mailgunBody,
	mandrillRequest,
	selfSignedCertificate,
	sendGridHeaders,
	sendGridKeys,
	signSns,
	standardHeaders,
	TOPIC_ARN,
} from '../lib/providers/signing';
import { createTriggerHarness, removeUserFolder, type FakeRequest } from './trigger/harness';

/**
 * Every provider through the n8n webhook path: a realistic signed (or authenticated) request starts one execution,
 * the same request again starts none (replayed ids), and the request made with the wrong secret gets 401.
 */
const now = () => Math.floor(Date.now() / 1000);
const iso = () => new Date().toISOString();
const sendGrid = sendGridKeys();
const otherSendGrid = sendGridKeys();
const sns = selfSignedCertificate();
const otherSns = selfSignedCertificate();
const whsec = 'whsec_' + Buffer.from('provider-matrix-secret-0123456789').toString('base64');
const otherWhsec = 'whsec_' + Buffer.from('another-secret-0123456789').toString('base64');
const MANDRILL_URL = 'https://n8n.example.com/webhook/6f1c1d4e-2b8a-4c57-9d0e-0a1b2c3d4e5f/webhook';

interface Case {
	parameters?: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** A valid request, and the same request made with the wrong secret. */
	request(secret: 'right' | 'wrong'): FakeRequest;
	/** The request with its signature or secret left out; default: the valid body with no headers. */
	unsigned?: () => FakeRequest;
	expected: IDataObject;
	/**
	 * How the same request sent again is answered; default 200 with the event counted as a duplicate. Mailgun's
	 * signature does not cover the body, so a signature seen before is refused like a forged one.
	 */
	replayAnswer?: IDataObject;
}

const cases: Record<ProviderId, Case> = {
	sendgrid: {
		credentials: { engagementSendGridWebhookApi: { publicKey: sendGrid.publicKey } },
		request: (secret) => {
			const body = JSON.stringify([
				{
					email: 'a@example.com',
					event: 'click',
					url: 'https://x.test',
					timestamp: now(),
					sg_event_id: 'sg1',
				},
			]);
			return {
				rawBody: body,
				headers: sendGridHeaders(
					(secret === 'right' ? sendGrid : otherSendGrid).privateKey,
					body,
					String(now()),
				),
			};
		},
		expected: { type: 'click', eventId: 'sg1' },
	},
	mailgun: {
		credentials: { engagementHmacWebhookApi: { signingSecret: 'mg-key' } },
		request: (secret) => ({
			rawBody: mailgunBody(
				secret === 'right' ? 'mg-key' : 'other',
				{
					event: 'opened',
					recipient: 'a@example.com',
					timestamp: now(),
					'client-info': { bot: 'apple' },
				},
				String(now()),
				'tok-1',
			),
			headers: { 'content-type': 'application/json' },
		}),
		unsigned: () => ({
			rawBody: JSON.stringify({
				'event-data': { event: 'opened', recipient: 'a@example.com', timestamp: now() },
			}),
			headers: {},
		}),
		expected: { type: 'open', machine: true, eventId: 'tok-1' },
		replayAnswer: { statusCode: 401, body: 'Unauthorized' },
	},
	postmark: {
		credentials: {
			engagementSharedSecretWebhookApi: { authType: 'basicAuth', username: 'pm', password: 'pw' },
		},
		request: (secret) => ({
			rawBody: JSON.stringify({
				RecordType: 'Open',
				Recipient: 'a@example.com',
				ReceivedAt: iso(),
				MessageID: 'pm-1',
			}),
			headers: basicAuth('pm', secret === 'right' ? 'pw' : 'nope'),
		}),
		expected: { type: 'open', messageId: 'pm-1' },
	},
	mandrill: {
		credentials: {
			engagementMandrillWebhookApi: { webhookSecret: 'md-key', webhookUrl: MANDRILL_URL },
		},
		request: (secret) =>
			mandrillRequest(secret === 'right' ? 'md-key' : 'other', MANDRILL_URL, [
				{
					event: 'open',
					ts: now(),
					_id: 'md-1',
					msg: { email: 'a@example.com' },
					user_agent_parsed: { type: 'robot' },
				},
			]),
		expected: { type: 'open', machine: true, messageId: 'md-1' },
	},
	amazonSes: {
		credentials: { engagementSnsWebhookApi: { topicArns: TOPIC_ARN } },
		request: (secret) => ({
			headers: { 'content-type': 'text/plain' },
			rawBody: JSON.stringify(
				signSns(
					{
						Type: 'Notification',
						MessageId: 'sns-1',
						TopicArn: TOPIC_ARN,
						Timestamp: iso(),
						Message: JSON.stringify({
							eventType: 'Delivery',
							mail: { messageId: 'ses-1', destination: ['a@example.com'] },
							delivery: { timestamp: iso(), recipients: ['a@example.com'] },
						}),
					},
					(secret === 'right' ? sns : otherSns).privateKey,
				),
			),
		}),
		unsigned: () => {
			const signed = JSON.parse(cases.amazonSes.request('right').rawBody as string) as Record<
				string,
				unknown
			>;
			delete signed.Signature;
			return { rawBody: JSON.stringify(signed), headers: { 'content-type': 'text/plain' } };
		},
		expected: { type: 'delivered', eventId: 'sns-1', messageId: 'ses-1' },
	},
	brevo: {
		credentials: {
			engagementSharedSecretWebhookApi: {
				authType: 'headerToken',
				headerName: 'Authorization',
				token: 'brevo-token',
			},
		},
		request: (secret) => ({
			rawBody: JSON.stringify({
				event: 'proxy_open',
				email: 'a@example.com',
				ts_epoch: Date.now(),
				'message-id': '<b1>',
			}),
			headers: { authorization: `Bearer ${secret === 'right' ? 'brevo-token' : 'guess'}` },
		}),
		expected: { type: 'open', machine: true },
	},
	customerIo: {
		credentials: { engagementHmacWebhookApi: { signingSecret: 'cio-key' } },
		request: (secret) => {
			const body = JSON.stringify({
				event_id: 'cio-1',
				object_type: 'email',
				metric: 'converted',
				timestamp: now(),
				data: { identifiers: { email: 'a@example.com' }, campaign_id: 5 },
			});
			return {
				rawBody: body,
				headers: customerIoHeaders(secret === 'right' ? 'cio-key' : 'other', body, String(now())),
			};
		},
		expected: { type: 'conversion', eventId: 'cio-1', campaignKind: 'automation' },
	},
	resend: {
		credentials: { engagementStandardWebhooksApi: { secret: whsec } },
		request: (secret) => {
			const body = JSON.stringify({
				type: 'email.opened',
				created_at: iso(),
				data: { email_id: 're-1', to: ['a@example.com'] },
			});
			return {
				rawBody: body,
				headers: standardHeaders(
					secret === 'right' ? whsec : otherWhsec,
					'msg_re1',
					body,
					String(now()),
					'svix',
				),
			};
		},
		expected: { type: 'open', eventId: 'msg_re1' },
	},
	sparkpost: {
		credentials: {
			engagementSharedSecretWebhookApi: { authType: 'basicAuth', username: 'sp', password: 'pw' },
		},
		request: (secret) => ({
			rawBody: JSON.stringify([
				{
					msys: {
						track_event: {
							type: 'click',
							event_id: 'sp-1',
							rcpt_to: 'a@example.com',
							timestamp: String(now()),
							target_link_url: 'https://x.test',
						},
					},
				},
			]),
			headers: basicAuth('sp', secret === 'right' ? 'pw' : 'pv'),
		}),
		expected: { type: 'click', eventId: 'sp-1' },
	},
	mailchimp: {
		credentials: {
			engagementSharedSecretWebhookApi: {
				authType: 'queryToken',
				queryParameter: 'key',
				token: 'mc',
			},
		},
		request: (secret) => ({
			rawBody: new URLSearchParams({
				type: 'unsubscribe',
				fired_at: iso().slice(0, 19).replace('T', ' '),
				'data[email]': 'a@example.com',
				'data[list_id]': 'l1',
				'data[reason]': 'manual',
				'data[campaign_id]': 'c1',
			}).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			query: { key: secret === 'right' ? 'mc' : 'mC' },
		}),
		expected: { type: 'unsubscribe', campaignId: 'c1' },
	},
	standardWebhooks: {
		parameters: {
			contactField: 'data.email',
			typeField: 'type',
			timestampField: 'timestamp',
			typeMap: 'email.clicked=click',
		},
		credentials: { engagementStandardWebhooksApi: { secret: whsec } },
		request: (secret) => {
			const body = JSON.stringify({
				type: 'email.clicked',
				timestamp: iso(),
				data: { email: 'a@example.com' },
			});
			return {
				rawBody: body,
				headers: standardHeaders(
					secret === 'right' ? whsec : otherWhsec,
					'msg_sw1',
					body,
					String(now()),
				),
			};
		},
		expected: { type: 'click', providerEventType: 'email.clicked', eventId: 'msg_sw1' },
	},
	customJson: {
		parameters: { typeMap: 'email.clicked=click' },
		credentials: {
			engagementSharedSecretWebhookApi: {
				authType: 'headerToken',
				headerName: 'X-Hook-Token',
				token: 't0k',
			},
		},
		request: (secret) => ({
			rawBody: JSON.stringify({
				contactId: 'a@example.com',
				type: 'email.clicked',
				timestamp: now(),
				eventId: 'cj-1',
			}),
			headers: { 'x-hook-token': secret === 'right' ? 't0k' : 't0K' },
		}),
		expected: { type: 'click', eventId: 'cj-1' },
	},
};

afterAll(() => removeUserFolder());

describe.each(PROVIDERS.map((provider) => [provider.displayName, provider.id] as const))(
	'%s through the n8n webhook path',
	(_, provider) => {
		const spec = cases[provider];
		const harness = () =>
			createTriggerHarness({
				parameters: { provider, ...(spec.parameters ?? {}) },
				credentials: spec.credentials,
				httpRequest: async () =>
					spec.request('right').rawBody?.includes('"SigningCertURL"') ? sns.certificate : '',
			});

		it('starts one execution for a valid request, none for the same request replayed', async () => {
			const trigger = harness();
			const request = spec.request('right');
			const first = await trigger.post(request);
			expect(first.response).toBeUndefined();
			expect(first.received).toEqual([
				expect.objectContaining({ contactId: 'a@example.com', provider, ...spec.expected }),
			]);
			const replay = await trigger.post(request);
			expect(replay.run).toBeUndefined();
			expect(replay.response).toMatchObject(
				spec.replayAnswer ?? { statusCode: 200, body: { accepted: 0, duplicates: 1 } },
			);
		});

		it('answers 401 and starts nothing for the wrong secret, and for no credentials at all', async () => {
			const trigger = harness();
			const wrong = await trigger.post(spec.request('wrong'));
			expect(wrong.response).toMatchObject({ statusCode: 401, body: 'Unauthorized' });
			expect(wrong.run).toBeUndefined();
			const bare = await trigger.post(
				spec.unsigned?.() ?? { rawBody: spec.request('right').rawBody, headers: {} },
			);
			expect(bare.run).toBeUndefined();
			expect(bare.response?.statusCode).toBe(401);
		});
	},
);

describe('URL checks by GET and HEAD', () => {
	const credentials = {
		engagementSharedSecretWebhookApi: {
			authType: 'queryToken',
			queryParameter: 'key',
			token: 'mc',
		},
	};

	it("answers Mailchimp's GET check 200 with its secret, 401 without, and starts nothing", async () => {
		const trigger = createTriggerHarness({ parameters: { provider: 'mailchimp' }, credentials });
		const check = await trigger.post({ method: 'GET', headers: {}, query: { key: 'mc' } });
		expect(check.response).toMatchObject({ statusCode: 200, body: { ping: 'ok' } });
		expect(check.run).toBeUndefined();
		const unkeyed = await trigger.post({ method: 'GET', headers: {}, query: {} });
		expect(unkeyed.response?.statusCode).toBe(401);
		expect(unkeyed.run).toBeUndefined();
	});

	it('answers a GET 405 for the other providers, and HEAD (Mandrill) 200 as before', async () => {
		const trigger = createTriggerHarness({
			parameters: { provider: 'postmark' },
			credentials: {
				engagementSharedSecretWebhookApi: { authType: 'basicAuth', username: 'u', password: 'p' },
			},
		});
		const get = await trigger.post({ method: 'GET', headers: basicAuth('u', 'p') });
		expect(get.response).toMatchObject({ statusCode: 405 });
		expect(get.run).toBeUndefined();
		const head = await trigger.post({ method: 'HEAD', headers: {} });
		expect(head.response).toMatchObject({ statusCode: 200 });
	});
});

describe('Mailgun subaccount events through the n8n webhook path', () => {
	const credentials = {
		engagementHmacWebhookApi: { signingSecret: 'primary-key', parentSigningSecret: 'primary-key' },
	};
	const event = {
		event: 'clicked',
		recipient: 'a@example.com',
		timestamp: now(),
		url: 'https://x.test/',
	};

	it("reads Parent Account Signing Key from the credential: a subaccount's event passes by its parent-signature", async () => {
		const trigger = createTriggerHarness({ parameters: { provider: 'mailgun' }, credentials });
		const request = (parentKey: string, token: string) => ({
			rawBody: mailgunBody('subaccount-key', event, String(now()), token, parentKey),
			headers: { 'content-type': 'application/json' },
		});
		const passed = await trigger.post(request('primary-key', 'tok-sub-1'));
		expect(passed.received).toEqual([
			expect.objectContaining({ type: 'click', eventId: 'tok-sub-1' }),
		]);
		const forged = await trigger.post(request('another-primary', 'tok-sub-2'));
		expect(forged.response).toMatchObject({ statusCode: 401 });
		expect(forged.run).toBeUndefined();
	});
});
