import { createHmac } from 'node:crypto';

import { verifyCustomerIo, verifyMailgun, type MailgunCredential } from '../../../lib/providers';
import { customerIoHeaders, mailgunBody, NOW, NOW_SECONDS } from './signing';

describe('Mailgun webhook signature (hex HMAC-SHA256 of timestamp + token)', () => {
	const key = 'TEST_WEBHOOK_SIGNING_KEY';

	it('matches the value computed from anymail test inputs (esp-webhooks.md vector 6)', () => {
		// anymail tests: key TEST_WEBHOOK_SIGNING_KEY, ts 1534108637, token 6518…1235c38fc92824.
		const timestamp = '1534108637';
		const token = '651869375b9df3c98fc15c4889b102119add1235c38fc92824';
		const body = JSON.stringify({
			signature: {
				timestamp,
				token,
				signature: '2a75affe24846ead9e37e614a5e7643a04abf4d5b49b34d224ede9af23a00ccc',
			},
			'event-data': {
				event: 'delivered',
				recipient: 'r@example.com',
				timestamp: 1534108637.153125,
			},
		});
		const result = verifyMailgun(
			{ rawBody: body, headers: {} },
			{ signingSecret: key },
			{ now: 1534108637_000 },
		);
		expect(result).toMatchObject({ ok: true, events: [{ type: 'delivered', eventId: token }] });
	});

	it('returns the signed string as a single-use nonce: the signature covers no event-data, nor where the token starts', () => {
		// The anymail vector again: its token starts with three digits, which can move into the timestamp, read then as
		// milliseconds of the same instant. The HMAC still matches, the token (event id) differs, the nonce does not.
		const signature = '2a75affe24846ead9e37e614a5e7643a04abf4d5b49b34d224ede9af23a00ccc';
		const token = '651869375b9df3c98fc15c4889b102119add1235c38fc92824';
		const body = (timestamp: string, tokenPart: string, eventData: object) =>
			JSON.stringify({
				signature: { timestamp, token: tokenPart, signature },
				'event-data': eventData,
			});
		const verify = (rawBody: string) =>
			verifyMailgun({ rawBody, headers: {} }, { signingSecret: key }, { now: 1534108637_000 });
		const genuine = verify(
			body('1534108637', token, {
				event: 'failed',
				severity: 'temporary',
				recipient: 'r@example.com',
			}),
		);
		const forged = verify(
			body('1534108637651', token.slice(3), {
				event: 'clicked',
				recipient: 'victim@example.com',
				timestamp: 1534108637,
			}),
		);
		expect(genuine).toMatchObject({ ok: true, events: [], nonce: `1534108637${token}` });
		expect(forged).toMatchObject({
			ok: true,
			events: [{ type: 'click', eventId: token.slice(3) }],
			nonce: `1534108637${token}`,
		});
	});

	// Mailgun docs payload shape (documentation.mailgun.com … webhook-payloads), opened by Apple MPP.
	const opened = {
		id: 'Ase7i2zsRYeDXztHGENqRA',
		timestamp: NOW_SECONDS - 2.5,
		event: 'opened',
		recipient: 'alice@example.com',
		tags: ['spring-sale'],
		'client-info': { 'client-type': 'browser', 'user-agent': 'Mozilla/5.0', bot: 'apple' },
		message: { headers: { 'message-id': '20130503182626.18666.16540@example.com' } },
		'user-variables': { campaign_id: 'cmp-7' },
	};

	it('normalises an opened event: float seconds, message id, campaign, client-info.bot → machine', () => {
		const result = verifyMailgun(
			{ rawBody: mailgunBody(key, opened), headers: {} },
			{ signingSecret: key },
			{ now: NOW },
		);
		expect(result).toMatchObject({
			ok: true,
			events: [
				{
					type: 'open',
					contactId: 'alice@example.com',
					timestamp: new Date((NOW_SECONDS - 2.5) * 1000).toISOString(),
					messageId: '20130503182626.18666.16540@example.com',
					campaignId: 'cmp-7',
					userAgent: 'Mozilla/5.0',
					machine: true,
					eventId: 'a'.repeat(50),
				},
			],
		});
	});

	it('maps failed by severity: permanent → bounce, temporary → ignored; clicked with empty bot is human', () => {
		const permanent = verifyMailgun(
			{
				rawBody: mailgunBody(key, { ...opened, event: 'failed', severity: 'permanent' }),
				headers: {},
			},
			{ signingSecret: key },
			{ now: NOW },
		);
		const temporary = verifyMailgun(
			{
				rawBody: mailgunBody(key, { ...opened, event: 'failed', severity: 'temporary' }),
				headers: {},
			},
			{ signingSecret: key },
			{ now: NOW },
		);
		const clicked = verifyMailgun(
			{
				rawBody: mailgunBody(key, {
					...opened,
					event: 'clicked',
					url: 'https://x.test/',
					'client-info': { bot: '' },
				}),
				headers: {},
			},
			{ signingSecret: key },
			{ now: NOW },
		);
		expect(permanent).toMatchObject({ ok: true, events: [{ type: 'bounce' }] });
		expect(temporary).toMatchObject({
			ok: true,
			events: [],
			ignored: [{ providerEventType: 'failed' }],
		});
		expect(clicked).toMatchObject({
			ok: true,
			events: [{ type: 'click', machine: false, url: 'https://x.test/' }],
		});
	});

	it('accepts a legacy form-encoded webhook', () => {
		const timestamp = String(NOW_SECONDS);
		const token = 'legacy-token-0123456789';
		const signature = createHmac('sha256', key)
			.update(timestamp + token)
			.digest('hex');
		const form = new URLSearchParams({
			event: 'clicked',
			recipient: 'bob@example.com',
			url: 'https://x.test/',
			timestamp,
			token,
			signature,
		}).toString();
		expect(
			verifyMailgun({ rawBody: form, headers: {} }, { signingSecret: key }, { now: NOW }),
		).toMatchObject({
			ok: true,
			events: [{ type: 'click', contactId: 'bob@example.com', eventId: token }],
		});
	});

	it('rejects a wrong key, a tampered token, a stale timestamp and a missing signature', () => {
		const body = mailgunBody(key, opened);
		expect(
			verifyMailgun({ rawBody: body, headers: {} }, { signingSecret: 'other' }, { now: NOW }),
		).toMatchObject({ reason: 'bad-signature' });
		expect(
			verifyMailgun(
				{ rawBody: body.replace('"token":"a', '"token":"b'), headers: {} },
				{ signingSecret: key },
				{ now: NOW },
			),
		).toMatchObject({
			reason: 'bad-signature',
		});
		expect(
			verifyMailgun(
				{ rawBody: mailgunBody(key, opened, String(NOW_SECONDS - 301)), headers: {} },
				{ signingSecret: key },
				{ now: NOW },
			),
		).toMatchObject({
			reason: 'stale-timestamp',
		});
		const unsigned = JSON.stringify({ 'event-data': opened });
		expect(
			verifyMailgun({ rawBody: unsigned, headers: {} }, { signingSecret: key }, { now: NOW }),
		).toMatchObject({ reason: 'missing-signature' });
		expect(
			verifyMailgun({ rawBody: body, headers: {} }, { signingSecret: '' }, { now: NOW }),
		).toMatchObject({ reason: 'missing-credential' });
	});
});

