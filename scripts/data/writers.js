'use strict';
/**
 * Streaming writers for event logs: CSV (RFC 4180, header row, fixed columns) and NDJSON (one JSON object per line).
 * They take any iterable (a generator streams 10^7 events in bounded memory) and respect back-pressure.
 */

const fs = require('node:fs');
const { once } = require('node:events');

const CSV_COLUMNS = [
	'eventId',
	'contactId',
	'type',
	'timestamp',
	'campaignId',
	'campaignKind',
	'channel',
	'machine',
	'url',
	'value',
	'userAgent',
];

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value) {
	if (value === undefined || value === null) return '';
	const text = value instanceof Date ? value.toISOString() : String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(event) {
	let line = '';
	for (let index = 0; index < CSV_COLUMNS.length; index++) {
		if (index > 0) line += ',';
		line += csvField(event[CSV_COLUMNS[index]]);
	}
	return line + '\n';
}

const ndjsonLine = (event) => JSON.stringify(event) + '\n';

/** Writes lines in ~256 KB chunks, waiting for 'drain' when the stream asks. Resolves with the number of events. */
async function writeLines(events, target, header, toLine) {
	const ownStream = typeof target === 'string';
	const stream = ownStream ? fs.createWriteStream(target) : target;
	let chunk = header;
	let count = 0;
	for (const event of events) {
		chunk += toLine(event);
		count++;
		if (chunk.length >= 256 * 1024) {
			if (!stream.write(chunk)) await once(stream, 'drain');
			chunk = '';
		}
	}
	if (chunk.length > 0 && !stream.write(chunk)) await once(stream, 'drain');
	if (ownStream) {
		stream.end();
		await once(stream, 'finish');
	}
	return count;
}

/** Writes events as CSV to a file path or a writable stream. */
function writeEventsCsv(events, target) {
	return writeLines(events, target, CSV_COLUMNS.join(',') + '\n', csvLine);
}

/** Writes events as NDJSON to a file path or a writable stream. */
function writeEventsNdjson(events, target) {
	return writeLines(events, target, '', ndjsonLine);
}

/**
 * One pass over `events`, written to several files at once: `{ csv?: path, ndjson?: path }`.
 * Resolves with the number of events.
 */
async function writeEventFiles(events, paths) {
	const sinks = [];
	if (paths.csv)
		sinks.push({
			stream: fs.createWriteStream(paths.csv),
			chunk: CSV_COLUMNS.join(',') + '\n',
			toLine: csvLine,
		});
	if (paths.ndjson)
		sinks.push({ stream: fs.createWriteStream(paths.ndjson), chunk: '', toLine: ndjsonLine });
	let count = 0;
	const flush = async (sink) => {
		if (sink.chunk.length > 0 && !sink.stream.write(sink.chunk)) await once(sink.stream, 'drain');
		sink.chunk = '';
	};
	for (const event of events) {
		count++;
		for (const sink of sinks) {
			sink.chunk += sink.toLine(event);
			if (sink.chunk.length >= 256 * 1024) await flush(sink);
		}
	}
	for (const sink of sinks) {
		await flush(sink);
		sink.stream.end();
		await once(sink.stream, 'finish');
	}
	return count;
}

module.exports = {
	writeEventsCsv,
	writeEventsNdjson,
	writeEventFiles,
	CSV_COLUMNS,
	csvLine,
	ndjsonLine,
};
