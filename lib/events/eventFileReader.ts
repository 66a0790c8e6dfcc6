import { CsvEventParser, NdjsonEventParser } from './parseEvents';
import type { CsvEventOptions } from './parseEvents';
import type { EngagementEvent } from './types';

export type EventFileFormat = 'csv' | 'ndjson';

export interface EventFileOptions extends CsvEventOptions {
	/** 'auto' (default): by file name or MIME type, else by the first character (`{` → NDJSON). */
	format?: EventFileFormat | 'auto';
	fileName?: string;
	mimeType?: string;
}

/** The format a file's name or MIME type says, if it says one. */
export function formatOfFileName(fileName = '', mimeType = ''): EventFileFormat | undefined {
	const name = fileName.toLowerCase();
	if (name.endsWith('.ndjson') || name.endsWith('.jsonl') || mimeType.includes('ndjson')) {
		return 'ndjson';
	}
	if (name.endsWith('.csv') || mimeType.includes('csv')) return 'csv';
	return undefined;
}

/**
 * A CSV or NDJSON event file read in byte chunks as they arrive (a stream from disk or n8n's binary store): UTF-8 is
 * decoded chunk by chunk (a character split across chunks is kept whole) and each chunk yields the events its complete
 * rows hold, so the file is never one string in memory. Errors name the row (0-based, CSV header excluded) and field,
 * as `parseEventsCsv` / `parseEventsNdjson`, which give the same events for the whole text.
 */
export class EventFileReader {
	private readonly decoder = new TextDecoder('utf-8');
	private parser: CsvEventParser | NdjsonEventParser | undefined;
	/** Text held back while an 'auto' format waits for the first non-blank character. */
	private undecided = '';

	constructor(private readonly options: EventFileOptions = {}) {
		const format =
			options.format === undefined || options.format === 'auto'
				? formatOfFileName(options.fileName, options.mimeType)
				: options.format;
		if (format !== undefined) this.parser = this.parserFor(format);
	}

	push(chunk: Uint8Array | string): EngagementEvent[] {
		const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
		return this.detached(this.pushText(text));
	}

	end(): EngagementEvent[] {
		return this.detached(this.ending());
	}

	/**
	 * Fields cut out of a chunk's text can share that text (V8 keeps long substrings as slices of their parent), so a
	 * few strings kept per chunk would keep the whole file in memory. Contact ids and the other long, repeated fields
	 * are replaced by one stand-alone copy per distinct value.
	 */
	private detached(events: EngagementEvent[]): EngagementEvent[] {
		for (const event of events) {
			event.contactId = this.ownCopy(event.contactId);
			if (event.campaignId !== undefined) event.campaignId = this.ownCopy(event.campaignId);
			if (event.url !== undefined) event.url = this.ownCopy(event.url);
			if (event.userAgent !== undefined) event.userAgent = this.ownCopy(event.userAgent);
			if (event.ip !== undefined) event.ip = this.ownCopy(event.ip);
			if (event.messageId !== undefined) event.messageId = copyOf(event.messageId);
			if (event.eventId !== undefined) event.eventId = copyOf(event.eventId);
		}
		return events;
	}

	private readonly copies = new Map<string, string>();

	private ownCopy(text: string): string {
		let copy = this.copies.get(text);
		if (copy === undefined) {
			copy = copyOf(text);
			this.copies.set(copy, copy);
		}
		return copy;
	}

	private ending(): EngagementEvent[] {
		const events = this.pushText(this.decoder.decode());
		if (this.parser === undefined) this.parser = this.parserFor('csv');
		if (this.undecided !== '') {
			for (const event of this.parser.push(this.undecided)) events.push(event);
			this.undecided = '';
		}
		for (const event of this.parser.end()) events.push(event);
		return events;
	}

	private pushText(text: string): EngagementEvent[] {
		if (this.parser !== undefined) return text === '' ? [] : this.parser.push(text);
		this.undecided += text;
		const first = this.undecided.trimStart().replace(/^\uFEFF/, '');
		if (first === '') return [];
		this.parser = this.parserFor(first.startsWith('{') ? 'ndjson' : 'csv');
		const held = this.undecided;
		this.undecided = '';
		return this.parser.push(held);
	}

	private parserFor(format: EventFileFormat): CsvEventParser | NdjsonEventParser {
		return format === 'ndjson'
			? new NdjsonEventParser(this.options)
			: new CsvEventParser(this.options);
	}
}

const SHORT = 12;

/** A string that shares no memory with the text it was cut from (V8 copies substrings this short anyway). */
export function copyOf(text: string): string {
	if (text.length <= SHORT) return text;
	let copy = '';
	for (let at = 0; at < text.length; at += SHORT) copy += text.slice(at, at + SHORT);
	return copy;
}

/** Every event of a file given as (async) byte or text chunks: what `EventFileReader` reads, collected. */
export async function readEventFile(
	chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
	options: EventFileOptions = {},
	onEvents?: (events: EngagementEvent[]) => void,
): Promise<EngagementEvent[]> {
	const reader = new EventFileReader(options);
	const all: EngagementEvent[] = [];
	const take = (events: EngagementEvent[]) => {
		if (onEvents !== undefined) onEvents(events);
		else for (const event of events) all.push(event);
	};
	for await (const chunk of chunks) take(reader.push(chunk));
	take(reader.end());
	return all;
}
