import type { IDataObject } from 'n8n-workflow';

import { mailgunBody } from '../lib/providers/signing';
import {
	createTriggerHarness,
	removeUserFolder,
	type TriggerHarness,
	type WebhookOutcome,
} from './trigger/harness';

/**
 * Mailgun signs only `timestamp + token`, not `event-data`. Whoever saw one signed request (a log, a proxy, a
 * misdirected webhook) could send its signature block again, inside the replay window, with any event-data. The
 * trigger therefore accepts each Mailgun signature once, whatever became of the first request's event and whatever
 * the options say, and refuses the second use like a forged request.
 */
const KEY = 'mg-signing-key';
const credentials = { engagementHmacWebhookApi: { signingSecret: KEY } };
const now = () => Math.floor(Date.now() / 1000);
let tokens = 0;
const nextToken = () => `tok${++tokens}`.padEnd(50, 'x');

const request = (rawBody: string) => ({
	rawBody,
	headers: { 'content-type': 'application/json' },
});

/** The genuine request's signature block with other event-data: what an attacker can build without the key. */
function forge(genuine: string, eventData: object): string {
	const parsed = JSON.parse(genuine) as IDataObject;
	return JSON.stringify({ signature: parsed.signature, 'event-data': eventData });
}

const forgedClick = () => ({
	event: 'clicked',
	recipient: 'victim@example.com',
	timestamp: now(),
	url: 'https://evil.test/',
});

function expectRefused(outcome: WebhookOutcome, trigger: TriggerHarness) {
	expect(outcome.run).toBeUndefined();
	expect(outcome.response).toMatchObject({ statusCode: 401, body: 'Unauthorized' });
	expect(trigger.logs.at(-1)).toEqual({
		level: 'warn',
		message: expect.stringContaining('rejected a mailgun request (replayed-signature)'),
	});
}

afterAll(() => removeUserFolder());

describe('Mailgun signatures are single-use (the HMAC does not cover event-data)', () => {
	let trigger: TriggerHarness;
	afterEach(() => trigger?.close());

	const harness = (options: IDataObject = {}) =>
		createTriggerHarness({ parameters: { provider: 'mailgun', options }, credentials });

	it.each<[string, IDataObject, () => object]>([
		[
			'event was ignored (temporary failure)',
			{},
			() => ({
				event: 'failed',
				severity: 'temporary',
				recipient: 'a@example.com',
				timestamp: now(),
			}),
		],
		[
			'event was filtered out (Event Types)',
			{ eventTypes: ['bounce'] },
			() => ({ event: 'opened', recipient: 'a@example.com', timestamp: now() }),
		],
		[
			'event was dropped as a machine open',
			{ machineEvents: 'drop' },
			() => ({
				event: 'opened',
				recipient: 'a@example.com',
				timestamp: now(),
				'client-info': { bot: 'apple' },
			}),
		],
	])(
		'refuses a forged body under the signature of a request whose %s',
		async (_, options, genuineEvent) => {
			trigger = harness(options);
			const genuine = mailgunBody(KEY, genuineEvent(), String(now()), nextToken());
			const first = await trigger.post(request(genuine));
			expect(first.run).toBeUndefined();
			expect(first.response).toMatchObject({ statusCode: 200, body: { accepted: 0 } });

			const forged = await trigger.post(
				request(forge(genuine, { ...forgedClick(), event: 'bounced' })),
			);
			expectRefused(forged, trigger);
			// A new signature (a new token) is not affected.
			const fresh = mailgunBody(
				KEY,
				{ ...forgedClick(), event: 'bounced' },
				String(now()),
				nextToken(),
			);
			expect((await trigger.post(request(fresh))).received).toEqual([
				expect.objectContaining({ type: 'bounce', contactId: 'victim@example.com' }),
			]);
		},
	);

	it('refuses the second use of a signature with De-Duplicate Events off: the same request and a forged one', async () => {
		trigger = harness({ deduplicate: false });
		const genuine = mailgunBody(
			KEY,
			{ event: 'opened', recipient: 'a@example.com', timestamp: now() },
			String(now()),
			nextToken(),
		);
		expect((await trigger.post(request(genuine))).received).toEqual([
			expect.objectContaining({ type: 'open', contactId: 'a@example.com' }),
		]);
		expectRefused(await trigger.post(request(genuine)), trigger);
		expectRefused(await trigger.post(request(forge(genuine, forgedClick()))), trigger);
	});

	it('keys the nonce on the whole signed string: digits moved from the token into the timestamp do not make it new', async () => {
		trigger = harness();
		const timestamp = String(now());
		const token = `123${nextToken().slice(3)}`;
		const genuine = mailgunBody(
			KEY,
			{ event: 'failed', severity: 'temporary', recipient: 'a@example.com', timestamp: now() },
			timestamp,
			token,
		);
		expect((await trigger.post(request(genuine))).run).toBeUndefined();
		// `timestamp + token` is unchanged, so the HMAC still matches; the 13-digit timestamp reads as milliseconds of
		// the same instant and passes the replay window; the token, the event id, is new.
		const parsed = JSON.parse(forge(genuine, forgedClick())) as {
			signature: { timestamp: string; token: string };
		};
		parsed.signature.timestamp = `${timestamp}123`;
		parsed.signature.token = token.slice(3);
		expectRefused(await trigger.post(request(JSON.stringify(parsed))), trigger);
	});

	it('remembers used signatures across a restart (static data) and in another process', async () => {
		const store = { staticData: {} };
		trigger = createTriggerHarness({
			parameters: { provider: 'mailgun', options: { deduplicate: false } },
			credentials,
			store,
			workflowId: 'wf-mailgun-nonce',
		});
		const genuine = mailgunBody(
			KEY,
			{ event: 'failed', severity: 'temporary', recipient: 'a@example.com', timestamp: now() },
			String(now()),
			nextToken(),
		);
		expect((await trigger.post(request(genuine))).response).toMatchObject({ statusCode: 200 });
		// Recorded although no event passed and De-Duplicate Events is off.
		expect(trigger.staticDataSaves()).toBe(1);
		trigger.restart();
		expectRefused(await trigger.post(request(forge(genuine, forgedClick()))), trigger);
		// Created last: n8n-core's logger is process-wide, so from here on the log lines reach this harness.
		const other = createTriggerHarness({
			parameters: { provider: 'mailgun', options: { deduplicate: false } },
			credentials,
			store,
			workflowId: 'wf-mailgun-nonce',
			separateProcess: true,
		});
		expectRefused(await other.post(request(forge(genuine, forgedClick()))), other);
		other.close();
	});

	it('still passes the event of a first use when De-Duplicate Events is on (nonce and event id are kept apart)', async () => {
		trigger = harness();
		const token = nextToken();
		const genuine = mailgunBody(
			KEY,
			{ event: 'clicked', recipient: 'a@example.com', timestamp: now(), url: 'https://x.test/' },
			String(now()),
			token,
		);
		expect((await trigger.post(request(genuine))).received).toEqual([
			expect.objectContaining({ type: 'click', eventId: token }),
		]);
	});
});
