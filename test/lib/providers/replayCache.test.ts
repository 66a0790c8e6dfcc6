import {
	ReplayMemory,
	credentialProblem,
	emptyReplayCache,
	filterEvents,
	readReplayCache,
	replayKey,
	type ProviderEvent,
} from '../../../lib/providers';
import { sendGridKeys } from './signing';

const T0 = 1_764_000_000_000; // epoch ms
const at = (seconds: number) => T0 + seconds * 1000;

describe('replay memory: ids expire after their ttl, capacity evicts the least recently seen', () => {
	it('admits new ids once, rejects repeats, including repeats inside one batch', () => {
		const memory = new ReplayMemory();
		expect(memory.admit(['a', 'b', 'a'], { now: T0 })).toEqual([true, true, false]);
		expect(memory.admit(['b', 'c'], { now: T0 })).toEqual([false, true]);
		expect(memory.size).toBe(3);
	});

	it('forgets an id ttl seconds after it was last seen, not before; a repeat starts its ttl again', () => {
		const memory = new ReplayMemory();
		const ttl = { ttlSeconds: 600 };
		memory.admit(['a', 'c'], { ...ttl, now: at(0) });
		memory.admit(['b'], { ...ttl, now: at(300) });
		expect(memory.admit(['c'], { ...ttl, now: at(500) })).toEqual([false]); // c seen again at 500
		expect(memory.admit(['a'], { ...ttl, now: at(600) })).toEqual([false]); // exactly ttl: still known
		// At 1100: b (last seen 300) is 800 s old and forgotten, c (last seen 500) is exactly 600 s old and known.
		expect(memory.admit(['b', 'c'], { ...ttl, now: at(1100) })).toEqual([true, false]);
		// a was last seen at 600: forgotten at 1201.
		expect(memory.admit(['a'], { ...ttl, now: at(1201) })).toEqual([true]);
	});

	it('without a ttl keeps ids until capacity pushes them out', () => {
		const memory = new ReplayMemory();
		memory.admit(['a'], { now: at(0) });
		expect(memory.admit(['a'], { now: at(30 * 86_400) })).toEqual([false]);
	});

	it('evicts the least recently seen id beyond capacity, not the oldest inserted', () => {
		const memory = new ReplayMemory();
		memory.admit(['a', 'b', 'c'], { capacity: 3, now: at(0) });
		expect(memory.admit(['a'], { capacity: 3, now: at(1) })).toEqual([false]); // a seen again
		expect(memory.admit(['d'], { capacity: 3, now: at(2) })).toEqual([true]); // evicts b, not a
		expect(memory.size).toBe(3);
		expect(memory.admit(['a', 'c', 'd'], { capacity: 3, now: at(3) })).toEqual([
			false,
			false,
			false,
		]);
		expect(memory.admit(['b'], { capacity: 3, now: at(4) })).toEqual([true]);
		for (let i = 0; i < 1000; i += 1) memory.admit([`k${i}`], { capacity: 3, now: at(5) });
		expect(memory.size).toBe(3);
	});

	it('enforces the capacity after the batch, so repeats inside a batch larger than capacity are still caught', () => {
		const memory = new ReplayMemory();
		expect(memory.admit(['a', 'b', 'c', 'a'], { capacity: 2, now: T0 })).toEqual([
			true,
			true,
			true,
			false,
		]);
		expect(memory.toState().keys).toEqual(['c', 'a']);
	});

	it('counts ids the capacity pushed out before their ttl ran out (the memory is too small for the traffic)', () => {
		const signed = new ReplayMemory();
		signed.admit(['a', 'b', 'c'], { capacity: 2, ttlSeconds: 600, now: at(0) });
		expect(signed.evictedBeforeExpiry).toBe(1);
		signed.admit(['d'], { capacity: 2, ttlSeconds: 600, now: at(10_000) }); // b, c expired first
		expect(signed.evictedBeforeExpiry).toBe(1);
		const unsigned = new ReplayMemory();
		unsigned.admit(['a', 'b', 'c'], { capacity: 2, now: at(0) });
		expect(unsigned.evictedBeforeExpiry).toBe(0);
	});

	it('continues after a JSON round trip (static data across restarts), keeping when each id was last seen', () => {
		const before = new ReplayMemory();
		before.admit(['a'], { ttlSeconds: 600, now: at(0) });
		before.admit(['b'], { ttlSeconds: 600, now: at(400) });
		const saved = JSON.parse(JSON.stringify(before.toState('p1:1')));
		expect(saved).toEqual({ keys: ['a', 'b'], seen: [T0 / 1000, T0 / 1000 + 400], writer: 'p1:1' });
		const after = new ReplayMemory();
		after.merge(readReplayCache(saved));
		// a (seen at 0) has expired by 700, b (seen at 400) has not.
		expect(after.admit(['a', 'b'], { ttlSeconds: 600, now: at(700) })).toEqual([true, false]);
	});

	it('merges what another process saved: the union, each id at its later time', () => {
		const one = new ReplayMemory();
		const two = new ReplayMemory();
		one.admit(['x', 'shared'], { now: at(0) });
		two.admit(['shared'], { now: at(50) });
		two.admit(['y'], { now: at(100) });
		one.merge(two.toState());
		expect(one.toState().keys).toEqual(['x', 'shared', 'y']);
		expect(one.toState().seen).toEqual([at(0) / 1000, at(50) / 1000, at(100) / 1000]);
		// A saved time older than the one known here changes nothing.
		one.merge({ keys: ['y'], seen: [at(10) / 1000] });
		expect(one.toState().seen[2]).toBe(at(100) / 1000);
		expect(one.admit(['x', 'y', 'z'], { now: at(200) })).toEqual([false, false, true]);
	});

	it('ids learnt from another process join as the most recent here, keeping their time: both err towards remembering', () => {
		const memory = new ReplayMemory();
		memory.admit(['a'], { now: at(100) });
		memory.merge({ keys: ['late'], seen: [at(10) / 1000] });
		expect(memory.toState()).toEqual({
			keys: ['a', 'late'],
			seen: [at(100) / 1000, at(10) / 1000],
		});
		// Capacity takes a (seen here earlier) before late.
		const evicting = new ReplayMemory();
		evicting.merge(memory.toState());
		evicting.admit(['b'], { capacity: 2, now: at(101) });
		expect(evicting.toState().keys).toEqual(['late', 'b']);
		// late's ttl ran out at 70, but it waits behind a (live until 160) and goes with it.
		const ttl = { ttlSeconds: 60 };
		expect(memory.admit(['late'], { ...ttl, now: at(120) })).toEqual([false]);
		memory.merge({ keys: ['late2'], seen: [at(10) / 1000] });
		expect(memory.admit(['late2'], { ...ttl, now: at(181) })).toEqual([true]);
	});

	it('reads garbage as empty, and the ring buffer of earlier versions as seen now, oldest first', () => {
		expect(readReplayCache(undefined)).toEqual(emptyReplayCache());
		expect(readReplayCache('x')).toEqual(emptyReplayCache());
		expect(readReplayCache({ keys: ['a'], seen: [] })).toEqual(emptyReplayCache());
		expect(readReplayCache({ ids: 'a,b' })).toEqual(emptyReplayCache());
		const legacy = readReplayCache({ ids: ['c', 'a', 'b'], next: 1 }, at(0));
		expect(legacy).toEqual({ keys: ['a', 'b', 'c'], seen: [T0 / 1000, T0 / 1000, T0 / 1000] });
		const memory = new ReplayMemory();
		memory.merge(legacy);
		expect(memory.admit(['a', 'b', 'c', 'd'], { now: at(1) })).toEqual([false, false, false, true]);
		// Entries that are not strings or numbers never match and are skipped.
		const odd = new ReplayMemory();
		odd.merge({ keys: [1 as unknown as string, 'k'], seen: [0, 'x' as unknown as number] });
		expect(odd.size).toBe(0);
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
