'use strict';
/**
 * Untimed input loading for the benchmark: reads the generator's events CSV (scripts/data/writers.js columns) into
 * EngagementEvent objects, shaped exactly as the generator makes them (absent fields left out, `timestamp` a number
 * when the file holds epoch ms). Strings that repeat (contact ids, types, campaign ids) are interned so that 10^7
 * events fit in memory.
 */

const fs = require('node:fs');

function splitCsvLine(line) {
	if (line.indexOf('"') < 0) return line.split(',');
	const fields = [];
	let field = '';
	let quoted = false;
	for (let index = 0; index < line.length; index++) {
		const char = line[index];
		if (quoted) {
			if (char === '"') {
				if (line[index + 1] === '"') {
					field += '"';
					index++;
				} else quoted = false;
			} else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			fields.push(field);
			field = '';
		} else field += char;
	}
	fields.push(field);
	return fields;
}

/** Calls `onLine` for each line of a file, reading 64 MiB at a time (files beyond V8's longest string are fine). */
function forEachLine(file, encoding, onLine) {
	const { StringDecoder } = require('node:string_decoder');
	const decoder = new StringDecoder(encoding);
	const buffer = Buffer.allocUnsafe(64 * 2 ** 20);
	const descriptor = fs.openSync(file, 'r');
	let pending = '';
	try {
		for (;;) {
			const read = fs.readSync(descriptor, buffer, 0, buffer.length, null);
			const text = pending + (read > 0 ? decoder.write(buffer.subarray(0, read)) : decoder.end());
			let start = 0;
			for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
				onLine(text.slice(start, end));
				start = end + 1;
			}
			pending = text.slice(start);
			if (read === 0) break;
		}
		if (pending) onLine(pending);
	} finally {
		fs.closeSync(descriptor);
	}
}

/** Calls `onChunk` with the file's bytes, `size` at a time (64 KiB: what a Node read stream hands out), in one reused buffer. */
function forEachByteChunk(file, onChunk, size = 64 * 2 ** 10) {
	const buffer = Buffer.allocUnsafe(size);
	const descriptor = fs.openSync(file, 'r');
	try {
		for (
			let read = fs.readSync(descriptor, buffer);
			read > 0;
			read = fs.readSync(descriptor, buffer)
		) {
			onChunk(buffer.subarray(0, read));
		}
	} finally {
		fs.closeSync(descriptor);
	}
}

function loadEventsCsv(file) {
	const interned = new Map();
	const intern = (value) => {
		let known = interned.get(value);
		if (known === undefined) {
			known = value;
			interned.set(value, value);
		}
		return known;
	};
	const events = [];
	let header = true;
	forEachLine(file, 'latin1', (line) => {
		if (header) {
			header = false;
			return;
		}
		if (!line) return;
		const [
			eventId,
			contactId,
			type,
			timestamp,
			campaignId,
			campaignKind,
			channel,
			machine,
			url,
			value,
			userAgent,
		] = splitCsvLine(line);
		const event = {
			eventId,
			contactId: intern(contactId),
			type: intern(type),
			timestamp: /^\d+$/.test(timestamp) ? Number(timestamp) : timestamp,
		};
		if (campaignId) {
			event.campaignId = intern(campaignId);
			event.campaignKind = intern(campaignKind);
		}
		event.channel = intern(channel);
		if (machine === 'true') event.machine = true;
		if (url) event.url = intern(url);
		if (value) event.value = Number(value);
		if (userAgent) event.userAgent = intern(userAgent);
		events.push(event);
	});
	return events;
}

module.exports = { loadEventsCsv, splitCsvLine, forEachByteChunk };
