'use strict';
/**
 * Dev tool: how fast is a columnar model on prepared event columns, and where does its time go? Reads the benchmark
 * events (run `npm run bench -- --cases library` once to generate them), prepares the columns once with
 * `prepareEventColumns` from the built library (dist/lib), then times `model.fromColumns(columns, params, context)`
 * best of `--runs`. With `--baseline DIR` (another build, e.g. a copy of dist/ made before a change) both builds run
 * interleaved in one process and their results must be byte-identical (JSON), so the ratio is a fair A/B.
 * `--profile` adds a sampling CPU profile of a few more runs: self time per function, the phases of the model.
 *
 *   node scripts/bench/scoringPhases.js [--csv .tmp/bench/…/events.csv] [--model decay] [--runs 7] [--build dist]
 *                                       [--baseline .tmp/dist-before] [--from objects|csv] [--phases] [--profile] [--lodash]
 *                                       [--compact]
 *
 * `--phases` also times shared steps alone (the contact-id sort, the output ranks). `--from csv` builds the columns with
 * readEventColumns from the file's bytes (the CSV input path) instead of prepareEventColumns on event objects.
 * `--lodash` interleaves the Code-node baseline (lodashDecay.js on `[{ json: event }]` items) for issue 8's ratio;
 * `--compact` scores with `explain: false` (rows of contactId, score and band, as the baseline returns).
 */
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');
const { parseArgs } = require('node:util');
const { loadEventsCsv } = require('./loadEvents');

const ROOT = path.resolve(__dirname, '..', '..');

const { values: args } = parseArgs({
	options: {
		csv: { type: 'string' },
		model: { type: 'string' },
		runs: { type: 'string' },
		build: { type: 'string' },
		baseline: { type: 'string' },
		from: { type: 'string' },
		profile: { type: 'boolean' },
		phases: { type: 'boolean' },
		lodash: { type: 'boolean' },
		compact: { type: 'boolean' },
	},
});
const csv = path.resolve(
	ROOT,
	args.csv || '.tmp/bench/seed42-events1000000-contacts100000/events.csv',
);
const modelName = args.model || 'decay';
const runs = Number(args.runs || 7);
const { asOf } = JSON.parse(fs.readFileSync(path.join(path.dirname(csv), 'dataset.json'), 'utf8'));

function loadBuild(directory) {
	const lib = path.join(directory, 'lib');
	const { prepareEventColumns } = require(path.join(lib, 'events', 'eventColumns.js'));
	const { getScoringModel } = require(path.join(lib, 'models', 'registry.js'));
	const model = getScoringModel(modelName);
	if (typeof model.fromColumns !== 'function') throw new Error(`${modelName} has no columnar path`);
	return { prepareEventColumns, model, file: path.join(lib, 'models', `${modelName}.js`) };
}

const build = path.resolve(ROOT, args.build || 'dist');
const builds = { after: loadBuild(build) };
if (args.baseline) builds.before = loadBuild(path.resolve(ROOT, args.baseline));

function readColumnsFromCsv() {
	const { readEventColumns } = require(path.join(build, 'lib', 'events', 'eventColumnsReader.js'));
	return readEventColumns([fs.readFileSync(csv)], { format: 'csv' });
}

