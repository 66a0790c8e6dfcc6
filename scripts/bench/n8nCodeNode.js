'use strict';
/**
 * The baseline inside real n8n: the same event items (10^5 by default) handed to two nodes of one workflow in one `n8n execute` —
 * n8n's Code node running the lodash version (lodashDecay.js, verbatim) and our Score Contacts node (decay, Incoming
 * Items) — each node's own time taken from what n8n records (n8nTimingHook.js), so the comparison is node against
 * node in the same n8n process, on the same items. The items come from a JSON file of the events (typed exactly as
 * the plain-Node cases get them: numbers stay numbers), read by Read/Write Files, parsed by Extract From File and
 * split into one item per event by Split Out (all untimed: only the two nodes' times are reported). Both nodes'
 * results are written to files and checked against each other (same score and band for every contact).
 *
 * The pinned n8n 1.123 runs the Code node in-process (task runners are off by default), in its vm2 sandbox:
 * `$input.all()` and every property read of an item cross the sandbox bridge. `--task-runners` runs it in n8n's task
 * runner instead (N8N_RUNNERS_ENABLED=true, internal mode: a child process that fetches the items from n8n; the peak
 * RSS is then n8n's alone). Either way that is what a user of this n8n gets; scripts/bench/lodashDecay.js run in plain
 * Node (the `lodash` case of `npm run bench`) is the same code without n8n around it.
 *
 *   npm run bench:code-node -- [--events 1e5] [--repeat 1] [--task-runners]
 * (the same seeded data as `npm run bench`, generated if missing; 10^6 items take the in-process Code node minutes)
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { loadEventsCsv } = require('./loadEvents');
const {
	executeOnce,
	benchEnv,
	benchWorkflow,
	decayScoreNode,
	readFileStart,
	workflowNode,
} = require('./n8nRun');

/** The Code node's JavaScript: lodashDecay.js's function, verbatim, called on `$input.all()`. */
function codeNodeSource(asOf) {
	const source = fs.readFileSync(path.join(__dirname, 'lodashDecay.js'), 'utf8');
	const start = source.indexOf('function lodashDecay(');
	const end = source.indexOf('module.exports');
	return [
		"const _ = require('lodash');",
		'const DAY = 86400000;',
		source.slice(start, end).trim(),
		`return lodashDecay($input.all(), { asOf: ${JSON.stringify(new Date(asOf).toISOString())} })`,
		'\t.map((row) => ({ json: row }));',
	].join('\n');
}

function workflow({ eventsJson, asOf, codeFile, nodeFile, withCodeNode = true }) {
	const node = workflowNode;
	const to = (...names) => [names.map((name) => ({ node: name, type: 'main', index: 0 }))];
	const writeJson = (name, file, x, y) => [
		node(
			`${name} to JSON`,
			'n8n-nodes-base.convertToFile',
			1.1,
			{ operation: 'toJson', options: {} },
			[x, y],
		),
		node(
			`Write ${name}`,
			'n8n-nodes-base.readWriteFile',
			1,
			{ operation: 'write', fileName: file, dataPropertyName: 'data', options: {} },
			[x + 220, y],
		),
	];
	const name = 'Benchmark: Code node against Score Contacts on the same items';
	return dropCodeNode(
		withCodeNode,
		benchWorkflow('esBenchCodeNode', name, {
			nodes: [
				...readFileStart('Read events JSON', eventsJson),
				node(
					'Parse JSON',
					'n8n-nodes-base.extractFromFile',
					1,
					{ operation: 'fromJson', options: {} },
					[440, 0],
				),
				node(
					'One item per event',
					'n8n-nodes-base.splitOut',
					1,
					{ fieldToSplitOut: 'data', include: 'noOtherFields', options: {} },
					[660, 0],
				),
				node(
					'Code node (lodash)',
					'n8n-nodes-base.code',
					2,
					{ mode: 'runOnceForAllItems', language: 'javaScript', jsCode: codeNodeSource(asOf) },
					[880, -120],
				),
				decayScoreNode(asOf, { eventSource: 'items', options: {} }, [880, 120]),
				...writeJson('Code node rows', codeFile, 1100, -120),
				...writeJson('Score Contacts rows', nodeFile, 1100, 120),
			],
			connections: {
				'Run now': { main: to('Read events JSON') },
				'Read events JSON': { main: to('Parse JSON') },
				'Parse JSON': { main: to('One item per event') },
				'One item per event': { main: to('Code node (lodash)', 'Score Contacts') },
				'Code node (lodash)': { main: to('Code node rows to JSON') },
				'Code node rows to JSON': { main: to('Write Code node rows') },
				'Score Contacts': { main: to('Score Contacts rows to JSON') },
				'Score Contacts rows to JSON': { main: to('Write Score Contacts rows') },
			},
		}),
	);
}

