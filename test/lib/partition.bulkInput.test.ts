import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { EventFileReader, readEventFile } from '../../lib/events/eventFileReader';
import { parseEventsCsv, parseEventsNdjson } from '../../lib/events/parseEvents';
import type { EngagementEvent } from '../../lib/events/types';
import { scoreContacts } from '../../lib/scoreContacts';

/* eslint-disable @typescript-eslint/no-require-imports */
const { createGenerator } = require('../../scripts/data/generator');
const { writeEventFiles } = require('../../scripts/data/writers');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Bulk input (issue 8 item 2): event files read in chunks, never as one string, with the same events and scores. */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function chunksOf(text: string, sizes: number[]): Buffer[] {
	const bytes = Buffer.from(text, 'utf8');
	const chunks: Buffer[] = [];
	let at = 0;
	for (let i = 0; at < bytes.length; i++) {
		const size = Math.max(1, sizes[i % sizes.length]);
		chunks.push(bytes.subarray(at, at + size));
		at += size;
	}
	return chunks;
}

const CSV = [
	'contactId,type,timestamp,campaignId,url',
	'zoë@exämple.com,sent,2026-10-01T10:00:00Z,c1,',
	'"zoë@exämple.com",click,2026-10-01T11:00:00Z,c1,"https://x.io/?a=1,b=2"',
	'李@例子.中国,open,1790000000000,c1,',
	'',
].join('\r\n');
const NDJSON = [
	'{"contactId":"zoë@exämple.com","type":"sent","timestamp":"2026-10-01T10:00:00Z","campaignId":"c1"}',
	'{"contactId":"李@例子.中国","type":"open","timestamp":1790000000000,"campaignId":"c1"}',
	'',
].join('\n');

describe('EventFileReader', () => {
	it('gives the whole-text parse for any chunking, multi-byte characters split across chunks included', async () => {
		for (const sizes of [[1], [2, 3], [5, 1, 7], [64], [1 << 20]]) {
			expect(await readEventFile(chunksOf(CSV, sizes), { format: 'csv' })).toEqual(
				parseEventsCsv(CSV),
			);
			expect(await readEventFile(chunksOf(NDJSON, sizes))).toEqual(parseEventsNdjson(NDJSON));
		}
	});

	it('detects the format by file name, MIME type, then first character', async () => {
		expect(await readEventFile([NDJSON], { fileName: 'events.jsonl' })).toHaveLength(2);
		expect(await readEventFile([CSV], { mimeType: 'text/csv' })).toHaveLength(3);
		expect(await readEventFile(chunksOf(`\n  ${NDJSON}`, [1]))).toHaveLength(2);
		expect(await readEventFile(chunksOf(CSV, [1]))).toHaveLength(3);
	});

	it('names the row and field of a bad row, as the whole-text parser does', async () => {
		const bad = `${CSV}a@x.io,flew,2026-10-01T10:00:00Z,c1,\n`;
		const message = (() => {
			try {
				parseEventsCsv(bad);
			} catch (error) {
				return (error as Error).message;
			}
			return '';
		})();
		expect(message).toMatch(/type/);
		await expect(readEventFile(chunksOf(bad, [7]), { format: 'csv' })).rejects.toThrow(message);
	});

	it('a file of only a header yields no event; an empty file is a CSV without a header', () => {
		const reader = new EventFileReader({ format: 'csv' });
		expect(reader.push('contactId,type,timestamp\n')).toEqual([]);
		expect(reader.end()).toEqual([]);
		expect(() => new EventFileReader().end()).toThrow(/no header/);
	});
});

describe('a million-event file, streamed', () => {
	let dir: string;
	let file: string;
	let fileBytes: number;

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-input-'));
		file = path.join(dir, 'events.csv');
		// ~1.06 M events (17 500 contacts, 40 campaigns, 6 months), epoch-ms timestamps: about 94 MB of CSV
		const generator = createGenerator({ seed: 8, contacts: 17_500, timestamps: 'ms' });
		await writeEventFiles(generator.iterateEvents(), { csv: file });
		fileBytes = fs.statSync(file).size;
	}, 120_000);
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('scores with heap growth well below the file size, and exactly as the whole-text parse', async () => {
		const options = { model: 'decay', asOf: '2026-11-01T00:00:00Z' };
		gc();
		const baseline = process.memoryUsage().heapUsed;
		let peak = baseline;
		const events: EngagementEvent[] = [];
		await readEventFile(
			fs.createReadStream(file, { highWaterMark: 1 << 20 }),
			{ format: 'csv' },
			(chunk) => {
				for (const event of chunk) events.push(event);
				peak = Math.max(peak, process.memoryUsage().heapUsed);
			},
		);
		gc();
		const heldByEvents = process.memoryUsage().heapUsed - baseline;
		const streamed = scoreContacts(events, options);
		peak = Math.max(peak, process.memoryUsage().heapUsed);
		const streamedGrowth = peak - baseline;
		expect(events.length).toBeGreaterThan(1_000_000);
		events.length = 0;
		gc();

		// The same file as one string (what reading the binary whole did before).
		const wholeBaseline = process.memoryUsage().heapUsed;
		const text = fs.readFileSync(file, 'utf8');
		const whole = parseEventsCsv(text);
		const wholeGrowth = process.memoryUsage().heapUsed - wholeBaseline;
		const reference = scoreContacts(whole, options);
		expect(streamed.contacts).toEqual(reference.contacts);
		expect(streamed.account).toEqual(reference.account);

		const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
		process.stderr.write(
			`bulk input: file ${mb(fileBytes)}, ${whole.length} events (text ${mb(text.length)}); streamed: events held ${mb(heldByEvents)}, peak heap growth ${mb(streamedGrowth)}; whole text: ${mb(wholeGrowth)} after parsing\n`,
		);
		// Streaming keeps no file text: what stays is the events (~200 bytes each in V8) and the scoring columns.
		expect(heldByEvents).toBeLessThan(wholeGrowth - 0.5 * fileBytes);
		expect(streamedGrowth).toBeLessThan(3 * fileBytes);
	}, 180_000);
});
