import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { EngagementWebhookTrigger } from '../../nodes/EngagementWebhookTrigger/EngagementWebhookTrigger.node';
import { eventInputProperties } from '../../nodes/shared/eventInput';
import { basicAuth, standardHeaders } from '../lib/providers/signing';
import { createTriggerHarness, removeUserFolder, type FakeRequest } from './trigger/harness';

/**
 * Version 2 of the Engagement Webhook Trigger names its event mapping as Score Contacts does (Contact ID Field, Event
 * Type Field, Numeric Timestamps Are, Event Type Values, Campaign Kind Field and Values). Driven through n8n-core's
 * WebhookContext and WorkflowExecute (test/nodes/trigger/harness.ts), as n8n's webhook server does.
 */
const nowMillis = () => Date.now();
const basicAuthCredential = {
	engagementSharedSecretWebhookApi: { authType: 'basicAuth', username: 'u', password: 'p' },
};
const whsec = 'whsec_' + Buffer.from('trigger-v2-secret-0123456789abcdef').toString('base64');

/** One body that exercises every mapped field, a translated type, a synonym, a soft bounce and an unknown type. */
function customBody(at = nowMillis()) {
	return JSON.stringify({
		data: {
			events: [
				{
					id: 'e1',
					who: { email: 'a@example.com' },
					what: 'looked',
					when: at,
					camp: 'spring',
					campaignKind: 'flow',
					msg: 'm1',
					bot: 'yes',
				},
				{
					id: 'e2',
					who: { email: 'b@example.com' },
					what: 'clicked',
					when: at + 1000,
					camp: 'spring',
					link: 'https://x.test/a',
				},
				{ id: 'e3', who: { email: 'c@example.com' }, what: 'hit', when: at + 2000 },
				{ id: 'e4', who: { email: 'd@example.com' }, what: 'soft_bounce', when: at },
				{ id: 'e5', who: { email: 'e@example.com' }, what: 'deferred', when: at },
				{ id: 'e6', what: 'opened', when: at },
			],
		},
	});
}

/** The same mapping under version 1's names and version 2's. */
const SHARED = {
	eventsPath: 'data.events',
	timestampField: 'when',
	timestampUnit: 'milliseconds',
	campaignIdField: 'camp',
	messageIdField: 'msg',
	eventIdField: 'id',
	urlField: 'link',
	machineField: 'bot',
};
const V1_MAPPING = {
	...SHARED,
	contactField: 'who.email',
	typeField: 'what',
	typeMap: 'looked=open, hit=click',
};
const V2_MAPPING = {
	...SHARED,
	contactIdField: 'who.email',
	eventTypeField: 'what',
	eventTypeValues: {
		values: [
			{ from: 'looked', to: 'open' },
			{ from: 'hit', to: 'click' },
		],
	},
};

function customJson(typeVersion: number, parameters: IDataObject) {
	return createTriggerHarness({
		typeVersion,
		parameters: { provider: 'customJson', ...parameters },
		credentials: basicAuthCredential,
	});
}

const post = (body: string): FakeRequest => ({ headers: basicAuth('u', 'p'), rawBody: body });

afterAll(() => removeUserFolder());

