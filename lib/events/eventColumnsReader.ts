import { EventColumnsBuilder } from './columnsBuilder';
import type { ColumnsBuilderOptions } from './columnsBuilder';
import { byteOrderMark, CsvColumnsParser } from './csvColumns';
import type { EventColumns } from './eventColumns';
import { formatOfFileName } from './eventFileReader';
import type { EventFileFormat, EventFileOptions } from './eventFileReader';
import { CsvEventParser, NdjsonEventParser } from './parseEvents';

export interface EventColumnsReaderOptions extends EventFileOptions, ColumnsBuilderOptions {}

/** Where a format's bytes go once it is known. */
interface ChunkSink {
	push(chunk: Uint8Array): void;
	end(): void;
}

/**
 * A CSV or NDJSON event file, given as UTF-8 byte chunks split anywhere, read straight into event columns
 * (`EventColumns`, for `scoreEventColumns`) without an object per event: what `EventFileReader` + `scoreContacts`'s
 * preparation (validation, eventId de-duplication, machine exclusion) give, in memory that grows only with the
 * columns (27 bytes per kept event), the distinct contact and campaign ids and the eventIds' bytes. Same options,
 * format detection (by name or MIME type, else `{` first → NDJSON), events and errors (row 0-based, CSV header
 * excluded, and field) as `EventFileReader`. CSV is parsed from its bytes (`CsvColumnsParser`); NDJSON lines, and CSV
 * whose mapping computes fields with functions or splits on a non-ASCII delimiter, go through the object parsers one
 * chunk at a time, their events appended and dropped.
 */
export class EventColumnsReader {
	private readonly builder: EventColumnsBuilder;
	private sink: ChunkSink | undefined;
	private format: EventFileFormat | undefined;
	/** Bytes held while the byte-order mark or an 'auto' format is undecided. */
	private held = new Uint8Array(0);
	private bomDone = false;

	constructor(private readonly options: EventColumnsReaderOptions = {}) {
		this.builder = new EventColumnsBuilder(options);
		this.format =
			options.format === undefined || options.format === 'auto'
				? formatOfFileName(options.fileName, options.mimeType)
				: options.format;
	}

	push(chunk: Uint8Array): void {
		if (this.sink !== undefined) {
			this.sink.push(chunk);
			return;
		}
		this.hold(chunk);
		// Like the UTF-8 decoder of EventFileReader, one leading byte-order mark goes before any format sees the bytes.
		if (!this.bomDone) {
			const bom = byteOrderMark(this.held, false);
			if (bom < 0 || this.held.length === 0) return;
			this.held = this.held.subarray(bom);
			this.bomDone = true;
		}
		if (this.format === undefined) {
			const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(this.held, {
				stream: true,
			});
			const first = text.trimStart().replace(/^\uFEFF/, '');
			if (first === '') return;
			this.format = first.startsWith('{') ? 'ndjson' : 'csv';
		}
		this.release();
	}

	/** The columns of the whole file (the reader is done). */
	end(): EventColumns {
		if (this.sink === undefined) {
			if (!this.bomDone) this.held = this.held.subarray(byteOrderMark(this.held, true));
			this.format ??= 'csv';
			this.release();
		}
		(this.sink as ChunkSink).end();
		return this.builder.columns();
	}

	private hold(chunk: Uint8Array): void {
		const held = new Uint8Array(this.held.length + chunk.length);
		held.set(this.held);
		held.set(chunk, this.held.length);
		this.held = held;
	}

	private release(): void {
		const delimiter = this.options.delimiter ?? ',';
		const computed = Object.values(this.options.fields ?? {}).some(
			(source) => typeof source === 'function',
		);
		this.sink =
			this.format === 'csv' && !computed && delimiter.charCodeAt(0) < 0x80
				? new CsvColumnsParser(this.builder, this.options)
				: new ObjectSink(this.builder, this.format === 'ndjson', this.options);
		const held = this.held;
		this.held = new Uint8Array(0);
		this.sink.push(held);
	}
}

/** Decodes chunks and parses them with the object parsers, appending each chunk's events to the columns. */
class ObjectSink implements ChunkSink {
	private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	private readonly parser: CsvEventParser | NdjsonEventParser;

	constructor(
		private readonly builder: EventColumnsBuilder,
		ndjson: boolean,
		options: EventFileOptions,
	) {
		this.parser = ndjson ? new NdjsonEventParser(options) : new CsvEventParser(options);
	}

	push(chunk: Uint8Array): void {
		const text = this.decoder.decode(chunk, { stream: true });
		if (text !== '') for (const event of this.parser.push(text)) this.builder.appendEvent(event);
	}

	end(): void {
		this.push(new Uint8Array(0));
		const rest = this.decoder.decode();
		if (rest !== '') for (const event of this.parser.push(rest)) this.builder.appendEvent(event);
		for (const event of this.parser.end()) this.builder.appendEvent(event);
	}
}

/** The event columns of a file given as (async) byte chunks: what `EventColumnsReader` reads. */
export async function readEventColumns(
	chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
	options: EventColumnsReaderOptions = {},
): Promise<EventColumns> {
	const reader = new EventColumnsReader(options);
	for await (const chunk of chunks) reader.push(chunk);
	return reader.end();
}
