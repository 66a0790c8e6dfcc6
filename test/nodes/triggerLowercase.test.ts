/**
 * The trigger's Options → Lowercase Contact IDs: e-mail addresses that differ only in case become one contact, as
 * Score Contacts' option of the same name reads them; the de-duplication keys stay the provider's.
 */
import { sendGridHeaders, sendGridKeys } from '../lib/providers/signing';
import { createTriggerHarness, removeUserFolder, type TriggerHarness } from './trigger/harness';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const keys = sendGridKeys();

function sendGridBatch(events: Array<{ id: string; email: string; event: string }>) {
	const timestamp = nowSeconds() - 30;
	const body = JSON.stringify(
		events.map(({ id, email, event }) => ({ email, event, timestamp, sg_event_id: id })),
	);
	return {
		headers: {
			'content-type': 'application/json',
			...sendGridHeaders(keys.privateKey, body, String(nowSeconds())),
		},
		rawBody: body,
	};
}

const BATCH = [
	{ id: 'e1', email: 'Ann.Lee@Example.COM', event: 'open' },
	{ id: 'e2', email: 'ann.lee@example.com', event: 'click' },
];

function trigger(options: object) {
	return createTriggerHarness({
		parameters: { provider: 'sendgrid', options },
		credentials: { engagementSendGridWebhookApi: { publicKey: keys.publicKey } },
	});
}

afterAll(() => removeUserFolder());

describe('Engagement Webhook Trigger: Lowercase Contact IDs', () => {
	let harness: TriggerHarness;
	afterEach(() => harness?.close());

	it('lower-cases every contact id, so both spellings are one contact', async () => {
		harness = trigger({ lowercaseContactId: true });
		const outcome = await harness.post(sendGridBatch(BATCH));
		expect(outcome.received?.map((event) => [event.eventId, event.contactId])).toEqual([
			['e1', 'ann.lee@example.com'],
			['e2', 'ann.lee@example.com'],
		]);
		// the same events again: the de-duplication keys are unchanged by the option
		const again = await harness.post(sendGridBatch(BATCH));
		expect(again.run).toBeUndefined();
		expect(again.response?.body).toMatchObject({ accepted: 0, duplicates: 2 });
	});

	it('with One Item per Request too', async () => {
		harness = trigger({ lowercaseContactId: true, output: 'perRequest' });
		const outcome = await harness.post(sendGridBatch(BATCH));
		const events = outcome.received?.[0].events as Array<{ contactId: string }>;
		expect(events.map((event) => event.contactId)).toEqual([
			'ann.lee@example.com',
			'ann.lee@example.com',
		]);
	});

	it('is off by default: contact ids as the provider sent them', async () => {
		harness = trigger({});
		const outcome = await harness.post(sendGridBatch(BATCH));
		expect(outcome.received?.map((event) => event.contactId)).toEqual([
			'Ann.Lee@Example.COM',
			'ann.lee@example.com',
		]);
	});
});
