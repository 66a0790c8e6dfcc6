import { verifyMandrill } from '../../../lib/providers';
import { mandrillRequest, NOW_SECONDS } from './signing';

const URL = 'http://username:password@testserver/anymail/mandrill/';

describe('Mailchimp Transactional (Mandrill) webhook (base64 HMAC-SHA1 of url + sorted params)', () => {
	it('matches the value computed from anymail test inputs (esp-webhooks.md vector 6)', () => {
		const rawBody = new URLSearchParams({ mandrill_events: '[{"event": "send"}]' }).toString();
		const result = verifyMandrill(
			{ rawBody, headers: { 'X-Mandrill-Signature': 'QUXzqdBD/L/blycKYMxJ4PJv7ek=' } },
			{ webhookSecret: 'TEST_WEBHOOK_KEY', webhookUrl: URL },
		);
		// Verified; the bare event has no recipient or timestamp so it is ignored, not invented.
		expect(result).toMatchObject({
			ok: true,
			events: [],
			ignored: [{ providerEventType: 'send', reason: 'no recipient' }],
		});
	});

	it('answers the unsigned HEAD URL check without events', () => {
		expect(verifyMandrill({ rawBody: '', headers: {}, method: 'HEAD' }, undefined)).toEqual({
			ok: true,
			events: [],
			ignored: [],
			control: { kind: 'ping' },
		});
	});

	// Event shapes as in influxdata/telegraf plugins/inputs/webhooks/mandrill/testdata.
	const events = [
		{
			event: 'send',
			ts: NOW_SECONDS - 100,
			_id: 'msg1',
			msg: { email: 'a@example.com', tags: ['welcome'], metadata: {} },
		},
		{
			event: 'open',
			ts: NOW_SECONDS - 50,
			_id: 'msg1',
			user_agent: 'GoogleImageProxy',
			user_agent_parsed: { type: 'robot' },
			msg: { email: 'a@example.com', metadata: { campaign_id: 'c1' } },
		},
		{
			event: 'click',
			ts: NOW_SECONDS - 40,
			_id: 'msg1',
			url: 'https://x.test/',
			user_agent_parsed: { type: 'Browser' },
			msg: { email: 'a@example.com' },
		},
		{ event: 'soft_bounce', ts: NOW_SECONDS - 30, _id: 'msg2', msg: { email: 'b@example.com' } },
		{ event: 'hard_bounce', ts: NOW_SECONDS - 20, _id: 'msg3', msg: { email: 'c@example.com' } },
		{ type: 'blacklist', action: 'add', reject: { email: 'd@example.com' } },
	];

	it('normalises a batch: machine robot opens, stable ids, tags as campaign', () => {
		const request = mandrillRequest('key', URL, events);
		const result = verifyMandrill(request, { webhookSecret: 'key', webhookUrl: URL });
		if (!result.ok) throw new Error(result.message);
		expect(result.events.map((event) => [event.type, event.machine])).toEqual([
			['sent', undefined],
			['open', true],
			['click', false],
			['bounce', undefined],
		]);
		expect(result.events[0]).toMatchObject({
			campaignId: 'welcome',
			messageId: 'msg1',
			timestamp: new Date((NOW_SECONDS - 100) * 1000).toISOString(),
		});
		expect(result.events[1]).toMatchObject({ campaignId: 'c1', userAgent: 'GoogleImageProxy' });
		expect(new Set(result.events.map((event) => event.eventId)).size).toBe(4);
		expect(result.ignored.map((ignored) => ignored.providerEventType)).toEqual([
			'soft_bounce',
			'blacklist',
		]);
	});

	it('rejects a wrong key, another registered URL, a tampered body and a missing header', () => {
		const request = mandrillRequest('key', URL, events);
		expect(verifyMandrill(request, { webhookSecret: 'nope', webhookUrl: URL })).toMatchObject({
			reason: 'bad-signature',
		});
		expect(
			verifyMandrill(request, {
				webhookSecret: 'key',
				webhookUrl: 'http://testserver/anymail/mandrill/',
			}),
		).toMatchObject({
			reason: 'bad-signature',
		});
		expect(
			verifyMandrill(
				{ ...request, rawBody: request.rawBody.replace('welcome', 'welcomf') },
				{ webhookSecret: 'key', webhookUrl: URL },
			),
		).toMatchObject({
			reason: 'bad-signature',
		});
		expect(
			verifyMandrill(
				{ rawBody: request.rawBody, headers: {} },
				{ webhookSecret: 'key', webhookUrl: URL },
			),
		).toMatchObject({
			reason: 'missing-signature',
		});
		expect(verifyMandrill(request, { webhookSecret: 'key' })).toMatchObject({
			reason: 'missing-credential',
		});
	});
});
