#!/usr/bin/env node
'use strict';
/**
 * CLI: writes a deterministic synthetic dataset.
 *
 *   node scripts/data/generate.js --contacts 3000 --out demo-data/
 *
 * Files: events.csv, events.ndjson, contacts.json, campaigns.json, dataset.json (the options used and counts).
 * Flags (defaults in generator.js): --seed, --contacts, --campaigns, --months, --end-date, --timestamps iso|ms,
 * --audience-share, --include-sent, --duplicate-rate, --formats csv,ndjson
 */

const fs = require('node:fs');
const path = require('node:path');
const { createGenerator } = require('./generator');
const { writeEventFiles } = require('./writers');

function parseArgs(argv) {
	const args = {};
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index];
		if (!flag.startsWith('--')) throw new Error(`unexpected argument ${flag}`);
		const name = flag.slice(2).replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
		const next = argv[index + 1];
		if (next === undefined || next.startsWith('--')) args[name] = true;
		else {
			args[name] = next;
			index++;
		}
	}
	return args;
}

const NUMERIC = ['seed', 'contacts', 'campaigns', 'months', 'audienceShare', 'duplicateRate'];

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const out = args.out || 'demo-data';
	const formats = String(args.formats || 'csv,ndjson').split(',');
	const options = {};
	for (const key of NUMERIC) if (args[key] !== undefined) options[key] = Number(args[key]);
	if (args.endDate) options.endDate = args.endDate;
	if (args.timestamps) options.timestamps = args.timestamps;
	if (args.includeSent) options.includeSent = true;

	fs.mkdirSync(out, { recursive: true });
	const generator = createGenerator(options);
	const started = Date.now();
	const events = await writeEventFiles(generator.iterateEvents(), {
		csv: formats.includes('csv') ? path.join(out, 'events.csv') : undefined,
		ndjson: formats.includes('ndjson') ? path.join(out, 'events.ndjson') : undefined,
	});
	fs.writeFileSync(path.join(out, 'contacts.json'), JSON.stringify(generator.contacts) + '\n');
	fs.writeFileSync(
		path.join(out, 'campaigns.json'),
		JSON.stringify(generator.campaigns, null, 1) + '\n',
	);
	const { endMs, startMs, ...used } = generator.options;
	const summary = {
		generator: 'scripts/data/generate.js',
		options: used,
		from: new Date(startMs).toISOString(),
		to: new Date(endMs).toISOString(),
		contacts: generator.contacts.length,
		campaigns: generator.campaigns.length,
		events,
	};
	fs.writeFileSync(path.join(out, 'dataset.json'), JSON.stringify(summary, null, 1) + '\n');
	console.log(
		`${events} events, ${summary.contacts} contacts, ${summary.campaigns} campaigns → ${out} (${Date.now() - started} ms)`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
