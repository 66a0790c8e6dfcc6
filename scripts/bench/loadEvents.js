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

function loadEventsCsv(file) {
	const text = fs.readFileSync(file, 'latin1');
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
	let start = text.indexOf('\n') + 1;
	while (start < text.length) {
		let end = text.indexOf('\n', start);
		if (end < 0) end = text.length;
		const fields = splitCsvLine(text.slice(start, end));
		start = end + 1;
		const [eventId, contactId, type, timestamp, campaignId, campaignKind, channel, machine, url, value, userAgent] = fields;
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
	}
	return events;
}

module.exports = { loadEventsCsv, splitCsvLine };
