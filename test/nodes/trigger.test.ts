import { createHmac } from 'node:crypto';

import type { IHttpRequestOptions } from 'n8n-workflow';

import { PROVIDERS, replayKey } from '../../lib/providers';
import { EngagementWebhookTrigger } from '../../nodes/EngagementWebhookTrigger/EngagementWebhookTrigger.node';
import { CREDENTIAL_TYPE } from '../../nodes/EngagementWebhookTrigger/properties';
import {
	basicAuth,
	CERT_URL,
	mandrillRequest,
	selfSignedCertificate,
	sendGridHeaders,
	sendGridKeys,
	signSns,
	TOPIC_ARN,
} from '../lib/providers/signing';
import { createTriggerHarness, removeUserFolder, type TriggerHarness } from './trigger/harness';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const keys = sendGridKeys();
const sendGridCredential = { engagementSendGridWebhookApi: { publicKey: keys.publicKey } };

function sendGridBatch(ids: string[], extra: object = {}) {
	const ts = nowSeconds() - 30;
	return JSON.stringify(
		ids.map((id, index) => ({
			email: `c${index}@example.com`,
			event: index % 2 === 0 ? 'open' : 'click',
			sg_machine_open: index === 0,
			timestamp: ts,
			sg_event_id: id,
			sg_message_id: `m-${id}`,
			...extra,
		})),
	);
}

function signedSendGrid(body: string, timestamp = String(nowSeconds())) {
	return {
		headers: {
			'content-type': 'application/json',
			...sendGridHeaders(keys.privateKey, body, timestamp),
		},
		rawBody: body,
		body: JSON.parse(body) as unknown,
	};
}

afterAll(() => removeUserFolder());