describe('Mailgun subaccount events (signature and parent-signature)', () => {
	// The docs' example signature block (documentation.mailgun.com … securing-webhooks) publishes no key, so the
	// signatures are computed here from the documented algorithm with keys of our own.
	const timestamp = '1770920772';
	const token = 'e0b5477167110d68991efc6b9f89f0a11066af27834600e123';
	const now = Number(timestamp) * 1000;
	const subKey = 'key-subaccount-0000000000000000';
	const parentKey = 'key-primary-11111111111111111111';
	const delivered = {
		event: 'delivered',
		recipient: 'sub@example.com',
		timestamp: Number(timestamp),
	};
	const body = mailgunBody(subKey, delivered, timestamp, token, parentKey);
	const check = (credential: MailgunCredential, rawBody = body, at = now) =>
		verifyMailgun({ rawBody, headers: {} }, credential, { now: at });

	it('carries the documented fields: timestamp, token, signature, parent-signature', () => {
		const signature = JSON.parse(body).signature;
		const hex = (key: string) =>
			createHmac('sha256', key)
				.update(timestamp + token)
				.digest('hex');
		expect(signature).toEqual({
			timestamp,
			token,
			signature: hex(subKey),
			'parent-signature': hex(parentKey),
		});
	});

	it("accepts the subaccount's own key, the parent key, or both", () => {
		const accepted = { ok: true, events: [{ type: 'delivered', eventId: token }] };
		expect(check({ signingSecret: subKey })).toMatchObject(accepted);
		expect(check({ signingSecret: subKey, parentSigningSecret: parentKey })).toMatchObject(
			accepted,
		);
		// An endpoint that takes several subaccounts' events: the primary account's key in both fields.
		expect(check({ signingSecret: parentKey, parentSigningSecret: parentKey })).toMatchObject(
			accepted,
		);
		// A primary account's own domain signs `signature` with the primary key and adds no parent-signature.
		expect(
			check(
				{ signingSecret: parentKey, parentSigningSecret: parentKey },
				mailgunBody(parentKey, delivered, timestamp, token),
			),
		).toMatchObject(accepted);
	});

	it('rejects a wrong parent key, a parent-signature checked as the own one, tampering and a stale timestamp', () => {
		const bad = { ok: false, reason: 'bad-signature' };
		expect(check({ signingSecret: 'other', parentSigningSecret: 'other-parent' })).toMatchObject(
			bad,
		);
		// The parent key is only ever compared with parent-signature, never with signature.
		expect(check({ signingSecret: parentKey })).toMatchObject(bad);
		// Without a parent-signature in the body, the parent key alone proves nothing.
		expect(
			check(
				{ signingSecret: 'other', parentSigningSecret: parentKey },
				mailgunBody(subKey, delivered, timestamp, token),
			),
		).toMatchObject(bad);
		// Both signatures cover timestamp + token: changing either breaks them.
		const tampered = body.replace(`"token":"${token}"`, `"token":"f${token.slice(1)}"`);
		expect(tampered).not.toBe(body);
		expect(
			check({ signingSecret: 'other', parentSigningSecret: parentKey }, tampered),
		).toMatchObject(bad);
		const retimed = body.replace(
			`"timestamp":"${timestamp}"`,
			`"timestamp":"${Number(timestamp) + 1}"`,
		);
		expect(retimed).not.toBe(body);
		expect(check({ signingSecret: subKey, parentSigningSecret: parentKey }, retimed)).toMatchObject(
			bad,
		);
		// A parent-signature made with another primary account's key.
		expect(
			check(
				{ signingSecret: 'other', parentSigningSecret: parentKey },
				mailgunBody(subKey, delivered, timestamp, token, 'key-someone-else'),
			),
		).toMatchObject(bad);
		// Valid signatures outside the replay window.
		expect(
			check({ signingSecret: 'other', parentSigningSecret: parentKey }, body, now + 301_000),
		).toMatchObject({ ok: false, reason: 'stale-timestamp' });
		expect(check({ signingSecret: subKey }, body, now - 301_000)).toMatchObject({
			ok: false,
			reason: 'stale-timestamp',
		});
	});

	it('reads parent-signature from a legacy form-encoded webhook too', () => {
		const sign = (key: string) =>
			createHmac('sha256', key)
				.update(timestamp + token)
				.digest('hex');
		const form = new URLSearchParams({
			event: 'opened',
			recipient: 'sub@example.com',
			timestamp,
			token,
			signature: sign(subKey),
			'parent-signature': sign(parentKey),
		}).toString();
		expect(check({ signingSecret: 'other', parentSigningSecret: parentKey }, form)).toMatchObject({
			ok: true,
			events: [{ type: 'open', eventId: token }],
		});
	});
});

