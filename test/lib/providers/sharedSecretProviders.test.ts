import {
	checkCustomJsonMapping,
	verifyWebhook,
	verifyBrevo,
	verifyCustomJson,
	verifyPostmark,
	verifySparkPost,
	DEFAULT_CUSTOM_MAPPING,
	parseTypeMap,
} from '../../../lib/providers';
import { basicAuth, NOW, NOW_SECONDS } from './signing';

const basic = { authType: 'basicAuth' as const, username: 'hook', password: 's3cret' };
const token = { authType: 'headerToken' as const, headerName: 'Authorization', token: 'tok_abc' };

describe('basic auth / token check for providers that sign nothing', () => {
	const body = JSON.stringify({
		RecordType: 'Open',
		Recipient: 'a@example.com',
		ReceivedAt: '2019-11-05T16:33:54.9070259Z',
		MessageID: 'm',
	});

	it('accepts the right basic auth and the right token (bare or Bearer, any header name)', () => {
		expect(verifyPostmark({ rawBody: body, headers: basicAuth('hook', 's3cret') }, basic).ok).toBe(
			true,
		);
		expect(
			verifyPostmark({ rawBody: body, headers: { authorization: 'Bearer tok_abc' } }, token).ok,
		).toBe(true);
		expect(verifyPostmark({ rawBody: body, headers: { authorization: 'tok_abc' } }, token).ok).toBe(
			true,
		);
		expect(
			verifyPostmark(
				{ rawBody: body, headers: { 'X-Webhook-Token': 'tok_abc' } },
				{ ...token, headerName: 'x-webhook-token' },
			).ok,
		).toBe(true);
	});

	it.each([
		['a wrong password', basicAuth('hook', 's3creT'), basic, 'unauthorized'],
		['a wrong user', basicAuth('hooks', 's3cret'), basic, 'unauthorized'],
		['no Authorization header', {}, basic, 'missing-header'],
		[
			'a bearer token where basic auth is set',
			{ authorization: 'Bearer tok_abc' },
			basic,
			'unauthorized',
		],
		['a wrong token', { authorization: 'Bearer tok_abd' }, token, 'unauthorized'],
		['a token prefix', { authorization: 'Bearer tok_ab' }, token, 'unauthorized'],
		[
			'an empty configured password',
			basicAuth('', ''),
			{ authType: 'basicAuth' as const },
			'missing-credential',
		],
		[
			'an empty configured token',
			{ authorization: 'Bearer ' },
			{ ...token, token: '' },
			'missing-credential',
		],
	])('rejects %s', (_, headers, credential, reason) => {
		expect(verifyPostmark({ rawBody: body, headers }, credential)).toMatchObject({
			ok: false,
			reason,
		});
	});
});

