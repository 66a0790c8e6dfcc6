'use strict';
/**
 * Quick local timing of scoreContacts (not a test, not the benchmark — that is `npm run bench`).
 * Usage: node scripts/timeScoreContacts.js [libDir=dist/lib] [contacts=100000] [campaigns=8] [runs=5]
 * Build first (`npx tsc -p tsconfig.json` or into a temporary outDir and pass its lib folder).
 */
const path = require('node:path');
const { generateDataset } = require('./data/generator');
const { lodashDecay } = require('./bench/lodashDecay');

const [libDir = 'dist/lib', contactsArg = '100000', campaignsArg = '6', runsArg = '5'] =
	process.argv.slice(2);
const lib = require(path.resolve(libDir, 'index.js'));

/** CPU time of this process: steadier than wall time on a shared machine. */
function cpuMs() {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

const started = performance.now();
const { events, options } = generateDataset({
	contacts: Number(contactsArg),
	campaigns: Number(campaignsArg),
	timestamps: 'ms',
	duplicateRate: 0.01,
});
const asOf = options.endMs;
console.log(
	`${events.length} events generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

for (const model of ['decay', 'clickShare']) {
	const times = [];
	let result;
	for (let run = 0; run < Number(runsArg); run++) {
		const t0 = cpuMs();
		result = lib.scoreContacts(events, { model, asOf });
		times.push(cpuMs() - t0);
	}
	const best = Math.min(...times);
	console.log(
		`${model}: best ${best.toFixed(1)} ms CPU (${(events.length / best / 1000).toFixed(2)} M events/s), runs ${times
			.map((t) => t.toFixed(0))
			.join(' ')}; ${result.contacts.length} contacts`,
	);
}

const items = events.map((json) => ({ json }));
const t0 = cpuMs();
const baseline = lodashDecay(items, { asOf });
const lodashMs = cpuMs() - t0;
console.log(
	`lodash decay: ${lodashMs.toFixed(0)} ms (${(events.length / lodashMs / 1000).toFixed(2)} M events/s)`,
);

const ours = lib.scoreContacts(events, { model: 'decay', asOf });
let mismatches = 0;
const byId = new Map(ours.contacts.map((row) => [row.contactId, row]));
for (const row of baseline) {
	const mine = byId.get(row.contactId);
	if (!mine || mine.band !== row.band || Math.abs((mine.score ?? -1) - (row.score ?? -1)) > 1e-9)
		mismatches++;
}
console.log(`lodash vs scoreContacts: ${baseline.length} rows, ${mismatches} mismatches`);
