import { verifySendGrid } from '../../../lib/providers';
import { NOW, NOW_SECONDS, sendGridHeaders, sendGridKeys } from './signing';

// Published vector: sendgrid/sendgrid-nodejs packages/eventwebhook/src/eventwebhook.spec.js
const PUBLIC_KEY =
	'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==';
const TIMESTAMP = '1588788367';
const PAYLOAD = '{"category":"example_payload","event":"test_event","message_id":"message_id"}';
const SIGNATURE =
	'MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=';
const VECTOR_NOW = Number(TIMESTAMP) * 1000;

const headers = (signature = SIGNATURE, timestamp = TIMESTAMP) => ({
	'X-Twilio-Email-Event-Webhook-Signature': signature,
	'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
});

describe('SendGrid signed event webhook (ECDSA P-256 over timestamp + raw body)', () => {
	it('accepts the published sendgrid-nodejs vector', () => {
		const result = verifySendGrid(
			{ rawBody: PAYLOAD, headers: headers() },
			{ publicKey: PUBLIC_KEY },
			{ now: VECTOR_NOW },
		);
		expect(result.ok).toBe(true);
	});

	it('accepts the vector key in PEM form and a Buffer body', () => {
		const pem = `-----BEGIN PUBLIC KEY-----\n${PUBLIC_KEY}\n-----END PUBLIC KEY-----`;
		const result = verifySendGrid(
			{ rawBody: Buffer.from(PAYLOAD), headers: headers() },
			{ publicKey: pem },
			{ now: VECTOR_NOW },
		);
		expect(result.ok).toBe(true);
	});

	it.each([
		['a different key', { key: sendGridKeys().publicKey }],
		['a tampered body', { body: PAYLOAD.replace('example_payload', 'example_paylaod') }],
		['a tampered timestamp', { timestamp: '1588788368' }],
		['a tampered signature (H2j → H3j)', { signature: SIGNATURE.replace('H2j', 'H3j') }],
	])(
		'rejects %s as bad-signature',
		(_, change: { key?: string; body?: string; timestamp?: string; signature?: string }) => {
			const result = verifySendGrid(
				{ rawBody: change.body ?? PAYLOAD, headers: headers(change.signature, change.timestamp) },
				{ publicKey: change.key ?? PUBLIC_KEY },
				{ now: VECTOR_NOW },
			);
			expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
		},
	);

	it('rejects the vector 301 s later (stale timestamp) and accepts it with a wider window', () => {
		const later = { now: VECTOR_NOW + 301_000 };
		expect(
			verifySendGrid({ rawBody: PAYLOAD, headers: headers() }, { publicKey: PUBLIC_KEY }, later),
		).toMatchObject({
			ok: false,
			reason: 'stale-timestamp',
		});
		expect(
			verifySendGrid(
				{ rawBody: PAYLOAD, headers: headers() },
				{ publicKey: PUBLIC_KEY },
				{ ...later, toleranceSeconds: 400 },
			).ok,
		).toBe(true);
	});

	it('rejects missing headers, a non-numeric timestamp and an empty or invalid key', () => {
		const request = { rawBody: PAYLOAD, headers: {} };
		expect(verifySendGrid(request, { publicKey: PUBLIC_KEY }, { now: VECTOR_NOW })).toMatchObject({
			reason: 'missing-signature',
		});
		expect(
			verifySendGrid(
				{ rawBody: PAYLOAD, headers: { 'x-twilio-email-event-webhook-signature': SIGNATURE } },
				{ publicKey: PUBLIC_KEY },
				{ now: VECTOR_NOW },
			),
		).toMatchObject({ reason: 'missing-header' });
		expect(
			verifySendGrid(
				{ rawBody: PAYLOAD, headers: headers(SIGNATURE, 'timestamp') },
				{ publicKey: PUBLIC_KEY },
			),
		).toMatchObject({
			reason: 'bad-timestamp',
		});
		expect(
			verifySendGrid({ rawBody: PAYLOAD, headers: headers() }, { publicKey: '' }),
		).toMatchObject({ reason: 'missing-credential' });
		expect(
			verifySendGrid({ rawBody: PAYLOAD, headers: headers() }, { publicKey: 'bm90IGEga2V5' }),
		).toMatchObject({
			reason: 'missing-credential',
		});
		expect(verifySendGrid({ rawBody: PAYLOAD, headers: headers() }, undefined)).toMatchObject({
			reason: 'missing-credential',
		});
	});
});