describe('Engagement Webhook Trigger through n8n-core WebhookContext and WorkflowExecute', () => {
	let harness: TriggerHarness;
	afterEach(() => harness?.close());

	it('starts one execution with one item per verified event, answered with a summary', async () => {
		harness = createTriggerHarness({
			parameters: { provider: 'sendgrid' },
			credentials: sendGridCredential,
		});
		const outcome = await harness.post(signedSendGrid(sendGridBatch(['e1', 'e2', 'e3'])));
		expect(outcome.response).toBeUndefined();
		expect(outcome.result.webhookResponse).toEqual({
			received: 3,
			accepted: 3,
			duplicates: 0,
			ignored: 0,
		});
		expect(outcome.run?.data.resultData.error).toBeUndefined();
		expect(outcome.received).toMatchObject([
			{
				contactId: 'c0@example.com',
				type: 'open',
				machine: true,
				eventId: 'e1',
				provider: 'sendgrid',
			},
			{ contactId: 'c1@example.com', type: 'click', eventId: 'e2' },
			{ contactId: 'c2@example.com', type: 'open', machine: false, eventId: 'e3' },
		]);
	});

	it('answers 401, starts nothing and logs the reason without the secret when the signature is wrong', async () => {
		const secret = 'hmac-secret-that-must-not-leak';
		harness = createTriggerHarness({
			parameters: { provider: 'customerIo' },
			credentials: { engagementHmacWebhookApi: { signingSecret: secret } },
		});
		const body = JSON.stringify({
			event_id: '01',
			metric: 'opened',
			timestamp: nowSeconds(),
			data: { identifiers: { email: 'a@example.com' } },
		});
		const signature = createHmac('sha256', 'wrong-secret')
			.update(`v0:${nowSeconds()}:${body}`)
			.digest('hex');
		const outcome = await harness.post({
			headers: { 'x-cio-signature': signature, 'x-cio-timestamp': String(nowSeconds()) },
			rawBody: body,
		});
		expect(outcome.response).toEqual({ statusCode: 401, body: 'Unauthorized', ended: true });
		expect(outcome.result).toEqual({ noWebhookResponse: true });
		expect(outcome.run).toBeUndefined();
		expect(harness.logs).toEqual([
			{ level: 'warn', message: expect.stringContaining('customerIo request (bad-signature)') },
		]);
		expect(JSON.stringify(harness.logs)).not.toContain(secret);
	});

	it('rejects a stale timestamp and a missing signature header with 401', async () => {
		harness = createTriggerHarness({
			parameters: { provider: 'sendgrid' },
			credentials: sendGridCredential,
		});
		const body = sendGridBatch(['s1']);
		const stale = await harness.post(signedSendGrid(body, String(nowSeconds() - 600)));
		const missing = await harness.post({ headers: {}, rawBody: body });
		expect([stale.response?.statusCode, missing.response?.statusCode]).toEqual([401, 401]);
		expect(harness.logs.map((line) => line.message)).toEqual([
			expect.stringContaining('(stale-timestamp)'),
			expect.stringContaining('(missing-signature)'),
		]);
	});

	it('drops replayed event ids, also after a restart (static data), and starts no execution for a full replay', async () => {
		harness = createTriggerHarness({
			parameters: { provider: 'sendgrid' },
			credentials: sendGridCredential,
		});
		const first = signedSendGrid(sendGridBatch(['r1', 'r2']));
		expect((await harness.post(first)).received).toHaveLength(2);
		expect(harness.staticDataSaves()).toBe(1);
		const replay = await harness.post(first);
		expect(replay.run).toBeUndefined();
		// Nothing new was remembered, so n8n has no static data to write for the replay.
		expect(harness.staticDataSaves()).toBe(1);
		expect(replay.response).toEqual({
			statusCode: 200,
			body: { received: 2, accepted: 0, duplicates: 2, ignored: 0 },
			ended: true,
		});
		harness.restart();
		const overlapping = await harness.post(signedSendGrid(sendGridBatch(['r2', 'r3'])));
		expect(overlapping.received?.map((item) => item.eventId)).toEqual(['r3']);
		// Least recently seen first: r2 was seen again by the overlapping batch.
		expect((harness.staticData().engagementReplayCache as { keys: string[] }).keys).toEqual([
			replayKey('sendgrid', 'r1'),
			replayKey('sendgrid', 'r2'),
			replayKey('sendgrid', 'r3'),
		]);
		expect(harness.staticDataSaves()).toBe(2);
	});

	it('passes an event once when two requests of one process carry it at the same time, though n8n loads static data afresh per request', async () => {
		const store = { staticData: {} };
		harness = createTriggerHarness({
			parameters: { provider: 'sendgrid' },
			credentials: sendGridCredential,
			store,
		});
		const body = sendGridBatch(['c1', 'c2']);
		// Both requests load the same (empty) static data before either saves.
		const outcomes = await Promise.all([
			harness.post(signedSendGrid(body)),
			harness.post(signedSendGrid(body)),
		]);
		expect(outcomes.flatMap((outcome) => outcome.received ?? [])).toHaveLength(2);
		expect(outcomes.filter((outcome) => outcome.run !== undefined)).toHaveLength(1);
	});

	it('shares the memory between processes through static data: a later copy in another process is dropped', async () => {
		const store = { staticData: {} };
		const setup = { parameters: { provider: 'sendgrid' }, credentials: sendGridCredential, store };
		const first = createTriggerHarness({ ...setup, workflowId: 'wf-shared' });
		const second = createTriggerHarness({
			...setup,
			workflowId: 'wf-shared',
			separateProcess: true,
		});
		harness = first;
		const body = sendGridBatch(['p1', 'p2']);
		expect((await first.post(signedSendGrid(body))).received).toHaveLength(2);
		const later = await second.post(signedSendGrid(sendGridBatch(['p2', 'p3'])));
		expect(later.received?.map((item) => item.eventId)).toEqual(['p3']);
		// And back: the first process merges what the second saved.
		const back = await first.post(signedSendGrid(sendGridBatch(['p3', 'p4'])));
		expect(back.received?.map((item) => item.eventId)).toEqual(['p4']);
		// The documented limit: copies arriving at the same instant in two processes both pass (each checked what
		// static data held before either saved). Downstream de-duplication by eventId keeps counts exact.
		const [one, two] = await Promise.all([
			first.post(signedSendGrid(sendGridBatch(['p5']))),
			second.post(signedSendGrid(sendGridBatch(['p5']))),
		]);
		expect([one.received?.length, two.received?.length]).toEqual([1, 1]);
		second.close();
	});

	it('forgets ids twice the replay window after they were last seen for signed providers, never for unsigned ones', async () => {
		const start = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
		try {
			harness = createTriggerHarness({
				parameters: { provider: 'sendgrid', options: { toleranceSeconds: 60 } },
				credentials: sendGridCredential,
			});
			expect((await harness.post(signedSendGrid(sendGridBatch(['t1'])))).received).toHaveLength(1);
			clock.mockReturnValue(start + 120_000);
			// Exactly 2 × 60 s later, re-signed (a provider retry): still remembered.
			expect((await harness.post(signedSendGrid(sendGridBatch(['t1'])))).received).toBeUndefined();
			clock.mockReturnValue(start + 241_000);
			// Last seen at +120 s, now 121 s later (the memory counts whole seconds): forgotten, so a re-signed retry
			// passes again.
			expect((await harness.post(signedSendGrid(sendGridBatch(['t1'])))).received).toHaveLength(1);

			const unsigned = createTriggerHarness({
				parameters: { provider: 'postmark', options: { toleranceSeconds: 60 } },
				credentials: {
					engagementSharedSecretWebhookApi: { authType: 'basicAuth', username: 'u', password: 'p' },
				},
			});
			const bounce = JSON.stringify({
				RecordType: 'Bounce',
				ID: 42,
				Type: 'HardBounce',
				Email: 'x@example.com',
				BouncedAt: new Date(start).toISOString(),
			});
			const request = { headers: basicAuth('u', 'p'), rawBody: bounce };
			expect((await unsigned.post(request)).received).toHaveLength(1);
			clock.mockReturnValue(start + 30 * 86_400_000);
			expect((await unsigned.post(request)).received).toBeUndefined();
			unsigned.close();
		} finally {
			clock.mockRestore();
		}
	});

	it('warns once when the capacity pushes ids out inside the replay window', async () => {
		harness = createTriggerHarness({
			parameters: { provider: 'sendgrid', options: { dedupeCapacity: 2 } },
			credentials: sendGridCredential,
		});
		await harness.post(signedSendGrid(sendGridBatch(['w1', 'w2', 'w3'])));
		await harness.post(signedSendGrid(sendGridBatch(['w4'])));
		expect(harness.logs.filter((line) => line.level === 'warn')).toEqual([
			{
				level: 'warn',
				message: expect.stringContaining('De-Duplication Memory (2 ids) is too small'),
			},
		]);
	});

	it('keeps de-duplication memory within the configured bound', async () => {
		harness = createTriggerHarness({
			parameters: { provider: 'sendgrid', options: { dedupeCapacity: 3 } },
			credentials: sendGridCredential,
		});
		await harness.post(signedSendGrid(sendGridBatch(['b1', 'b2', 'b3', 'b4', 'b5'])));
		expect((harness.staticData().engagementReplayCache as { keys: string[] }).keys).toHaveLength(3);
		// b1 was forgotten, b5 is remembered
		const again = await harness.post(signedSendGrid(sendGridBatch(['b1', 'b5'])));
		expect(again.received?.map((item) => item.eventId)).toEqual(['b1']);
	});

	it('applies the options: drop machine opens, pass chosen types, one item per request, de-duplication off', async () => {
		harness = createTriggerHarness({
			parameters: {
				provider: 'sendgrid',
				options: {
					machineEvents: 'drop',
					eventTypes: ['open'],
					output: 'perRequest',
					deduplicate: false,
				},
			},
			credentials: sendGridCredential,
		});
		const request = signedSendGrid(sendGridBatch(['o1', 'o2', 'o3', 'o4', 'o5']));
		const outcome = await harness.post(request);
		expect(outcome.received).toHaveLength(1);
		const [item] = outcome.received ?? [];
		expect((item.events as Array<{ eventId: string }>).map((event) => event.eventId)).toEqual([
			'o3',
			'o5',
		]);
		expect((await harness.post(request)).received).toHaveLength(1);
	});

	it('answers the Mandrill HEAD check and verifies against the node production URL by default', async () => {
		harness = createTriggerHarness({
			parameters: { provider: 'mandrill' },
			credentials: { engagementMandrillWebhookApi: { webhookSecret: 'md-key', webhookUrl: '' } },
		});
		const head = await harness.post({ method: 'HEAD', headers: {} });
		expect(head.response).toMatchObject({ statusCode: 200 });
		expect(head.run).toBeUndefined();
		const url = 'https://n8n.example.com/webhook/6f1c1d4e-2b8a-4c57-9d0e-0a1b2c3d4e5f/webhook';
		const signed = mandrillRequest('md-key', url, [
			{
				event: 'click',
				ts: nowSeconds(),
				_id: 'x1',
				url: 'https://x.test',
				msg: { email: 'a@example.com' },
			},
		]);
		expect((await harness.post(signed)).received).toMatchObject([
			{ type: 'click', contactId: 'a@example.com' },
		]);
		const elsewhere = mandrillRequest('md-key', 'https://other.example.com/hook', [
			{ event: 'click', ts: nowSeconds(), _id: 'x2', msg: { email: 'a@example.com' } },
		]);
		expect((await harness.post(elsewhere)).response?.statusCode).toBe(401);
	});

	it('confirms a signed SNS subscription from an allowed topic and starts nothing; unknown topics get 401', async () => {
		const { certificate, privateKey } = selfSignedCertificate();
		const subscribeUrl = `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC_ARN}&Token=t0k`;
		const requests: IHttpRequestOptions[] = [];
		harness = createTriggerHarness({
			parameters: { provider: 'amazonSes' },
			credentials: { engagementSnsWebhookApi: { topicArns: TOPIC_ARN } },
			httpRequest: async (options) => {
				requests.push(options);
				return options.url.endsWith('.pem') ? certificate : '<ConfirmSubscriptionResponse/>';
			},
		});
		const message = signSns(
			{
				Type: 'SubscriptionConfirmation',
				MessageId: 'sub-1',
				Token: 't0k',
				TopicArn: TOPIC_ARN,
				Message: 'confirm',
				SubscribeURL: subscribeUrl,
				Timestamp: new Date().toISOString(),
			},
			privateKey,
		);
		const outcome = await harness.post({
			headers: {
				'content-type': 'text/plain',
				'x-amz-sns-message-type': 'SubscriptionConfirmation',
			},
			rawBody: JSON.stringify(message),
		});
		expect(outcome.response).toMatchObject({
			statusCode: 200,
			body: { subscription: 'confirmed' },
		});
		expect(outcome.run).toBeUndefined();
		expect(harness.httpCalls.at(-1)).toBe(subscribeUrl);
		// Both URLs were checked (SNS host, certificate path); where a redirect would lead was not, so none is followed.
		expect(
			requests.map((request) => [request.url, request.disableFollowRedirect, request.timeout]),
		).toEqual([
			[CERT_URL, true, 10_000],
			[subscribeUrl, true, 10_000],
		]);
		expect(harness.logs).toContainEqual({
			level: 'info',
			message: `Engagement Webhook Trigger: confirmed SNS subscription to "${TOPIC_ARN}"`,
		});

		const notification = signSns(
			{
				Type: 'Notification',
				MessageId: 'n-1',
				TopicArn: TOPIC_ARN,
				Timestamp: new Date().toISOString(),
				Message: JSON.stringify({
					eventType: 'Open',
					mail: {
						messageId: 'm',
						destination: ['a@example.com'],
						timestamp: new Date().toISOString(),
					},
					open: { timestamp: new Date().toISOString(), userAgent: 'UA' },
				}),
			},
			privateKey,
		);
		expect(
			(
				await harness.post({
					headers: { 'content-type': 'text/plain' },
					rawBody: JSON.stringify(notification),
				})
			).received,
		).toMatchObject([{ type: 'open', eventId: 'n-1' }]);
		// A foreign topic is refused before the signature is checked, so its ARN is anyone's text: it reaches the log
		// quoted, on one line.
		const foreign = signSns(
			{
				...notification,
				TopicArn:
					'arn:aws:sns:us-east-1:999999999999:x\n2026-01-01 info Engagement Webhook Trigger: ok',
			} as Record<string, string>,
			privateKey,
		);
		expect(
			(await harness.post({ headers: {}, rawBody: JSON.stringify(foreign) })).response?.statusCode,
		).toBe(401);
		expect(harness.logs.at(-1)).toEqual({
			level: 'warn',
			message:
				'Engagement Webhook Trigger rejected a amazonSes request (topic-not-allowed): SNS topic "arn:aws:sns:us-east-1:999999999999:x\\n2026-01-01 info Engagement Webhook Trigger: ok" is not in the allowlist',
		});
	});

	it('refuses to verify when n8n gives no raw body (a parsed body cannot be re-serialised byte for byte)', async () => {
		harness = createTriggerHarness({
			parameters: { provider: 'sendgrid' },
			credentials: sendGridCredential,
		});
		const request = signedSendGrid(sendGridBatch(['x']));
		const outcome = await harness.post({ ...request, omitRawBody: true });
		expect(outcome.response?.statusCode).toBe(401);
		expect(harness.logs[0].message).toContain('raw-body-unavailable');
	});

	it('maps a Custom JSON body with the node field mapping behind basic auth', async () => {
		harness = createTriggerHarness({
			parameters: {
				provider: 'customJson',
				eventsPath: 'events',
				contactField: 'who',
				typeField: 'what',
				timestampField: 'when',
				eventIdField: 'id',
				typeMap: 'opened=open',
			},
			credentials: {
				engagementSharedSecretWebhookApi: { authType: 'basicAuth', username: 'u', password: 'p' },
			},
		});
		const rawBody = JSON.stringify({
			events: [
				{
					id: 'j1',
					who: 'a@example.com',
					what: 'opened',
					when: nowSeconds(),
					channel: 'sms',
					campaignKind: 'flow',
				},
			],
		});
		expect((await harness.post({ headers: basicAuth('u', 'p'), rawBody })).received).toMatchObject([
			{
				type: 'open',
				eventId: 'j1',
				provider: 'customJson',
				channel: 'sms',
				campaignKind: 'automation',
			},
		]);
		expect(
			(await harness.post({ headers: basicAuth('u', 'x'), rawBody })).response?.statusCode,
		).toBe(401);
	});
});