/** The workflow without the Code node branch (for profiling Score Contacts alone). */
function dropCodeNode(keep, workflow) {
	if (keep) return workflow;
	const codeBranch = (name) => name.startsWith('Code node');
	return {
		...workflow,
		nodes: workflow.nodes.filter((node) => !codeBranch(node.name)),
		connections: Object.fromEntries(
			Object.entries(workflow.connections)
				.filter(([from]) => !codeBranch(from))
				.map(([from, { main }]) => [
					from,
					{ main: main.map((targets) => targets.filter((target) => !codeBranch(target.node))) },
				]),
		),
	};
}

/** The events of the bench CSV as a JSON array next to it (written once, untimed). */
function ensureEventsJson(csv) {
	const file = path.join(path.dirname(csv), 'events.json');
	if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(loadEventsCsv(csv)));
	return file;
}

/** contactId → "score band" of result rows, scores rounded to 10 digits (float sums may differ in the last bits). */
function scoresOf(rows) {
	return new Map(
		rows.map((row) => [
			row.contactId,
			`${row.score === null ? null : Number(row.score).toPrecision(10)} ${row.band}`,
		]),
	);
}

/** The Code node's rows (its file) against Score Contacts' (as `executeOnce` read them from theirs). */
function compare(codeFile, nodeRows) {
	const code = scoresOf(JSON.parse(fs.readFileSync(codeFile, 'utf8')));
	const ours = scoresOf(nodeRows);
	const differ = [...ours].filter(([contactId, value]) => code.get(contactId) !== value);
	return {
		contacts: ours.size,
		codeContacts: code.size,
		differ: differ.length,
		examples: differ
			.slice(0, 3)
			.map(([contactId, value]) => ({ contactId, ours: value, code: code.get(contactId) })),
	};
}

async function prepareCodeNode({ csv, asOf, withCodeNode = true, taskRunners = false }) {
	const { N8N_BIN, createUserFolder, n8nEnv } = require('../n8n/ensure-runtime');
	if (!fs.existsSync(N8N_BIN))
		throw new Error('no n8n runtime: run `npm run demo` once to install it');
	const n8n = require('../n8n/n8n');
	const eventsJson = ensureEventsJson(csv);
	const userFolder = createUserFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-code-')));
	const codeFile = path.join(userFolder, 'code-rows.json');
	const nodeFile = path.join(userFolder, 'score-contacts-rows.json');
	const file = path.join(userFolder, 'bench-workflow.json');
	fs.writeFileSync(
		file,
		JSON.stringify(workflow({ eventsJson, asOf, codeFile, nodeFile, withCodeNode })),
	);
	await n8n.importWorkflows(userFolder, [file]);
	const env = benchEnv(userFolder, n8nEnv);
	env.NODE_FUNCTION_ALLOW_EXTERNAL = 'lodash';
	if (taskRunners) env.N8N_RUNNERS_ENABLED = 'true';
	env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --max-old-space-size=12288`.trim();
	return {
		N8N_BIN,
		userFolder,
		// executeOnce reads this file's rows into `bands`: Score Contacts' rows, for compare()
		bandsFile: nodeFile,
		env,
		codeFile,
		workflowId: 'esBenchCodeNode',
	};
}

async function main() {
	const { values: flags } = parseArgs({
		options: {
			events: { type: 'string', default: '1e5' },
			contacts: { type: 'string' },
			seed: { type: 'string', default: '42' },
			repeat: { type: 'string', default: '1' },
			'task-runners': { type: 'boolean', default: false },
		},
	});
	const events = Number(flags.events);
	const contacts = Number(flags.contacts ?? Math.round(events / 10));
	const { ensureDataset } = require('./run');
	const { csv, asOf } = await ensureDataset({ events, contacts, seed: Number(flags.seed) });
	const prepared = await prepareCodeNode({
		csv,
		asOf,
		taskRunners: flags['task-runners'],
	});
	try {
		for (let round = 0; round < Number(flags.repeat); round++) {
			const run = await executeOnce(prepared);
			const nodes = Object.fromEntries((run.split?.nodes ?? []).map((n) => [n.name, n]));
			const code = nodes['Code node (lodash)'];
			const ours = nodes['Score Contacts'];
			console.log(
				JSON.stringify({
					wholeMs: Math.round(run.ms),
					peakRssMiB: Math.round(run.peakRssBytes / 2 ** 20),
					codeNodeMs: code?.ms,
					scoreContactsMs: ours?.ms,
					ratio: code && ours ? +(code.ms / ours.ms).toFixed(2) : undefined,
					nodes: run.split?.nodes,
					check: compare(prepared.codeFile, run.bands),
				}),
			);
		}
	} finally {
		if (!process.env.ES_BENCH_KEEP)
			fs.rmSync(prepared.userFolder, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { prepareCodeNode, compare };
