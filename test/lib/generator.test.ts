import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

import { EVENT_TYPES } from '../../lib/events/types';

/* eslint-disable @typescript-eslint/no-require-imports -- the generator is a CommonJS script */
const {
	generateDataset,
	createGenerator,
	SCANNER_USER_AGENTS,
} = require('../../scripts/data/generator');
const {
	writeEventsCsv,
	writeEventsNdjson,
	writeEventFiles,
} = require('../../scripts/data/writers');
/* eslint-enable @typescript-eslint/no-require-imports */

interface GeneratedEvent {
	eventId: string;
	contactId: string;
	type: string;
	timestamp: string | number;
	campaignId?: string;
	campaignKind?: string;
	channel?: string;
	machine?: boolean;
	url?: string;
	value?: number;
	userAgent?: string;
}

const small = { seed: 7, contacts: 400 };
const dataset = generateDataset(small);
const events: GeneratedEvent[] = dataset.events;
const millis = (event: GeneratedEvent) => new Date(event.timestamp).getTime();
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('data generator: determinism', () => {
	it('the same options give the same dataset, byte for byte', () => {
		expect(digest(generateDataset(small))).toBe(digest(dataset));
	});

	it('another seed gives another dataset', () => {
		const other = generateDataset({ ...small, seed: 8 });
		expect(digest(other.events)).not.toBe(digest(dataset.events));
	});

	it('replaying the event stream gives the same events', () => {
		const generator = createGenerator(small);
		const first = Array.from(generator.iterateEvents());
		const second = Array.from(generator.iterateEvents());
		expect(digest(second)).toBe(digest(first));
		expect(digest(first)).toBe(digest(dataset.events));
	});

	it('does not use Math.random', () => {
		const original = Math.random;
		Math.random = () => {
			throw new Error('Math.random called');
		};
		try {
			expect(() => generateDataset({ ...small, contacts: 20 })).not.toThrow();
		} finally {
			Math.random = original;
		}
	});
});

