import { ByteStringList } from '../../lib/events/byteStringList';
import { EventColumnsBuilder } from '../../lib/events/columnsBuilder';
import type { ColumnsBuilderOptions } from '../../lib/events/columnsBuilder';
import { prepareEventColumns } from '../../lib/events/eventColumns';
import type { EventColumns } from '../../lib/events/eventColumns';
import { readEventColumns } from '../../lib/events/eventColumnsReader';
import { StringIndex } from '../../lib/events/stringIndex';
import type { EngagementEvent } from '../../lib/events/types';

/**
 * The builder's storage at sizes the small random files of events.columnsReader.test.ts never reach: rows over many
 * chunks, eventIds repeated across chunks (also of dropped machine events), more contacts than the index starts
 * with, eventIds that outgrow a chunk's arena. The columns must be those `prepareEventColumns` gives.
 */

const AS_OF = Date.UTC(2026, 10, 1);
const TYPES = ['sent', 'delivered', 'open', 'click', 'purchase', 'web_visit'] as const;

/** A small deterministic generator (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function manyEvents(count: number, seed: number): EngagementEvent[] {
	const next = random(seed);
	const pick = (n: number) => Math.floor(next() * n);
	const events: EngagementEvent[] = [];
	for (let i = 0; i < count; i++) {
		const roll = next();
		// ids: mostly new, some repeating one from anywhere before (across chunks), some long, some none
		let eventId: string | undefined = `e${i}`;
		if (roll < 0.05 && i > 0) eventId = events[pick(i)].eventId;
		else if (roll < 0.07) eventId = undefined;
		else if (roll < 0.08) eventId = `long-${'x'.repeat(200 + pick(300))}-${i}`;
		const type = TYPES[pick(TYPES.length)];
		const contact = pick(30_000);
		events.push({
			contactId: contact % 97 === 0 ? `zoë.${contact}@exämple.com` : `c${contact}@example.com`,
			type,
			timestamp: AS_OF - pick(200 * 86_400_000),
			...(next() < 0.8 ? { campaignId: `camp-${pick(300)}` } : {}),
			...(next() < 0.5 ? { campaignKind: next() < 0.5 ? 'automation' : 'transactional' } : {}),
			...(eventId === undefined ? {} : { eventId }),
			...(next() < 0.1 ? { machine: true } : {}),
			...(type === 'purchase' || type === 'web_visit' ? { value: pick(500) / 4 } : {}),
			...(next() < 0.05 ? { tracked: false } : {}),
		});
	}
	return events;
}

/** What the columns hold, as plain values (prepareEventColumns's arrays may be longer than the kept rows). */
function contents(columns: EventColumns) {
	const rows = <T extends Int32Array | Uint8Array | Float64Array>(column: T) =>
		Array.from(column.subarray(0, columns.length));
	return {
		length: columns.length,
		contact: rows(columns.contact),
		type: rows(columns.type),
		time: rows(columns.time),
		campaign: rows(columns.campaign),
		kind: rows(columns.kind),
		flags: rows(columns.flags),
		value: rows(columns.value),
		contactIds: columns.contactIds,
		campaignIds: columns.campaignIds,
		excludeMachine: columns.excludeMachine,
		eventsRead: columns.eventsRead,
		duplicates: columns.duplicates,
		machineExcluded: columns.machineExcluded,
		untrackedEvents: columns.untrackedEvents,
	};
}

function csvOf(events: EngagementEvent[]): Uint8Array {
	const lines = ['eventId,contactId,type,timestamp,campaignId,campaignKind,machine,value,tracked'];
	for (const event of events) {
		lines.push(
			[
				event.eventId ?? '',
				event.contactId,
				event.type,
				event.timestamp,
				event.campaignId ?? '',
				event.campaignKind ?? '',
				event.machine === true ? 'true' : '',
				event.value ?? '',
				event.tracked === false ? 'false' : '',
			].join(','),
		);
	}
	return new TextEncoder().encode(lines.join('\n'));
}

const OPTIONS: ColumnsBuilderOptions[] = [
	{},
	{ excludeMachine: false },
	{ dedupe: false },
	{ excludeMachine: false, dedupe: false },
];

describe('EventColumnsBuilder', () => {
	const events = manyEvents(40_000, 8);

	it.each(OPTIONS)(
		'builds the columns prepareEventColumns gives, over many chunks (%j)',
		(options) => {
			const builder = new EventColumnsBuilder(options);
			for (const event of events) builder.appendEvent(event);
			const actual = builder.columns();
			const expected = prepareEventColumns(events, options);
			expect(contents(actual)).toEqual(contents(expected));
			expect(actual.time).toHaveLength(actual.length);
			expect(builder.columns()).toBe(actual);
			if (options.dedupe !== false) expect(actual.duplicates).toBeGreaterThan(1500);
		},
	);

	it('reads eventIds from CSV bytes into the same columns, chunks cut anywhere', async () => {
		const bytes = csvOf(events);
		const chunks: Uint8Array[] = [];
		for (let at = 0; at < bytes.length; at += 65_521) chunks.push(bytes.subarray(at, at + 65_521));
		for (const options of OPTIONS) {
			const actual = await readEventColumns(chunks, { format: 'csv', ...options });
			expect(contents(actual)).toEqual(contents(prepareEventColumns(events, options)));
		}
	});

	it('gives empty columns when no event is kept', () => {
		const builder = new EventColumnsBuilder();
		builder.appendEvent({
			contactId: 'c',
			type: 'open',
			timestamp: AS_OF,
			machine: true,
			eventId: 'e',
		});
		const columns = builder.columns();
		expect(contents(columns)).toMatchObject({
			length: 0,
			contact: [],
			eventsRead: 1,
			machineExcluded: 1,
		});
	});
});

describe('StringIndex', () => {
	it('codes strings in order of first sight, equal strings alike, across growth', () => {
		const index = new StringIndex();
		const codes: number[] = [];
		for (let i = 0; i < 5000; i++) codes.push(index.codeOf(`id-${i % 3000}`));
		// a string equal to a known one but built anew gets its code
		for (let i = 0; i < 3000; i++) expect(index.codeOf(['id', String(i)].join('-'))).toBe(i);
		expect(codes).toEqual(Array.from({ length: 5000 }, (_, i) => i % 3000));
		expect(index.ids).toEqual(Array.from({ length: 3000 }, (_, i) => `id-${i}`));
	});

	it('keeps the copy it is given for a new string', () => {
		const index = new StringIndex();
		index.codeOf('a', (id) => `${id}!`);
		expect(index.ids).toEqual(['a!']);
	});
});

describe('ByteStringList', () => {
	it('compares strings by their bytes across chunks and outgrown arenas', () => {
		const list = new ByteStringList();
		const texts: string[] = [];
		const encoder = new TextEncoder();
		for (let i = 0; i < 40_000; i++) {
			const text = i % 1000 === 7 ? `${'y'.repeat(1000)}${i % 5}` : `s${i % 20_000}`;
			texts.push(text);
			const bytes = encoder.encode(`<${text}>`);
			list.add(bytes, 1, bytes.length - 1);
		}
		expect(list.count).toBe(40_000);
		for (const [a, b] of [
			[5, 20_005],
			[19_999, 39_999],
			[7, 5007],
			[7, 1007],
			[16_383, 16_384],
			[0, 32_768],
			[7, 8],
		]) {
			expect(list.equal(a, b)).toBe(texts[a] === texts[b]);
		}
	});
});
