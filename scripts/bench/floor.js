'use strict';
/**
 * How fast can any JavaScript scorer that reads event objects go? Times, on the benchmark's events (run
 * `npm run bench -- --cases library` once to generate them), interleaved and best of `runs`:
 *   read     — one pass reading the fields scoreContacts reads (contactId, type, timestamp, campaign, eventId, machine);
 *   intern   — the same pass plus interning contact ids with a Map (what any per-contact grouping needs);
 *   library  — scoreContacts(events, { model: 'decay' }) from the built library (dist/lib).
 * Usage: node scripts/bench/floor.js [csv=.tmp/bench/seed42-events1000000-contacts100000/events.csv] [runs=5]
 */
const path = require('node:path');
const fs = require('node:fs');
const { loadEventsCsv } = require('./loadEvents');

const ROOT = path.resolve(__dirname, '..', '..');
const [csvArg, runsArg = '5'] = process.argv.slice(2);
const csv = path.resolve(
	ROOT,
	csvArg || '.tmp/bench/seed42-events1000000-contacts100000/events.csv',
);
const { asOf } = JSON.parse(fs.readFileSync(path.join(path.dirname(csv), 'dataset.json'), 'utf8'));
const { scoreContacts } = require(path.join(ROOT, 'dist', 'lib', 'index.js'));
const events = loadEventsCsv(csv);

function read() {
	let sink = 0;
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		sink += event.contactId.length + event.type.length + event.timestamp;
		if (event.campaignId !== undefined) sink += event.campaignId.length;
		if (event.campaignKind !== undefined) sink += event.campaignKind.length;
		if (event.eventId !== undefined) sink += event.eventId.charCodeAt(event.eventId.length - 1);
		if (event.machine === true) sink++;
	}
	return sink;
}

function intern() {
	const codes = new Map();
	let sink = read();
	for (let index = 0; index < events.length; index++) {
		const contactId = events[index].contactId;
		let code = codes.get(contactId);
		if (code === undefined) codes.set(contactId, (code = codes.size));
		sink += code;
	}
	return sink;
}

function library() {
	return scoreContacts(events, { model: 'decay', asOf }).contacts.length;
}

const cases = { read, intern, library };
const best = { read: Infinity, intern: Infinity, library: Infinity };
for (let run = 0; run < Number(runsArg); run++) {
	for (const [name, fn] of Object.entries(cases)) {
		const started = performance.now();
		fn();
		best[name] = Math.min(best[name], performance.now() - started);
	}
}
for (const [name, ms] of Object.entries(best)) {
	console.log(
		`${name.padEnd(8)} ${ms.toFixed(0).padStart(5)} ms  ${(events.length / ms / 1000).toFixed(2)} M events/s`,
	);
}