describe('data generator: shape', () => {
	const contactIds = new Set<string>(
		dataset.contacts.map((contact: { contactId: string }) => contact.contactId),
	);
	const campaignKinds = new Map<string, string>(
		dataset.campaigns.map((campaign: { campaignId: string; kind: string }) => [
			campaign.campaignId,
			campaign.kind,
		]),
	);

	it('contacts carry id, email, crmId, firstName and an ISO subscribedAt', () => {
		expect(dataset.contacts).toHaveLength(small.contacts);
		for (const contact of dataset.contacts) {
			expect(contact).toEqual(
				expect.objectContaining({
					contactId: expect.any(String),
					email: expect.stringContaining('@'),
					crmId: expect.stringMatching(/^crm-\d+$/),
					firstName: expect.any(String),
					subscribedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				}),
			);
		}
		expect(contactIds.size).toBe(small.contacts);
	});

	it('~40 campaigns over 6 months: broadcasts, automations and transactional sends', () => {
		expect(dataset.campaigns).toHaveLength(40);
		const kinds = dataset.campaigns.map((campaign: { kind: string }) => campaign.kind);
		expect(kinds.filter((kind: string) => kind === 'automation').length).toBe(6);
		expect(kinds.filter((kind: string) => kind === 'transactional').length).toBe(4);
		expect(kinds.filter((kind: string) => kind === 'broadcast').length).toBe(30);
	});

	it('every event is a valid EngagementEvent of a known contact and campaign', () => {
		const types: readonly string[] = EVENT_TYPES;
		const invalid = events.filter(
			(event) =>
				!types.includes(event.type) ||
				!contactIds.has(event.contactId) ||
				Number.isNaN(millis(event)) ||
				(event.campaignId !== undefined &&
					event.campaignKind !== campaignKinds.get(event.campaignId)),
		);
		expect(invalid).toEqual([]);
	});

	it('eventIds are unique and events come in time order inside the period', () => {
		expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
		const start = Date.parse(dataset.options.endDate) - 200 * 86_400_000;
		const times = events.map(millis);
		expect(times[0]).toBeGreaterThanOrEqual(start);
		expect(times.findIndex((time, index) => index > 0 && time < times[index - 1])).toBe(-1);
		expect(times[times.length - 1]).toBeLessThan(Date.parse(dataset.options.endDate));
	});

	it('timestamps option: ISO strings by default, epoch ms on request, same instants', () => {
		expect(typeof events[0].timestamp).toBe('string');
		const asMillis: GeneratedEvent[] = generateDataset({ ...small, timestamps: 'ms' }).events;
		expect(asMillis).toHaveLength(events.length);
		expect(asMillis.every((event) => typeof event.timestamp === 'number')).toBe(true);
		expect(asMillis.map((event) => event.timestamp)).toEqual(events.map(millis));
	});

	it('has every event type the models need', () => {
		const types = new Set(events.map((event) => event.type));
		for (const type of [
			'delivered',
			'open',
			'click',
			'conversion',
			'web_visit',
			'purchase',
			'block',
			'unblock',
			'subscribe',
			'interaction',
			'unsubscribe',
		]) {
			expect(types).toContain(type);
		}
		expect(
			events
				.filter((event) => event.type === 'web_visit')
				.every((event) => (event.value as number) >= 1),
		).toBe(true);
	});

	// Broadcasts reach a contact once, so (contact, campaign) identifies the delivery.
	const broadcastDeliveredAt = new Map(
		events
			.filter((event) => event.type === 'delivered' && event.campaignKind === 'broadcast')
			.map((event) => [`${event.contactId}|${event.campaignId}`, millis(event)]),
	);
	const lagAfterDelivery = (event: GeneratedEvent) =>
		millis(event) - (broadcastDeliveredAt.get(`${event.contactId}|${event.campaignId}`) as number);

	it('Apple privacy opens are flagged machine and come minutes after the delivery', () => {
		const machineOpens = events.filter((event) => event.type === 'open' && event.machine);
		expect(machineOpens.length).toBeGreaterThan(100);
		const lags = machineOpens
			.filter((event) => event.campaignKind === 'broadcast')
			.map(lagAfterDelivery);
		expect(lags.length).toBeGreaterThan(50);
		expect(Math.min(...lags)).toBeGreaterThanOrEqual(60_000);
		expect(Math.max(...lags)).toBeLessThanOrEqual(15 * 60_000);
	});

	it('link-scanner clicks: machine, scanner user agent, within 30 s of the delivery', () => {
		const scannerClicks = events.filter((event) => event.type === 'click' && event.machine);
		expect(scannerClicks.length).toBeGreaterThan(50);
		expect(scannerClicks.every((click) => SCANNER_USER_AGENTS.includes(click.userAgent))).toBe(
			true,
		);
		const lags = scannerClicks
			.filter((event) => event.campaignKind === 'broadcast')
			.map(lagAfterDelivery);
		expect(Math.min(...lags)).toBeGreaterThanOrEqual(1000);
		expect(Math.max(...lags)).toBeLessThanOrEqual(30_000);
	});

	it('engagement is skewed: the top 10% of clickers make most real clicks, and many contacts never open', () => {
		const clicksPerContact = new Map<string, number>();
		const openers = new Set<string>();
		for (const event of events) {
			if (event.machine) continue;
			if (event.type === 'click')
				clicksPerContact.set(event.contactId, (clicksPerContact.get(event.contactId) ?? 0) + 1);
			if (event.type === 'open') openers.add(event.contactId);
		}
		const counts = Array.from(clicksPerContact.values()).sort((a, b) => b - a);
		const total = counts.reduce((sum, count) => sum + count, 0);
		const top = counts
			.slice(0, Math.ceil(small.contacts / 10))
			.reduce((sum, count) => sum + count, 0);
		expect(top / total).toBeGreaterThan(0.5);
		expect(openers.size / small.contacts).toBeLessThan(0.75);
	});

	it('audienceShare scales the number of broadcast sends', () => {
		const half: GeneratedEvent[] = generateDataset({ ...small, audienceShare: 0.5 }).events;
		const broadcastSends = (list: GeneratedEvent[]) =>
			list.filter((event) => event.type === 'delivered' && event.campaignKind === 'broadcast')
				.length;
		const ratio = broadcastSends(half) / broadcastSends(events);
		expect(ratio).toBeGreaterThan(0.4);
		expect(ratio).toBeLessThan(0.6);
	});
});

describe('data generator: writers', () => {
	let directory: string;
	beforeAll(() => {
		directory = mkdtempSync(join(tmpdir(), 'generator-'));
	});
	afterAll(() => rmSync(directory, { recursive: true, force: true }));

	it('CSV read back by csv-parse gives the same events', async () => {
		const file = join(directory, 'events.csv');
		await expect(writeEventsCsv(events, file)).resolves.toBe(events.length);
		const rows: Record<string, string>[] = parse(readFileSync(file), { columns: true });
		expect(rows).toHaveLength(events.length);
		const expected = events.map((event) => ({
			eventId: event.eventId,
			contactId: event.contactId,
			type: event.type,
			timestamp: String(event.timestamp),
			campaignId: event.campaignId ?? '',
			campaignKind: event.campaignKind ?? '',
			channel: event.channel ?? '',
			machine: event.machine ? 'true' : '',
			url: event.url ?? '',
			value: event.value === undefined ? '' : String(event.value),
			userAgent: event.userAgent ?? '',
		}));
		expect(rows).toEqual(expected);
	});

	it('NDJSON lines parse back to the same events', async () => {
		const file = join(directory, 'events.ndjson');
		await writeEventsNdjson(events, file);
		const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
		expect(lines.map((line) => JSON.parse(line))).toEqual(events);
	});

	it('writeEventFiles writes both formats in one pass', async () => {
		const paths = { csv: join(directory, 'both.csv'), ndjson: join(directory, 'both.ndjson') };
		await writeEventFiles(createGenerator(small).iterateEvents(), paths);
		await writeEventsCsv(events, join(directory, 'single.csv'));
		expect(readFileSync(paths.csv, 'utf8')).toBe(
			readFileSync(join(directory, 'single.csv'), 'utf8'),
		);
		expect(readFileSync(paths.ndjson, 'utf8')).toBe(
			readFileSync(join(directory, 'events.ndjson'), 'utf8'),
		);
	});
});