async function main() {
	const events = args.from === 'csv' && !args.lodash ? undefined : loadEventsCsv(csv);
	// --from objects (default): prepareEventColumns on event objects (ids are slices of the parsed lines);
	// --from csv: readEventColumns on the file's bytes, as the CSV input path builds them (ids decoded one by one).
	const columns =
		args.from === 'csv'
			? await readColumnsFromCsv()
			: builds.after.prepareEventColumns(events, { timezone: 'UTC' });

	const context = { asOf, timezone: 'UTC', explain: !args.compact };
	const parameters = {};
	console.log(
		`${modelName}: ${columns.eventsRead} events → ${columns.length} rows, ${columns.contactIds.length} contacts; best of ${runs}`,
	);

	const cases = {};
	for (const [name, build] of Object.entries(builds)) {
		cases[name] = () => build.model.fromColumns(columns, parameters, context);
	}
	if (args.phases) {
		// Shared steps of the columnar models, timed alone: the contact-id order and the output ranks built from it.
		const events = path.join(build, 'lib', 'events');
		const { stringOrder } = require(path.join(events, 'stringOrder.js'));
		const { contactRanks } = require(path.join(events, 'eventColumns.js'));
		cases['phase: stringOrder(contactIds)'] = () => stringOrder(columns.contactIds);
		cases['phase: contactRanks'] = () => contactRanks(columns, asOf);
	}
	if (args.lodash) {
		const { lodashDecay } = require('./lodashDecay');
		const items = events.map((json) => ({ json }));
		cases.lodash = () => lodashDecay(items, { asOf });
	}

	if (builds.before) {
		const a = JSON.stringify(cases.after());
		const b = JSON.stringify(cases.before());
		if (a !== b) {
			let at = 0;
			while (at < a.length && a[at] === b[at]) at++;
			console.error(`results differ at character ${at}:`);
			console.error(`  after:  …${a.slice(Math.max(0, at - 200), at + 200)}`);
			console.error(`  before: …${b.slice(Math.max(0, at - 200), at + 200)}`);
			process.exit(1);
		}
		console.log(`results byte-identical (${(a.length / 2 ** 20).toFixed(1)} MiB of JSON)`);
	}

	// Wall time and CPU time (the process's, all threads): on a shared machine CPU time is the steadier of the two.
	const best = {};
	const bestCpu = {};
	for (let run = 0; run < runs; run++) {
		for (const [name, fn] of Object.entries(cases)) {
			const cpu = process.cpuUsage();
			const started = performance.now();
			fn();
			best[name] = Math.min(best[name] ?? Infinity, performance.now() - started);
			const used = process.cpuUsage(cpu);
			bestCpu[name] = Math.min(bestCpu[name] ?? Infinity, (used.user + used.system) / 1000);
		}
	}
	for (const [name, ms] of Object.entries(best)) {
		const ratios = Object.keys(best)
			.filter((other) => other !== name && !other.startsWith('phase'))
			.map(
				(other) =>
					`${(best[other] / ms).toFixed(2)}× ${other} (cpu ${(bestCpu[other] / bestCpu[name]).toFixed(2)}×)`,
			)
			.join(', ');
		console.log(
			`${name.padEnd(8)} ${ms.toFixed(1).padStart(8)} ms, cpu ${bestCpu[name].toFixed(1).padStart(8)} ms  ${ratios}`,
		);
	}

	if (args.profile) {
		const session = new inspector.Session();
		session.connect();
		const post = (method, params) =>
			new Promise((resolve, reject) =>
				session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
			);
		(async () => {
			await post('Profiler.enable');
			await post('Profiler.setSamplingInterval', { interval: 100 });
			await post('Profiler.start');
			const profiled = 5;
			for (let run = 0; run < profiled; run++) cases.after();
			const { profile } = await post('Profiler.stop');
			session.disconnect();
			const interval = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
			const selfMs = new Map();
			for (const node of profile.nodes) {
				const frame = node.callFrame;
				const file = frame.url ? path.basename(frame.url) : '';
				const name = `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}` : ''}`;
				selfMs.set(name, (selfMs.get(name) ?? 0) + (node.hitCount * interval) / profiled);
			}
			const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
			console.log(
				`\nself time per run (ms), ${profiled} profiled runs of 'after', ${total.toFixed(1)} ms sampled:`,
			);
			for (const [name, ms] of [...selfMs].sort((x, y) => y[1] - x[1]).slice(0, 20)) {
				console.log(
					`${ms.toFixed(1).padStart(8)}  ${((ms / total) * 100).toFixed(0).padStart(3)} %  ${name}`,
				);
			}
			// Line by line inside the model's file: the phases of its passes.
			const byLine = new Map();
			for (const node of profile.nodes) {
				if (!node.callFrame.url.endsWith(`${modelName}.js`)) continue;
				for (const tick of node.positionTicks ?? []) {
					byLine.set(tick.line, (byLine.get(tick.line) ?? 0) + (tick.ticks * interval) / profiled);
				}
			}
			const source = fs.readFileSync(builds.after.file, 'utf8').split('\n');
			console.log(`\nhottest lines of ${modelName}.js (ms per run):`);
			for (const [line, ms] of [...byLine].sort((x, y) => y[1] - x[1]).slice(0, 25)) {
				console.log(
					`${ms.toFixed(1).padStart(8)}  ${String(line).padStart(4)}  ${(source[line - 1] ?? '').trim().slice(0, 100)}`,
				);
			}
		})();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
