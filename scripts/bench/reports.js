#!/usr/bin/env node
'use strict';
/**
 * Timing of the report functions on generated events (not part of `npm test`; nothing asserted):
 *
 *   npm run build && node scripts/bench/reports.js [events=1e6] [contacts=60000]
 *
 * Prints the best of 5 runs of: the event preparation every report and model starts with (prepareEventColumns),
 * buildCampaignReport, engagementRates, and scoreContacts (decay) for scale. Timestamps are epoch ms.
 * LIB_DIR overrides where the built library is read from (default dist/lib).
 */

const path = require('node:path');
const { createGenerator } = require('../data/generator');

const libDir = process.env.LIB_DIR || path.join(__dirname, '../../dist/lib');
const lib = require(path.join(libDir, 'index.js'));
const { prepareEventColumns } = require(path.join(libDir, 'events/eventColumns.js'));

const eventCount = Number(process.argv[2] || 1e6);
const contacts = Number(process.argv[3] || 60000);
const generator = createGenerator({ seed: 7, contacts, timestamps: 'ms' });
const events = [];
for (const event of generator.iterateEvents()) {
	events.push(event);
	if (events.length >= eventCount) break;
}
const asOf = generator.options.endMs;

function best(run) {
	let fastest = Infinity;
	let result;
	for (let attempt = 0; attempt < 5; attempt++) {
		const start = process.hrtime.bigint();
		result = run();
		fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
	}
	return { ms: fastest, result };
}

const rows = [
	['prepareEventColumns', best(() => prepareEventColumns(events, {})), () => ''],
	[
		'buildCampaignReport',
		best(() => lib.buildCampaignReport(events, { timezone: 'Europe/Berlin' })),
		(r) => `${r.campaigns.length} campaigns, ${r.daily.length} daily, ${r.users.length} user rows`,
	],
	[
		'  without user rows',
		best(() =>
			lib.buildCampaignReport(events, {
				timezone: 'Europe/Berlin',
				sheets: ['campaigns', 'daily'],
			}),
		),
		(r) => `${r.campaigns.length} campaigns, ${r.daily.length} daily`,
	],
	['engagementRates', best(() => lib.engagementRates(events)), (r) => `${r.recipients} recipients`],
	[
		'scoreContacts (decay)',
		best(() => lib.scoreContacts(events, { model: 'decay', asOf })),
		(r) => `${r.contacts.length} contacts`,
	],
];
console.log(`${events.length} events, ${contacts} contacts, node ${process.version}`);
console.log('function                 best of 5   events/s     output');
for (const [name, { ms, result }, describe] of rows) {
	const rate = (events.length / (ms / 1000) / 1e6).toFixed(1);
	console.log(
		`${name.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms   ${rate.padStart(5)} M/s    ${describe(result)}`,
	);
}