describe('Engagement Webhook Trigger description', () => {
	const node = new EngagementWebhookTrigger();

	it('shows each credential exactly for the providers whose scheme uses it', () => {
		for (const credential of node.description.credentials ?? []) {
			const scheme = Object.entries(CREDENTIAL_TYPE).find(
				([, name]) => name === credential.name,
			)?.[0];
			const expected = PROVIDERS.filter((provider) => provider.scheme === scheme).map(
				(provider) => provider.id,
			);
			expect({
				credential: credential.name,
				providers: credential.displayOptions?.show?.provider,
			}).toEqual({ credential: credential.name, providers: expected });
		}
		expect(node.description.credentials).toHaveLength(Object.keys(CREDENTIAL_TYPE).length);
	});

	it('is a trigger with no inputs, a POST webhook (HEAD and GET for URL checks) and no-op lifecycle methods', async () => {
		expect(node.description.inputs).toEqual([]);
		expect(node.description.webhooks?.map((webhook) => webhook.httpMethod)).toEqual([
			'POST',
			'HEAD',
			'GET',
		]);
		expect(await node.webhookMethods.default.checkExists.call({} as never)).toBe(true);
	});

	it('credential test reports malformed secrets', async () => {
		const test = node.methods.credentialTest.engagementWebhookCredentialTest;
		expect(
			await test.call({} as never, {
				id: '1',
				name: 'x',
				type: 'engagementStandardWebhooksApi',
				data: { secret: 'nope nope' },
			}),
		).toMatchObject({ status: 'Error' });
		expect(
			await test.call({} as never, {
				id: '1',
				name: 'x',
				type: 'engagementSendGridWebhookApi',
				data: { publicKey: keys.publicKey },
			}),
		).toMatchObject({ status: 'OK' });
	});
});