describe('Postmark', () => {
	// Payload shapes from anymail tests/test_postmark_webhooks.py and postmarkapp.com webhook docs.
	const records = [
		{
			RecordType: 'Delivery',
			Recipient: 'a@example.com',
			DeliveredAt: '2019-11-05T16:33:54-05:00',
			MessageID: 'm1',
			Tag: 'welcome',
			MessageStream: 'outbound',
		},
		{
			RecordType: 'Open',
			Recipient: 'a@example.com',
			ReceivedAt: '2019-11-05T16:40:00Z',
			MessageID: 'm1',
			FirstOpen: true,
			UserAgent: 'Mozilla/5.0',
			Metadata: { campaign_id: 'c9' },
		},
		{
			RecordType: 'Click',
			Recipient: 'a@example.com',
			ReceivedAt: '2019-11-05T16:41:00Z',
			MessageID: 'm1',
			OriginalLink: 'https://example.com',
		},
		{
			RecordType: 'Bounce',
			// eslint-disable-next-line no-loss-of-precision -- Postmark's documented example ID, past 2^53
			ID: 4323372036854775807,
			Type: 'HardBounce',
			Email: 'b@example.com',
			BouncedAt: '2019-11-05T16:33:54Z',
			MessageID: 'm2',
		},
		{
			RecordType: 'Bounce',
			ID: 1,
			Type: 'SoftBounce',
			Email: 'c@example.com',
			BouncedAt: '2019-11-05T16:33:54Z',
			MessageID: 'm3',
		},
		{
			RecordType: 'SpamComplaint',
			ID: 2,
			Email: 'd@example.com',
			BouncedAt: '2019-11-05T16:33:54Z',
			MessageID: 'm4',
		},
		{
			RecordType: 'SubscriptionChange',
			Recipient: 'e@example.com',
			ChangedAt: '2020-02-01T10:53:34Z',
			SuppressSending: true,
			SuppressionReason: 'ManualSuppression',
			MessageID: 'm5',
		},
	];

	it('maps record types, reads ISO times with offsets, and hashes ids where Postmark gives none', () => {
		const result = verifyPostmark(
			{ rawBody: JSON.stringify(records), headers: basicAuth('hook', 's3cret') },
			basic,
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.events.map((event) => event.type)).toEqual([
			'delivered',
			'open',
			'click',
			'bounce',
			'complaint',
			'unsubscribe',
		]);
		expect(result.events[0]).toMatchObject({
			timestamp: '2019-11-05T21:33:54.000Z',
			campaignId: 'welcome',
			messageId: 'm1',
		});
		expect(result.events[1]).toMatchObject({ campaignId: 'c9', userAgent: 'Mozilla/5.0' });
		expect(result.events[2].url).toBe('https://example.com');
		expect(result.events[3].eventId).toBe('4323372036854776000');
		expect(result.events[0].eventId).toMatch(/^[0-9a-f]{32}$/);
		expect(result.ignored).toEqual([
			{ index: 4, providerEventType: 'Bounce', reason: 'event type not mapped' },
		]);
	});
});

describe('Brevo', () => {
	const events = [
		{
			event: 'request',
			email: 'a@example.com',
			'message-id': '<m1@smtp-relay>',
			ts_epoch: NOW - 5000,
			tag: 'welcome',
		},
		{
			event: 'unique_proxy_open',
			email: 'a@example.com',
			'message-id': '<m1@smtp-relay>',
			ts_epoch: NOW - 4000,
		},
		{
			event: 'opened',
			email: 'a@example.com',
			'message-id': '<m1@smtp-relay>',
			ts_event: NOW_SECONDS - 3,
		},
		{
			event: 'click',
			email: 'a@example.com',
			'message-id': '<m1@smtp-relay>',
			ts: NOW_SECONDS - 2,
			link: 'https://x.test/',
		},
		{ event: 'soft_bounce', email: 'b@example.com', ts_epoch: NOW },
		{
			event: 'unsubscribe',
			email: 'c@example.com',
			camp_id: 42,
			URL: 'https://x.test/u',
			ts_event: NOW_SECONDS,
		},
	];

	it('reads a batched array: ms / s timestamps, proxy opens as machine opens, marketing camp_id', () => {
		const result = verifyBrevo(
			{ rawBody: JSON.stringify(events), headers: { authorization: 'Bearer tok_abc' } },
			token,
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.events.map((event) => [event.type, event.machine])).toEqual([
			['sent', undefined],
			['open', true],
			['open', false],
			['click', false],
			['unsubscribe', undefined],
		]);
		expect(result.events[0].timestamp).toBe(new Date(NOW - 5000).toISOString());
		expect(result.events[2].timestamp).toBe(new Date(NOW - 3000).toISOString());
		expect(result.events[4]).toMatchObject({ campaignId: '42', url: 'https://x.test/u' });
		expect(new Set(result.events.map((event) => event.eventId)).size).toBe(5);
	});

	it('reads a single event object and rejects a missing token', () => {
		const one = JSON.stringify(events[3]);
		expect(
			verifyBrevo({ rawBody: one, headers: { authorization: 'Bearer tok_abc' } }, token),
		).toMatchObject({ ok: true, events: [{ type: 'click' }] });
		expect(verifyBrevo({ rawBody: one, headers: {} }, token)).toMatchObject({
			ok: false,
			reason: 'missing-header',
		});
	});
});