describe('Engagement Webhook Trigger version 2: Score Contacts mapping names', () => {
	it('gives the same events, ignored list and summary as version 1 with its own names', async () => {
		const body = customBody();
		for (const output of ['perEvent', 'perRequest']) {
			const v1 = await customJson(1, { ...V1_MAPPING, options: { output } }).post(post(body));
			const v2 = await customJson(2, { ...V2_MAPPING, options: { output } }).post(post(body));
			expect(v1.run?.data.resultData.error).toBeUndefined();
			expect(v2.received).toEqual(v1.received);
			expect(v2.result.webhookResponse).toEqual(v1.result.webhookResponse);
		}
		const v2 = await customJson(2, V2_MAPPING).post(post(body));
		expect(v2.result.webhookResponse).toEqual({
			received: 3,
			accepted: 3,
			duplicates: 0,
			ignored: 3,
		});
		expect(v2.received).toEqual([
			expect.objectContaining({
				contactId: 'a@example.com',
				type: 'open',
				providerEventType: 'looked',
				campaignId: 'spring',
				campaignKind: 'automation',
				messageId: 'm1',
				eventId: 'e1',
				machine: true,
				timestamp: new Date(JSON.parse(body).data.events[0].when).toISOString(),
			}),
			expect.objectContaining({ type: 'click', eventId: 'e2', url: 'https://x.test/a' }),
			expect.objectContaining({ type: 'click', providerEventType: 'hit', eventId: 'e3' }),
		]);
	});

	it('gives the same events as version 1 for Standard Webhooks, with default names', async () => {
		const body = JSON.stringify({
			type: 'email.clicked',
			timestamp: new Date().toISOString(),
			data: { email: 'a@example.com' },
		});
		const outcome = async (typeVersion: number, parameters: IDataObject) =>
			await createTriggerHarness({
				typeVersion,
				parameters: { provider: 'standardWebhooks', ...parameters },
				credentials: { engagementStandardWebhooksApi: { secret: whsec } },
			}).post({
				rawBody: body,
				headers: standardHeaders(whsec, 'msg_v2', body, String(Math.floor(Date.now() / 1000))),
			});
		const v1 = await outcome(1, { contactField: 'data.email', typeMap: 'email.clicked=click' });
		const v2 = await outcome(2, {
			contactIdField: 'data.email',
			eventTypeValues: { values: [{ from: 'email.clicked', to: 'click' }] },
		});
		expect(v1.received).toEqual([
			expect.objectContaining({ contactId: 'a@example.com', type: 'click', eventId: 'msg_v2' }),
		]);
		expect(v2.received).toEqual(v1.received);
	});

	it('Event Type Values: Skip These Events leaves a type out (even a built-in synonym); a soft bounce can be mapped', async () => {
		const at = nowMillis();
		const body = JSON.stringify([
			{ eventId: 'k1', contactId: 'a@example.com', type: 'opened', timestamp: at },
			{ eventId: 'k2', contactId: 'a@example.com', type: 'Email.Delayed', timestamp: at },
			{ eventId: 'k3', contactId: 'a@example.com', type: 'soft_bounce', timestamp: at },
			{ eventId: 'k4', contactId: 'a@example.com', type: 'click', timestamp: at },
		]);
		const outcome = await customJson(2, {
			eventTypeValues: {
				values: [
					{ from: 'opened', to: 'skip' },
					{ from: 'email.delayed', to: 'skip' },
					{ from: 'soft_bounce', to: 'bounce' },
				],
			},
			options: { output: 'perRequest' },
		}).post(post(body));
		const [item] = outcome.received ?? [];
		expect((item.events as IDataObject[]).map((event) => [event.eventId, event.type])).toEqual([
			['k3', 'bounce'],
			['k4', 'click'],
		]);
		expect((item.ignored as IDataObject[]).map((event) => event.providerEventType)).toEqual([
			'opened',
			'Email.Delayed',
		]);
		expect(outcome.result.webhookResponse).toMatchObject({ accepted: 2, ignored: 2 });
	});

	it('Campaign Kind Field and Campaign Kind Values read the kind, over the built-in synonyms', async () => {
		const at = nowMillis();
		const event = (eventId: string, kind?: string) => ({
			eventId,
			contactId: 'a@example.com',
			type: 'sent',
			timestamp: at,
			meta: { kind },
			campaignKind: 'transactional',
		});
		const body = JSON.stringify([event('r1', 'receipt'), event('r2', 'flow'), event('r3')]);
		const outcome = await customJson(2, {
			campaignKindField: 'meta.kind',
			campaignKindValues: { values: [{ from: 'receipt', to: 'transactional' }] },
		}).post(post(body));
		expect(outcome.received?.map((item) => [item.eventId, item.campaignKind])).toEqual([
			['r1', 'transactional'],
			['r2', 'automation'],
			['r3', undefined],
		]);
	});

	it('an unknown target in Event Type Values or Campaign Kind Values is a configuration error naming the parameter', async () => {
		const body = JSON.stringify([
			{ contactId: 'a@example.com', type: 'open', timestamp: nowMillis() },
		]);
		await expect(
			customJson(2, {
				eventTypeValues: { values: [{ from: 'looked', to: 'opn' }] },
			}).post(post(body)),
		).rejects.toThrow('Event Type Values: maps "looked" to unknown event type "opn"');
		await expect(
			customJson(2, {
				campaignKindValues: { values: [{ from: 'promo', to: 'promotional' }] },
			}).post(post(body)),
		).rejects.toThrow('Campaign Kind Values: maps "promo" to unknown campaign kind "promotional"');
		// Version 1's own error for its text mapping is unchanged.
		await expect(customJson(1, { typeMap: 'looked=opn' }).post(post(body))).rejects.toThrow(
			'event type mapping "looked=opn"',
		);
	});

	it('Timestamp Format reads text timestamps in that format (as UTC without an offset token); a miss is ignored with its reason', async () => {
		const body = JSON.stringify([
			{ eventId: 'f1', contactId: 'a@example.com', type: 'open', timestamp: '01.09.2026 10:00' },
			{
				eventId: 'f2',
				contactId: 'a@example.com',
				type: 'click',
				timestamp: '2026-09-01T10:00:00Z',
			},
		]);
		const outcome = await customJson(2, {
			timestampFormat: 'dd.MM.yyyy HH:mm',
			options: { output: 'perRequest' },
		}).post(post(body));
		const json = outcome.received?.[0] as { events: IDataObject[]; ignored: IDataObject[] };
		expect(json.events).toEqual([
			expect.objectContaining({ eventId: 'f1', timestamp: '2026-09-01T10:00:00.000Z' }),
		]);
		expect(json.ignored).toEqual([
			{
				index: 1,
				providerEventType: 'click',
				reason: expect.stringContaining('expected the format "dd.MM.yyyy HH:mm"'),
			},
		]);
		await expect(customJson(2, { timestampFormat: '--' }).post(post(body))).rejects.toThrow(
			'Timestamp Format: "--" has no date or time token',
		);
	});

	it('Time Zone: times without an offset (ISO, Timestamp Format, spreadsheet serial days) are read in it; an unknown zone is a configuration error', async () => {
		const at = (timestamp: unknown, eventId: string) => ({
			eventId,
			contactId: 'a@example.com',
			type: 'open',
			timestamp,
		});
		const body = JSON.stringify([
			at('2026-09-01T10:00:00', 'z1'),
			at('2026-09-01T10:00:00Z', 'z2'),
			at('2026-09-01T10:00:00+01:00', 'z3'),
		]);
		const berlin = { timezone: 'Europe/Berlin', options: { output: 'perRequest' } };
		const timesOf = async (parameters: IDataObject, requestBody = body) => {
			const outcome = await customJson(2, parameters).post(post(requestBody));
			const json = outcome.received?.[0] as { events: IDataObject[] };
			return json.events.map((event) => event.timestamp);
		};
		expect(await timesOf(berlin)).toEqual([
			'2026-09-01T08:00:00.000Z',
			'2026-09-01T10:00:00.000Z',
			'2026-09-01T09:00:00.000Z',
		]);
		expect(
			await timesOf(
				{ ...berlin, timestampFormat: 'dd.MM.yyyy HH:mm' },
				JSON.stringify([at('01.09.2026 10:00', 'f1')]),
			),
		).toEqual(['2026-09-01T08:00:00.000Z']);
		expect(
			await timesOf(
				{ ...berlin, timestampUnit: 'spreadsheetDays' },
				JSON.stringify([at(46266.4375, 's1')]),
			),
		).toEqual(['2026-09-01T08:30:00.000Z']);
		// left at its default: UTC, as before the parameter existed
		expect(await timesOf({ options: { output: 'perRequest' } })).toEqual([
			'2026-09-01T10:00:00.000Z',
			'2026-09-01T10:00:00.000Z',
			'2026-09-01T09:00:00.000Z',
		]);
		await expect(customJson(2, { timezone: 'Mars/Olympus' }).post(post(body))).rejects.toThrow(
			'Time Zone: unknown time zone "Mars/Olympus"',
		);
	});

	it('each version reads only its own names', async () => {
		const body = JSON.stringify([
			{
				eventId: 'n1',
				contactId: 'a@example.com',
				who: 'b@example.com',
				type: 'open',
				timestamp: nowMillis(),
			},
		]);
		const v1 = await customJson(1, { contactIdField: 'who' }).post(post(body));
		const v2 = await customJson(2, { contactField: 'who' }).post(post(body));
		expect(v1.received?.map((item) => item.contactId)).toEqual(['a@example.com']);
		expect(v2.received?.map((item) => item.contactId)).toEqual(['a@example.com']);
	});
});

