/**
 * The trigger's per-event scanner rules (issue 9): Options → Scanner User Agents and Scanner IP Ranges flag opens and
 * clicks with `machine: true` and a `machineReason`, then "Machine Opens and Bot Clicks" flags or drops them.
 */
import { DEFAULT_SCANNER_USER_AGENTS } from '../../lib/events/scannerUserAgents';
import { basicAuth, sendGridHeaders, sendGridKeys } from '../lib/providers/signing';
import { createTriggerHarness, removeUserFolder, type TriggerHarness } from './trigger/harness';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const keys = sendGridKeys();
const sendGridCredential = { engagementSendGridWebhookApi: { publicKey: keys.publicKey } };

const BROWSER =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

/** SendGrid events: id, event, and the extra fields (useragent, ip, sg_machine_open). */
function sendGrid(events: Array<[string, string, object]>) {
	const timestamp = nowSeconds() - 30;
	const body = JSON.stringify(
		events.map(([id, event, extra]) => ({
			email: `${id}@example.com`,
			event,
			timestamp,
			sg_event_id: id,
			sg_message_id: `m-${id}`,
			...extra,
		})),
	);
	return {
		headers: {
			'content-type': 'application/json',
			...sendGridHeaders(keys.privateKey, body, String(nowSeconds())),
		},
		rawBody: body,
	};
}

const BATCH = sendGrid([
	['human', 'click', { useragent: BROWSER, ip: '203.0.113.9' }],
	['mimecast', 'click', { useragent: 'Mozilla/5.0 Mimecast URL Protect', ip: '203.0.113.10' }],
	['microsoft', 'open', { useragent: BROWSER, ip: '40.95.12.7' }],
	['ipv6', 'click', { useragent: BROWSER, ip: '2a01:111:f400::1' }],
	['apple', 'open', { sg_machine_open: true, ip: '40.94.0.1' }],
	['delivered', 'delivered', { ip: '40.94.0.2' }],
]);

function trigger(options: object) {
	return createTriggerHarness({
		parameters: { provider: 'sendgrid', options },
		credentials: sendGridCredential,
	});
}

const machineOf = (received: Array<Record<string, unknown>> | undefined) =>
	Object.fromEntries(
		(received ?? []).map((event) => [
			event.eventId,
			[event.machine === true, event.machineReason ?? null],
		]),
	);

afterAll(() => removeUserFolder());

describe('Engagement Webhook Trigger: scanner rules per event', () => {
	let harness: TriggerHarness;
	afterEach(() => harness?.close());

	it('"known" scanner user agents (DEFAULT_SCANNER_USER_AGENTS) flag a click with reason scannerUserAgent', async () => {
		expect(DEFAULT_SCANNER_USER_AGENTS).toContain('mimecast');
		harness = trigger({ scannerUserAgents: 'known' });
		const outcome = await harness.post(BATCH);
		expect(outcome.result.webhookResponse).toMatchObject({ received: 6, accepted: 6 });
		expect(machineOf(outcome.received)).toEqual({
			human: [false, null],
			mimecast: [true, 'scannerUserAgent'],
			microsoft: [false, null],
			ipv6: [false, null],
			// The provider's own flag is kept as it is.
			apple: [true, null],
			delivered: [false, null],
		});
	});

	it('scanner IP ranges (IPv4 and IPv6 CIDR) flag opens and clicks with reason scannerIp, never sends', async () => {
		harness = trigger({ scannerIpRanges: '40.94.0.0/15, 2a01:111::/32' });
		const outcome = await harness.post(BATCH);
		expect(machineOf(outcome.received)).toEqual({
			human: [false, null],
			mimecast: [false, null],
			microsoft: [true, 'scannerIp'],
			ipv6: [true, 'scannerIp'],
			apple: [true, null],
			delivered: [false, null],
		});
		expect(outcome.received?.find((event) => event.eventId === 'microsoft')).toMatchObject({
			ip: '40.95.12.7',
			type: 'open',
		});
	});

	it('Drop Them leaves out what the rules flagged, with the provider-flagged events', async () => {
		harness = trigger({
			scannerUserAgents: 'known',
			scannerIpRanges: '40.94.0.0/15',
			machineEvents: 'drop',
		});
		const outcome = await harness.post(BATCH);
		expect(outcome.received?.map((event) => event.eventId)).toEqual(['human', 'ipv6', 'delivered']);
		expect(outcome.result.webhookResponse).toMatchObject({ received: 6, accepted: 3 });
	});

	it('your own user-agent fragments replace the built-in list', async () => {
		harness = trigger({ scannerUserAgents: 'Macintosh, curl/' });
		const outcome = await harness.post(BATCH);
		expect(machineOf(outcome.received)).toMatchObject({
			human: [true, 'scannerUserAgent'],
			mimecast: [false, null],
			microsoft: [true, 'scannerUserAgent'],
		});
	});

	it('without the options nothing beyond the provider flag is marked', async () => {
		harness = trigger({});
		const outcome = await harness.post(BATCH);
		expect(
			outcome.received?.filter((event) => event.machine === true).map((e) => e.eventId),
		).toEqual(['apple']);
		expect(outcome.received?.some((event) => 'machineReason' in event)).toBe(false);
	});

	it('an unreadable IP range is a configuration error naming the option', async () => {
		harness = trigger({ scannerIpRanges: '40.94.0.0/99' });
		await expect(harness.post(BATCH)).rejects.toThrow(/bad prefix length in "40\.94\.0\.0\/99"/);
	});

	it('Custom JSON reads the ip property of each event', async () => {
		harness = createTriggerHarness({
			parameters: {
				provider: 'customJson',
				options: { scannerIpRanges: '192.0.2.0/24' },
			},
			credentials: {
				engagementSharedSecretWebhookApi: { authType: 'basicAuth', username: 'u', password: 'p' },
			},
		});
		const rawBody = JSON.stringify([
			{
				eventId: 'j1',
				contactId: 'a@example.com',
				type: 'click',
				timestamp: nowSeconds(),
				ip: '192.0.2.44',
			},
			{
				eventId: 'j2',
				contactId: 'b@example.com',
				type: 'click',
				timestamp: nowSeconds(),
				ip: '198.51.100.1',
			},
		]);
		const outcome = await harness.post({ headers: basicAuth('u', 'p'), rawBody });
		expect(machineOf(outcome.received)).toEqual({
			j1: [true, 'scannerIp'],
			j2: [false, null],
		});
	});
});