describe('SparkPost', () => {
	const batch = [
		{
			msys: {
				message_event: {
					type: 'delivery',
					event_id: '92356927693813856',
					rcpt_to: 'a@example.com',
					timestamp: String(NOW_SECONDS - 10),
					message_id: '000443ee14578172be22',
					campaign_id: 'Spring',
					transmission_id: '65832150921904138',
				},
			},
		},
		{
			msys: {
				track_event: {
					type: 'click',
					event_id: '92356927693813857',
					rcpt_to: 'a@example.com',
					timestamp: String(NOW_SECONDS - 5),
					target_link_url: 'https://x.test/',
					user_agent: 'Mozilla/5.0',
					campaign_id: 'Spring',
				},
			},
		},
		{
			msys: {
				track_event: {
					type: 'initial_open',
					event_id: '3',
					raw_rcpt_to: 'B@example.com',
					timestamp: String(NOW_SECONDS),
				},
			},
		},
		{
			msys: {
				message_event: {
					type: 'delay',
					event_id: '4',
					rcpt_to: 'c@example.com',
					timestamp: String(NOW_SECONDS),
				},
			},
		},
		{
			msys: {
				unsubscribe_event: {
					type: 'link_unsubscribe',
					event_id: '5',
					rcpt_to: 'd@example.com',
					timestamp: String(NOW_SECONDS),
				},
			},
		},
	];

	it('unwraps msys classes, reads string seconds, keeps event ids', () => {
		const result = verifySparkPost(
			{ rawBody: JSON.stringify(batch), headers: basicAuth('hook', 's3cret') },
			basic,
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.events.map((event) => [event.type, event.eventId])).toEqual([
			['delivered', '92356927693813856'],
			['click', '92356927693813857'],
			['open', '3'],
			['unsubscribe', '5'],
		]);
		expect(result.events[0]).toMatchObject({
			campaignId: 'Spring',
			messageId: '000443ee14578172be22',
			timestamp: new Date((NOW_SECONDS - 10) * 1000).toISOString(),
		});
		expect(result.events[1]).toMatchObject({ url: 'https://x.test/', userAgent: 'Mozilla/5.0' });
		expect(result.events[2].contactId).toBe('B@example.com');
	});

	it('answers the creation ping {"msys":{}} as a ping, and still demands auth for it', () => {
		const ping = JSON.stringify([{ msys: {} }]);
		expect(
			verifySparkPost({ rawBody: ping, headers: basicAuth('hook', 's3cret') }, basic),
		).toMatchObject({ ok: true, events: [], control: { kind: 'ping' } });
		expect(verifySparkPost({ rawBody: ping, headers: {} }, basic)).toMatchObject({ ok: false });
	});
});

