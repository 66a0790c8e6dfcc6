import {
	replayKey,
	admitKeys,
	credentialProblem,
	emptyReplayCache,
	filterEvents,
	readReplayCache,
	type ProviderEvent,
} from '../../../lib/providers';
import { sendGridKeys } from './signing';

describe('replay cache (bounded, JSON-serialisable, survives restarts)', () => {
	it('admits new ids once, rejects repeats, including repeats inside one batch', () => {
		const state = emptyReplayCache();
		expect(admitKeys(state, ['a', 'b', 'a'], 10)).toEqual([true, true, false]);
		expect(admitKeys(state, ['b', 'c'], 10)).toEqual([false, true]);
	});

	it('forgets the oldest ids first and never holds more than capacity', () => {
		const state = emptyReplayCache();
		admitKeys(state, ['a', 'b', 'c'], 3);
		expect(admitKeys(state, ['d'], 3)).toEqual([true]);
		expect(state.ids).toHaveLength(3);
		expect(admitKeys(state, ['a'], 3)).toEqual([true]); // a was evicted by d
		expect(admitKeys(state, ['c', 'd'], 3)).toEqual([false, false]);
		for (let i = 0; i < 1000; i += 1) admitKeys(state, [`k${i}`], 3);
		expect(state.ids).toHaveLength(3);
	});

	it('continues after a JSON round trip, as workflow static data does across restarts', () => {
		const state = emptyReplayCache();
		admitKeys(state, ['a', 'b', 'c', 'd'], 3);
		const restored = readReplayCache(JSON.parse(JSON.stringify(state)));
		expect(admitKeys(restored, ['b', 'c', 'd', 'a'], 3)).toEqual([false, false, false, true]);
	});

	it('shrinks a state saved with a larger capacity, and starts empty on garbage', () => {
		const state = emptyReplayCache();
		admitKeys(state, ['a', 'b', 'c', 'd'], 10);
		expect(admitKeys(state, ['a', 'd'], 2)).toEqual([true, false]);
		expect(state.ids.length).toBeLessThanOrEqual(2);
		expect(readReplayCache({ ids: 'a,b' })).toEqual(emptyReplayCache());
		expect(readReplayCache('x')).toEqual(emptyReplayCache());
	});
});

describe('replay keys', () => {
	it('are 16 characters, stable, and differ by provider and id', () => {
		const key = replayKey('sendgrid', 'a'.repeat(200));
		expect(key).toHaveLength(16);
		expect(replayKey('sendgrid', 'a'.repeat(200))).toBe(key);
		expect(replayKey('mailgun', 'a'.repeat(200))).not.toBe(key);
		expect(replayKey('sendgrid', 'a'.repeat(199))).not.toBe(key);
	});
});

describe('event filter options', () => {
	const event = (type: ProviderEvent['type'], machine?: boolean): ProviderEvent => ({
		contactId: 'a',
		type,
		timestamp: '2025-01-01T00:00:00Z',
		provider: 'sendgrid',
		providerEventType: type,
		...(machine === undefined ? {} : { machine }),
	});
	const events = [event('open', true), event('open', false), event('click', true), event('sent')];

	it('flags by default, drops machine opens and bot clicks on request, and passes chosen types only', () => {
		expect(filterEvents(events, {})).toHaveLength(4);
		expect(filterEvents(events, { machineEvents: 'drop' }).map((e) => e.type)).toEqual([
			'open',
			'sent',
		]);
		expect(filterEvents(events, { eventTypes: ['click', 'sent'] }).map((e) => e.type)).toEqual([
			'click',
			'sent',
		]);
	});
});

describe('credential checks (credential test button)', () => {
	it('accepts well-formed credentials and names the problem otherwise', () => {
		expect(credentialProblem('sendgrid', { publicKey: sendGridKeys().publicKey })).toBeUndefined();
		expect(credentialProblem('sendgrid', { publicKey: 'abc' })).toMatch(/not a base64 DER or PEM/);
		expect(
			credentialProblem('standardWebhooks', { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
		).toBeUndefined();
		expect(credentialProblem('standardWebhooks', { secret: 'plain text' })).toMatch(/whsec_/);
		expect(
			credentialProblem('sns', { topicArns: 'arn:aws:sns:us-east-1:123456789012:ses-events' }),
		).toBeUndefined();
		expect(credentialProblem('sns', { topicArns: 'ses-events' })).toMatch(/ARN/);
		expect(
			credentialProblem('sharedSecret', { authType: 'basicAuth', username: 'u', password: '' }),
		).toMatch(/Password/);
		expect(credentialProblem('hmac', { signingSecret: ' ' })).toMatch(/empty/);
		expect(credentialProblem('mandrill', { webhookSecret: 'k', webhookUrl: 'ftp://x' })).toMatch(
			/http/,
		);
	});
});
