import { EngagementInputError } from '../errors';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface CsvReadOptions {
	/** Field separator, one character; default ','. */
	delimiter?: string;
}

/**
 * An RFC 4180 record reader that takes text in chunks (a whole file is one chunk). Fields are separated by the
 * delimiter, records by CRLF, LF or CR; a field in double quotes may hold delimiters, line breaks and doubled quotes
 * (`""` → `"`). Lenient where the RFC is silent: a quote inside an unquoted field is kept as a character, records may
 * differ in length, and blank lines are skipped. A leading byte-order mark is dropped. Text after a closing quote other
 * than a delimiter or line break is an error naming the record.
 */
export class CsvRecordReader {
	private pending = '';
	private records = 0;
	private started = false;
	private readonly delimiter: number;
	/** Reused for every record: callbacks copy it to keep it. */
	private readonly fields: string[] = [];

	constructor(options: CsvReadOptions = {}) {
		const delimiter = options.delimiter ?? ',';
		if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
			throw new EngagementInputError('must be one character other than a quote or line break', {
				field: 'delimiter',
			});
		}
		this.delimiter = delimiter.charCodeAt(0);
	}

	/**
	 * Records completed by this chunk; an unfinished last record waits for the next chunk or `end()`. The `fields`
	 * array handed to `onRecord` is reused for the next record: copy it to keep it.
	 */
	push(chunk: string, onRecord: (fields: string[], recordIndex: number) => void): void {
		let text = this.pending.length > 0 ? this.pending + chunk : chunk;
		if (!this.started && text.length > 0) {
			this.started = true;
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		}
		const consumed = this.read(text, false, onRecord);
		this.pending = consumed < text.length ? text.slice(consumed) : '';
	}

	/** The last record, if the text did not end with a line break. */
	end(onRecord: (fields: string[], recordIndex: number) => void): void {
		const text = this.pending;
		this.pending = '';
		if (text.length > 0) this.read(text, true, onRecord);
	}

	/** Reads complete records from `text`; returns where the first incomplete one starts (text.length if none). */
	private read(
		text: string,
		final: boolean,
		onRecord: (fields: string[], recordIndex: number) => void,
	): number {
		const length = text.length;
		const delimiter = this.delimiter;
		const delimiterChar = String.fromCharCode(delimiter);
		let nextDelimiter = -2;
		let nextLf = -2;
		let nextCr = -2;
		let position = 0;
		while (position < length) {
			const recordStart = position;
			const fields = this.fields;
			fields.length = 0;
			for (;;) {
				if (position < length && text.charCodeAt(position) === QUOTE) {
					let value = '';
					let segment = position + 1;
					let closing: number;
					for (;;) {
						closing = text.indexOf('"', segment);
						if (closing < 0 || (closing === length - 1 && !final)) {
							if (!final) return recordStart;
							throw new EngagementInputError(
								`record ${this.records + 1}: unterminated quoted field`,
								{
									index: this.records,
								},
							);
						}
						if (text.charCodeAt(closing + 1) === QUOTE) {
							value += text.slice(segment, closing + 1);
							segment = closing + 2;
							continue;
						}
						break;
					}
					fields.push(value + text.slice(segment, closing));
					position = closing + 1;
					const next = position < length ? text.charCodeAt(position) : -1;
					if (next === delimiter) {
						position++;
						continue;
					}
					if (next === -1 || next === LF || next === CR) {
						const after = this.lineEnd(text, position, final);
						if (after < 0) return recordStart;
						position = after;
						break;
					}
					throw new EngagementInputError(
						`record ${this.records + 1}: unexpected ${JSON.stringify(text[position])} after a closing quote`,
						{ index: this.records },
					);
				}
				// Unquoted field: the nearest delimiter or line break, found with native searches whose results are
				// kept while still ahead (each pointer only moves forward, so the whole text is scanned once per kind).
				if (nextDelimiter < position && nextDelimiter !== -1)
					nextDelimiter = text.indexOf(delimiterChar, position);
				if (nextLf < position && nextLf !== -1) nextLf = text.indexOf('\n', position);
				if (nextCr < position && nextCr !== -1) nextCr = text.indexOf('\r', position);
				let end = nextDelimiter >= 0 ? nextDelimiter : length;
				if (nextLf >= 0 && nextLf < end) end = nextLf;
				if (nextCr >= 0 && nextCr < end) end = nextCr;
				if (end === length && !final) return recordStart;
				fields.push(text.slice(position, end));
				if (end < length && text.charCodeAt(end) === delimiter) {
					position = end + 1;
					continue;
				}
				const after = this.lineEnd(text, end, final);
				if (after < 0) return recordStart;
				position = after;
				break;
			}
			if (fields.length === 1 && fields[0] === '' && text.charCodeAt(recordStart) !== QUOTE)
				continue;
			onRecord(fields, this.records++);
		}
		return length;
	}

	/** Position after the line break at `position` (or the text's end); -1 when a CR ends a non-final chunk. */
	private lineEnd(text: string, position: number, final: boolean): number {
		if (position >= text.length) return final ? text.length : -1;
		if (text.charCodeAt(position) === LF) return position + 1;
		if (position + 1 < text.length)
			return text.charCodeAt(position + 1) === LF ? position + 2 : position + 1;
		return final ? position + 1 : -1;
	}
}

/** All records of a CSV text. */
export function readCsvRecords(text: string, options: CsvReadOptions = {}): string[][] {
	const records: string[][] = [];
	const reader = new CsvRecordReader(options);
	const collect = (fields: string[]) => records.push(fields.slice());
	reader.push(text, collect);
	reader.end(collect);
	return records;
}
