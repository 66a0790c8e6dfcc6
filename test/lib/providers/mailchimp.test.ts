import { credentialProblem, verifyMailchimp, verifyWebhook } from '../../../lib/providers';

/**
 * Mailchimp audience webhooks: form-encoded, one event per POST, no signature; the secret is a query parameter of the
 * webhook URL, and Mailchimp checks the URL with a GET first.
 */

const credential = { authType: 'queryToken' as const, queryParameter: 'key', token: 'tok_123' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (
	fields: Record<string, string>,
	query: Record<string, unknown> = { key: 'tok_123' },
) => ({
	rawBody: form(fields),
	headers: { 'content-type': 'application/x-www-form-urlencoded' },
	query,
});

const subscribe = {
	type: 'subscribe',
	fired_at: '2025-01-24 15:30:00',
	'data[id]': '8a25ff1d98',
	'data[list_id]': 'a6b5da1054',
	'data[email]': 'user@example.com',
	'data[email_type]': 'html',
	'data[merges][FNAME]': 'John',
};

describe('Mailchimp audience webhooks', () => {
	it('reads a subscribe: the email, fired_at as UTC, an event id that a retry repeats', () => {
		const result = verifyMailchimp(post(subscribe), credential);
		expect(result).toMatchObject({
			ok: true,
			events: [
				{
					type: 'subscribe',
					contactId: 'user@example.com',
					timestamp: '2025-01-24T15:30:00.000Z',
					channel: 'email',
					provider: 'mailchimp',
					providerEventType: 'subscribe',
				},
			],
			ignored: [],
		});
		const retried = verifyMailchimp(post(subscribe), credential);
		const id = (r: typeof result) => (r.ok ? r.events[0].eventId : undefined);
		expect(id(retried)).toBe(id(result));
		expect(
			id(verifyMailchimp(post({ ...subscribe, fired_at: '2025-01-24 15:30:01' }), credential)),
		).not.toBe(id(result));
	});

	it('unsubscribe and cleaned: leaving, hard bounce, and spam reports (reason abuse) as complaints', () => {
		const typeOf = (fields: Record<string, string>) => {
			const result = verifyMailchimp(post({ ...subscribe, ...fields }), credential);
			return result.ok ? result.events.map((event) => [event.type, event.campaignId]) : result;
		};
		expect(
			typeOf({ type: 'unsubscribe', 'data[reason]': 'manual', 'data[campaign_id]': 'cb398d21d2' }),
		).toEqual([['unsubscribe', 'cb398d21d2']]);
		expect(typeOf({ type: 'unsubscribe', 'data[reason]': 'abuse' })).toEqual([
			['complaint', undefined],
		]);
		expect(typeOf({ type: 'cleaned', 'data[reason]': 'hard' })).toEqual([['bounce', undefined]]);
		expect(typeOf({ type: 'cleaned', 'data[reason]': 'abuse' })).toEqual([
			['complaint', undefined],
		]);
	});

	it('profile updates, email changes and campaign status are reported as ignored, not as events', () => {
		for (const type of ['profile', 'upemail', 'campaign']) {
			expect(verifyMailchimp(post({ ...subscribe, type }), credential)).toEqual({
				ok: true,
				events: [],
				ignored: [
					{
						index: 0,
						providerEventType: type,
						reason: 'not a contact event (profile, email change, campaign)',
					},
				],
			});
		}
		expect(
			verifyMailchimp(post({ ...subscribe, fired_at: 'yesterday' }), credential),
		).toMatchObject({
			ok: true,
			events: [],
			ignored: [{ reason: 'no readable timestamp' }],
		});
		expect(verifyMailchimp(post({ ...subscribe, 'data[email]': '' }), credential)).toMatchObject({
			ok: true,
			events: [],
			ignored: [{ reason: 'no recipient' }],
		});
		expect(verifyMailchimp(post({ 'data[email]': 'a@example.com' }), credential)).toMatchObject({
			ok: false,
			reason: 'malformed-body',
		});
	});

	it('the same fields posted as JSON (a relay re-posting them) read the same', () => {
		const json = {
			rawBody: JSON.stringify({
				type: 'subscribe',
				fired_at: '2025-01-24 15:30:00',
				data: { id: '8a25ff1d98', list_id: 'a6b5da1054', email: 'user@example.com' },
			}),
			headers: { 'content-type': 'application/json' },
			query: { key: 'tok_123' },
		};
		const fromForm = verifyMailchimp(post(subscribe), credential);
		expect(verifyMailchimp(json, credential)).toEqual(fromForm);
	});

	it("checks the URL's secret in constant time: missing, wrong or repeated is 401; Mailchimp's GET check is a ping", async () => {
		expect(verifyMailchimp(post(subscribe, {}), credential)).toMatchObject({
			ok: false,
			reason: 'unauthorized',
			message: 'query parameter key is missing',
		});
		expect(verifyMailchimp(post(subscribe, { key: 'tok_124' }), credential)).toMatchObject({
			ok: false,
			reason: 'unauthorized',
			message: 'query parameter key does not match',
		});
		expect(
			verifyMailchimp(post(subscribe, { key: ['tok_123', 'tok_123'] }), credential),
		).toMatchObject({ ok: false, reason: 'unauthorized' });
		expect(
			verifyMailchimp(post(subscribe, { secret: 'tok_123' }), {
				...credential,
				queryParameter: 'secret',
			}),
		).toMatchObject({ ok: true });
		const check = { rawBody: '', headers: {}, method: 'GET', query: { key: 'tok_123' } };
		expect(verifyMailchimp(check, credential)).toEqual({
			ok: true,
			events: [],
			ignored: [],
			control: { kind: 'ping' },
		});
		expect(verifyMailchimp({ ...check, query: {} }, credential)).toMatchObject({ ok: false });
		expect(await verifyWebhook('mailchimp', post(subscribe), credential)).toMatchObject({
			ok: true,
		});
	});

	it('a query-token credential needs a token', () => {
		expect(credentialProblem('sharedSecret', { authType: 'queryToken', token: '' })).toBe(
			'Token is empty',
		);
		expect(
			credentialProblem('sharedSecret', { authType: 'queryToken', token: 'x' }),
		).toBeUndefined();
	});
});