describe('Engagement Webhook Trigger version 2 description', () => {
	const { description } = new EngagementWebhookTrigger();
	/** The parameters n8n shows (with their defaults) for a node of this version and these values. */
	const shown = (typeVersion: number, values: INodeParameters) =>
		Object.keys(
			NodeHelpers.getNodeParameters(
				description.properties,
				values,
				true,
				false,
				{ typeVersion },
				description,
			) ?? {},
		);

	it('is versioned 1 and 2, new nodes getting 2', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('shows version 1 its own mapping names and version 2 those of Score Contacts', () => {
		const v1 = shown(1, { provider: 'customJson' });
		const v2 = shown(2, { provider: 'customJson' });
		const v1Only = ['contactField', 'typeField', 'typeMap'];
		const v2Only = [
			'contactIdField',
			'eventTypeField',
			'timestampFormat',
			'timezone',
			'campaignKindField',
			'eventTypeValues',
			'campaignKindValues',
		];
		const both = ['eventsPath', 'timestampField', 'timestampUnit', 'eventIdField', 'machineField'];
		expect(v1).toEqual(expect.arrayContaining([...v1Only, ...both]));
		expect(v2).toEqual(expect.arrayContaining([...v2Only, ...both]));
		for (const name of v2Only) expect(v1).not.toContain(name);
		for (const name of v1Only) expect(v2).not.toContain(name);
		// Providers with their own payload show no mapping in either version.
		expect(shown(2, { provider: 'sendgrid' })).not.toContain('contactIdField');
	});

	it("version 2's shared parameters are Score Contacts' own: same names, display names, options and defaults", () => {
		const scoreContacts = eventInputProperties();
		const v2 = (name: string) =>
			description.properties.find(
				(property) =>
					property.name === name &&
					NodeHelpers.displayParameter(
						{ provider: 'customJson' },
						property,
						{ typeVersion: 2 },
						description,
					),
			);
		for (const name of [
			'contactIdField',
			'eventTypeField',
			'timestampField',
			'timestampUnit',
			'timestampFormat',
			'eventTypeValues',
			'campaignKindValues',
		]) {
			const ours = v2(name);
			const theirs = scoreContacts.find((property) => property.name === name);
			expect({ name, displayName: ours?.displayName, default: ours?.default }).toEqual({
				name,
				displayName: theirs?.displayName,
				default: theirs?.default,
			});
			expect(ours?.options).toEqual(theirs?.options);
		}
	});
});
