import {
	DEFAULT_CUSTOM_MAPPING,
	verifyResend,
	verifyStandardWebhooksJson,
} from '../../../lib/providers';
import { NOW, NOW_SECONDS, standardHeaders } from './signing';

// Published vector: standard-webhooks libraries/python/tests/test_webhooks.py::test_sign_function
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = '1614265330';
const BODY = '{"test": 2432232314}';
const EXPECTED = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const VECTOR_NOW = Number(TS) * 1000;
const mapping = { ...DEFAULT_CUSTOM_MAPPING, typeField: 'type', contactField: 'email' };

const vectorHeaders = (signature = EXPECTED) => ({
	'webhook-id': ID,
	'webhook-timestamp': TS,
	'webhook-signature': signature,
});

/** Verifies `body` (default: the vector's) with `headers` at the vector's time, under `secret`. */
const verifyVector = (
	headers: Record<string, string>,
	body = BODY,
	now = VECTOR_NOW,
	secret = SECRET,
) => verifyStandardWebhooksJson({ rawBody: body, headers }, { secret }, mapping, { now });

describe('Standard Webhooks signature (base64 HMAC-SHA256 of id.timestamp.body)', () => {
	it('accepts the published vector (the body itself carries no event, so none comes out)', () => {
		expect(verifyVector(vectorHeaders())).toMatchObject({ ok: true, events: [] });
	});

	it('accepts the right signature among several (key rotation) and under svix-* names', () => {
		const rotated = `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= ${EXPECTED}`;
		expect(verifyVector(vectorHeaders(rotated)).ok).toBe(true);
		const svix = { 'svix-id': ID, 'svix-timestamp': TS, 'svix-signature': EXPECTED };
		expect(verifyVector(svix).ok).toBe(true);
	});

	it('rejects the published known-bad signature, a v1a-only header and a wrong secret', () => {
		expect(
			verifyVector(vectorHeaders('v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=')),
		).toMatchObject({ reason: 'bad-signature' });
		expect(verifyVector(vectorHeaders(EXPECTED.replace('v1,', 'v1a,')))).toMatchObject({
			reason: 'bad-signature',
		});
		expect(
			verifyVector(vectorHeaders(), BODY, VECTOR_NOW, 'whsec_AAAAAAAAAAAAAAAAAAAAAAAA'),
		).toMatchObject({ reason: 'bad-signature' });
	});

	it('rejects a tampered body, a changed id, a stale or future timestamp and missing headers', () => {
		expect(verifyVector(vectorHeaders(), '{"test": 2432232315}')).toMatchObject({
			reason: 'bad-signature',
		});
		expect(verifyVector({ ...vectorHeaders(), 'webhook-id': 'msg_other' })).toMatchObject({
			reason: 'bad-signature',
		});
		expect(verifyVector(vectorHeaders(), BODY, VECTOR_NOW + 301_000)).toMatchObject({
			reason: 'stale-timestamp',
		});
		expect(verifyVector(vectorHeaders(), BODY, VECTOR_NOW - 301_000)).toMatchObject({
			reason: 'stale-timestamp',
		});
		expect(verifyVector({ 'webhook-timestamp': TS, 'webhook-signature': EXPECTED })).toMatchObject({
			reason: 'missing-header',
		});
		expect(verifyVector({ 'webhook-id': ID, 'webhook-timestamp': TS })).toMatchObject({
			reason: 'missing-signature',
		});
		expect(verifyVector({ 'webhook-id': ID, 'webhook-signature': EXPECTED })).toMatchObject({
			reason: 'missing-header',
		});
		expect(verifyVector(vectorHeaders(), BODY, VECTOR_NOW, 'whsec_not base64!')).toMatchObject({
			reason: 'missing-credential',
		});
	});

	it('maps a generic Standard Webhooks body with the field mapping; webhook-id is the event id', () => {
		const body = JSON.stringify({
			type: 'opened',
			timestamp: new Date(NOW).toISOString(),
			email: 'x@example.com',
		});
		const result = verifyStandardWebhooksJson(
			{ rawBody: body, headers: standardHeaders(SECRET, 'msg_1', body) },
			{ secret: SECRET },
			{ ...mapping, typeMap: { opened: 'open' } },
			{ now: NOW },
		);
		expect(result).toMatchObject({
			ok: true,
			events: [
				{
					type: 'open',
					contactId: 'x@example.com',
					eventId: 'msg_1',
					provider: 'standardWebhooks',
				},
			],
		});
	});
});