describe('SendGrid event batch normalisation', () => {
	// Shape of the docs example array (twilio.com/docs/sendgrid/for-developers/tracking-events/event).
	const batch = [
		{
			email: 'a@example.com',
			timestamp: NOW_SECONDS - 60,
			'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
			event: 'processed',
			category: ['cat facts'],
			sg_event_id: 'rbtnWrG1DVDGGGFHFyun0A==',
			sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
			marketing_campaign_id: 12345,
		},
		{
			email: 'a@example.com',
			timestamp: NOW_SECONDS - 50,
			event: 'deferred',
			sg_event_id: 'e2',
			sg_message_id: 'm1',
		},
		{
			email: 'a@example.com',
			timestamp: NOW_SECONDS - 40,
			event: 'delivered',
			sg_event_id: 'e3',
			sg_message_id: 'm1',
		},
		{
			email: 'a@example.com',
			timestamp: NOW_SECONDS - 30,
			event: 'open',
			sg_machine_open: true,
			useragent: 'Mozilla/5.0',
			sg_event_id: 'e4',
			sg_message_id: 'm1',
		},
		{
			email: 'a@example.com',
			timestamp: NOW_SECONDS - 20,
			event: 'open',
			sg_machine_open: false,
			sg_event_id: 'e5',
			sg_message_id: 'm1',
		},
		{
			email: 'a@example.com',
			timestamp: NOW_SECONDS - 10,
			event: 'click',
			url: 'https://example.com/x',
			sg_event_id: 'e6',
			sg_message_id: 'm1',
			category: 'spring',
		},
		{
			email: 'b@example.com',
			timestamp: NOW_SECONDS - 5,
			event: 'spamreport',
			sg_message_id: 'm2',
		},
		{
			email: 'b@example.com',
			timestamp: NOW_SECONDS - 4,
			event: 'group_unsubscribe',
			sg_event_id: 'e8',
			asm_group_id: 1,
		},
		{
			email: 'b@example.com',
			timestamp: NOW_SECONDS - 3,
			event: 'bounce',
			type: 'blocked',
			sg_event_id: 'e9',
		},
	];
	const body = JSON.stringify(batch);
	const keys = sendGridKeys();
	const result = verifySendGrid(
		{ rawBody: body, headers: sendGridHeaders(keys.privateKey, body) },
		{ publicKey: keys.publicKey },
		{ now: NOW },
	);

	it('maps every event type and ignores deferrals', () => {
		if (!result.ok) throw new Error(result.message);
		expect(result.events.map((event) => event.type)).toEqual([
			'sent',
			'delivered',
			'open',
			'open',
			'click',
			'complaint',
			'unsubscribe',
			'bounce',
		]);
		expect(result.ignored).toEqual([
			{ index: 1, providerEventType: 'deferred', reason: 'event type not mapped' },
		]);
	});

	it('reads seconds timestamps, ids, campaign, url, user agent and sg_machine_open', () => {
		if (!result.ok) throw new Error(result.message);
		const [sent, , machineOpen, humanOpen, click, complaint] = result.events;
		expect(sent).toMatchObject({
			contactId: 'a@example.com',
			timestamp: new Date((NOW_SECONDS - 60) * 1000).toISOString(),
			eventId: 'rbtnWrG1DVDGGGFHFyun0A==',
			messageId: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
			campaignId: '12345',
			channel: 'email',
			provider: 'sendgrid',
			providerEventType: 'processed',
		});
		expect(machineOpen).toMatchObject({ machine: true, userAgent: 'Mozilla/5.0' });
		expect(humanOpen.machine).toBe(false);
		expect(click).toMatchObject({ url: 'https://example.com/x', campaignId: 'spring' });
		expect(click).not.toHaveProperty('machine');
		// No sg_event_id: a stable key hashed from the event, the same on a retry.
		expect(complaint.eventId).toMatch(/^[0-9a-f]{32}$/);
		const again = verifySendGrid(
			{ rawBody: body, headers: sendGridHeaders(keys.privateKey, body) },
			{ publicKey: keys.publicKey },
			{ now: NOW },
		);
		expect(again.ok && again.events[5].eventId).toBe(complaint.eventId);
	});

	it('rejects a signed body that is not JSON as malformed', () => {
		const text = 'not json';
		expect(
			verifySendGrid(
				{ rawBody: text, headers: sendGridHeaders(keys.privateKey, text) },
				{ publicKey: keys.publicKey },
				{ now: NOW },
			),
		).toMatchObject({
			ok: false,
			reason: 'malformed-body',
		});
	});
});