describe('Customer.io reporting webhook (hex HMAC-SHA256 of v0:timestamp:body)', () => {
	it('matches the value computed from the n8n CustomerIo test inputs (esp-webhooks.md vector 6)', () => {
		const body = '{"event_id":"01E4E0XXXXXXXXX","event_type":"email_delivered"}';
		const headers = {
			'X-CIO-Timestamp': '1531420618',
			'X-CIO-Signature': '7bca8f8fdc07afec050b74a958cc2e60954851395e2836c21a30bec6ef458a7f',
		};
		const result = verifyCustomerIo(
			{ rawBody: body, headers },
			{ signingSecret: 'test-signing-key' },
			{ now: 1531420618_000 },
		);
		// Signature passes; the body has no metric, so the event is ignored rather than guessed.
		expect(result).toMatchObject({
			ok: true,
			events: [],
			ignored: [{ reason: 'event type not mapped' }],
		});
	});

	const key = 'cio-secret';
	const event = (metric: string, data: object) =>
		JSON.stringify({
			event_id: `01HZ${metric}`,
			object_type: 'email',
			metric,
			timestamp: NOW_SECONDS - 5,
			data,
		});

	it('normalises metric, identifiers, delivery id, campaign kind and href', () => {
		const clicked = event('clicked', {
			identifiers: { id: '42', email: 'c@example.com' },
			delivery_id: 'dlv1',
			broadcast_id: 9,
			href: 'https://x.test/p',
		});
		const converted = event('converted', { customer_id: '42', campaign_id: 3 });
		const a = verifyCustomerIo(
			{ rawBody: clicked, headers: customerIoHeaders(key, clicked) },
			{ signingSecret: key },
			{ now: NOW },
		);
		const b = verifyCustomerIo(
			{ rawBody: converted, headers: customerIoHeaders(key, converted) },
			{ signingSecret: key },
			{ now: NOW },
		);
		expect(a).toMatchObject({
			ok: true,
			events: [
				{
					type: 'click',
					contactId: 'c@example.com',
					eventId: '01HZclicked',
					messageId: 'dlv1',
					campaignId: '9',
					campaignKind: 'broadcast',
					url: 'https://x.test/p',
					channel: 'email',
				},
			],
		});
		expect(b).toMatchObject({
			ok: true,
			events: [
				{ type: 'conversion', contactId: '42', campaignId: '3', campaignKind: 'automation' },
			],
		});
	});

	it('rejects a wrong key, a tampered body, a stale timestamp and missing headers', () => {
		const body = event('opened', { identifiers: { email: 'c@example.com' } });
		const headers = customerIoHeaders(key, body);
		expect(
			verifyCustomerIo({ rawBody: body, headers }, { signingSecret: 'wrong' }, { now: NOW }),
		).toMatchObject({ reason: 'bad-signature' });
		expect(
			verifyCustomerIo(
				{ rawBody: body.replace('opened', 'clicked'), headers },
				{ signingSecret: key },
				{ now: NOW },
			),
		).toMatchObject({
			reason: 'bad-signature',
		});
		expect(
			verifyCustomerIo(
				{ rawBody: body, headers: customerIoHeaders(key, body, String(NOW_SECONDS + 400)) },
				{ signingSecret: key },
				{ now: NOW },
			),
		).toMatchObject({
			reason: 'stale-timestamp',
		});
		expect(
			verifyCustomerIo({ rawBody: body, headers: {} }, { signingSecret: key }, { now: NOW }),
		).toMatchObject({ reason: 'missing-signature' });
		expect(
			verifyCustomerIo(
				{ rawBody: body, headers: { 'x-cio-signature': headers['x-cio-signature'] } },
				{ signingSecret: key },
				{ now: NOW },
			),
		).toMatchObject({
			reason: 'missing-header',
		});
	});
});