describe('Resend webhooks (Svix headers)', () => {
	const secret = 'whsec_' + Buffer.from('resend-test-secret-32-bytes-long!').toString('base64');
	// resend.com/docs/webhooks/emails/clicked
	const clicked = {
		type: 'email.clicked',
		created_at: '2024-11-22T23:41:12.126Z',
		data: {
			broadcast_id: '8b146471-e88e-4322-86af-016cd36fd216',
			created_at: '2024-11-22T23:41:11.894719+00:00',
			email_id: '56761188-7520-42d8-8898-ff6fc54ce618',
			from: 'Acme <onboarding@resend.dev>',
			to: ['delivered@resend.dev'],
			click: {
				ipAddress: '122.115.53.11',
				link: 'https://resend.com',
				timestamp: '2024-11-24T05:00:57.163Z',
				userAgent: 'Mozilla/5.0',
			},
			subject: 'Sending this example',
		},
	};

	it('normalises email.clicked: click time, broadcast campaign, link, user agent, svix-id as event id', () => {
		const body = JSON.stringify(clicked);
		const result = verifyResend(
			{
				rawBody: body,
				headers: standardHeaders(secret, 'msg_2p', body, String(NOW_SECONDS), 'svix'),
			},
			{ secret },
			{ now: NOW },
		);
		expect(result).toMatchObject({
			ok: true,
			events: [
				{
					type: 'click',
					contactId: 'delivered@resend.dev',
					timestamp: '2024-11-24T05:00:57.163Z',
					eventId: 'msg_2p',
					messageId: '56761188-7520-42d8-8898-ff6fc54ce618',
					campaignId: '8b146471-e88e-4322-86af-016cd36fd216',
					campaignKind: 'broadcast',
					url: 'https://resend.com',
					userAgent: 'Mozilla/5.0',
				},
			],
		});
	});

	it('fans out one event per recipient with distinct ids, and ignores delivery_delayed', () => {
		const body = JSON.stringify({
			type: 'email.delivered',
			created_at: '2024-11-22T23:41:12.126Z',
			data: { email_id: 'e', to: ['a@x.test', 'b@x.test'] },
		});
		const delayed = JSON.stringify({
			type: 'email.delivery_delayed',
			created_at: '2024-11-22T23:41:12.126Z',
			data: { email_id: 'e', to: ['a@x.test'] },
		});
		const a = verifyResend(
			{ rawBody: body, headers: standardHeaders(secret, 'msg_3', body) },
			{ secret },
			{ now: NOW },
		);
		const b = verifyResend(
			{ rawBody: delayed, headers: standardHeaders(secret, 'msg_4', delayed) },
			{ secret },
			{ now: NOW },
		);
		expect(a.ok && a.events.map((event) => event.eventId)).toEqual([
			'msg_3:a@x.test',
			'msg_3:b@x.test',
		]);
		expect(b).toMatchObject({
			ok: true,
			events: [],
			ignored: [{ providerEventType: 'email.delivery_delayed' }],
		});
	});

	it('rejects a body signed with another secret', () => {
		const body = JSON.stringify(clicked);
		const other = 'whsec_' + Buffer.from('another-secret').toString('base64');
		expect(
			verifyResend(
				{ rawBody: body, headers: standardHeaders(other, 'msg_5', body) },
				{ secret },
				{ now: NOW },
			),
		).toMatchObject({
			reason: 'bad-signature',
		});
	});
});