describe('Custom JSON field mapping', () => {
	it("throws on a mapping that cannot work (the caller's configuration), rather than answering every request 401", async () => {
		const request = { rawBody: '{}', headers: basicAuth('hook', 's3cret') };
		const broken = {
			...DEFAULT_CUSTOM_MAPPING,
			typeMap: { looked: 'opn' as never },
		};
		await expect(verifyWebhook('customJson', request, basic, { mapping: broken })).rejects.toThrow(
			/opn/,
		);
		const badKind = { ...DEFAULT_CUSTOM_MAPPING, campaignKindValues: { receipt: 'mail' as never } };
		expect(() => checkCustomJsonMapping(badKind)).toThrow(/mail/);
		// a good mapping, and a request without the secret, still come back as results
		await expect(
			verifyWebhook('customJson', { rawBody: '{}', headers: {} }, basic, {
				mapping: DEFAULT_CUSTOM_MAPPING,
			}),
		).resolves.toMatchObject({ ok: false, reason: 'missing-header' });
	});

	const mapping = {
		...DEFAULT_CUSTOM_MAPPING,
		eventsPath: 'payload.items',
		contactField: 'user.email',
		typeField: 'kind',
		timestampField: 'at',
		eventIdField: 'id',
		campaignIdField: 'campaign',
		machineField: 'bot',
		typeMap: parseTypeMap('opened=open,\nlooked=open'), // clicked, signup: library synonyms
	};

	it('reads nested paths, maps type names (own map and library synonyms), and reads seconds, milliseconds and ISO times', () => {
		const body = JSON.stringify({
			payload: {
				items: [
					{
						id: 'e1',
						kind: 'opened',
						user: { email: 'a@example.com' },
						at: NOW_SECONDS,
						bot: 'true',
						campaign: 7,
					},
					{ id: 'e2', kind: 'clicked', user: { email: 'a@example.com' }, at: NOW, bot: false },
					{ kind: 'signup', user: { email: 'b@example.com' }, at: '2025-01-01T00:00:00+02:00' },
					{ kind: 'purchase', user: { email: 'b@example.com' }, at: NOW },
					{ kind: 'viewed', user: { email: 'b@example.com' }, at: NOW },
					{ kind: 'looked', at: NOW },
				],
			},
		});
		const result = verifyCustomJson(
			{ rawBody: body, headers: basicAuth('hook', 's3cret') },
			basic,
			mapping,
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.events).toMatchObject([
			{
				type: 'open',
				eventId: 'e1',
				machine: true,
				campaignId: '7',
				timestamp: new Date(NOW).toISOString(),
			},
			{ type: 'click', eventId: 'e2', timestamp: new Date(NOW).toISOString() },
			{ type: 'subscribe', contactId: 'b@example.com', timestamp: '2024-12-31T22:00:00.000Z' },
			{ type: 'purchase' },
		]);
		expect(result.events[1]).not.toHaveProperty('machine');
		expect(result.events[2].eventId).toMatch(/^[0-9a-f]{32}$/);
		expect(result.ignored).toEqual([
			{ index: 4, providerEventType: 'viewed', reason: 'event type not mapped' },
			{
				index: 5,
				providerEventType: 'looked',
				reason: expect.stringContaining('contactId is missing'),
			},
		]);
	});

	it('reports a type the mapping skips as skipped, an unknown one as not mapped', () => {
		const body = JSON.stringify({
			payload: {
				items: [
					{ kind: 'soft_bounce', user: { email: 'a@example.com' }, at: NOW },
					{ kind: 'ignored-here', user: { email: 'a@example.com' }, at: NOW },
					{ kind: 'viewed', user: { email: 'a@example.com' }, at: NOW },
				],
			},
		});
		const result = verifyCustomJson(
			{ rawBody: body, headers: basicAuth('hook', 's3cret') },
			basic,
			{ ...mapping, typeMap: { ...mapping.typeMap, 'ignored-here': null } },
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.events).toEqual([]);
		expect(result.ignored).toEqual([
			{ index: 0, providerEventType: 'soft_bounce', reason: 'event type skipped' },
			{ index: 1, providerEventType: 'ignored-here', reason: 'event type skipped' },
			{ index: 2, providerEventType: 'viewed', reason: 'event type not mapped' },
		]);
	});

	it('rejects a type map to an unknown type, naming the pair', () => {
		expect(() => parseTypeMap('opened=opened')).toThrow('"opened=opened"');
	});

	it('reports a missing event list as malformed', () => {
		expect(
			verifyCustomJson(
				{ rawBody: '{"payload":{}}', headers: basicAuth('hook', 's3cret') },
				basic,
				mapping,
			),
		).toMatchObject({ reason: 'malformed-body' });
	});
});
