#!/usr/bin/env node
'use strict';
/**
 * `npm run bench` — scores the same seeded data several ways, each in its own child process (honest peak RSS), and
 * prints one table. Not part of `npm test`; timings are never asserted.
 *
 *   node scripts/bench/run.js [--events 1e6] [--contacts N] [--seed 42] [--repeat 5] [--warmup 5] [--cases a,b]
 *                             [--sizes 1e5,1e6,1e7]
 *
 * --events   events in the log (default 10^6); contacts default to events / 10 (100 k for 10^6).
 * --sizes    run the whole table at several sizes and print the growth (complexity check).
 * --cases    subset of: lodash, library, csv, csvCompact, csvNoDedupe, columns, compact, duckdb, facts, postgres, n8n (default all; n8n needs `npm run demo` once).
 * --repeat   timed repetitions per case; the best is reported (default 5; 1 for 10^7 and above).
 * --warmup   runs before those, left out of the best (default 5; 0 for 10^7 and above): the JIT compiles and the heap
 *            grows to its working size, as in an n8n process that has run the workflow before (the engine's runs
 *            still drop from ~250 to ~90 ms over its first four). The very first run is reported too ("first run"):
 *            what a cold process pays. The real-n8n case has none (each run is a fresh n8n process).
 * The cases run in rounds, one run of each per round (`runRounds`): on a host whose speed drifts by a third within
 * minutes, every case meets the same drift.
 * The data (timestamps in epoch ms) is generated once per size under .tmp/bench/ and reused.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fork, spawnSync } = require('node:child_process');
const { createGenerator } = require('../data/generator');
const { writeEventsCsv } = require('../data/writers');

const ROOT = path.join(__dirname, '../..');
const CASES = [
	{ name: 'lodash', label: 'n8n Code node: lodash groupBy over items (BASELINE)' },
	{ name: 'library', label: 'library scoreContacts (decay), parsed events, epoch ms' },
	{ name: 'csv', label: 'library CSV parse + score, one thread' },
	{ name: 'csvCompact', label: 'the same, compact rows (contactId, score, band: as DuckDB)' },
	{ name: 'csvNoDedupe', label: 'the same, eventIds not de-duplicated (as DuckDB: like for like)' },
	{ name: 'columns', label: 'library scoring prepared event columns (scoring engine alone)' },
	{
		name: 'compact',
		label: 'the same, compact rows (contactId, score, band: as the baseline)',
	},
	{ name: 'duckdb', label: 'DuckDB SQL on the same CSV, 2 threads' },
	{ name: 'facts', label: 'library scoreFacts on facts built from the events', prepare: true },
	{ name: 'postgres', label: 'PostgreSQL facts query + scoreFacts', prepare: true },
	{ name: 'n8n', label: 'real n8n: read CSV file → Score Contacts → bands (whole run, n8n RSS)' },
];
const BASELINE = 'lodash';

function parseArgs(argv) {
	const args = {};
	for (let index = 0; index < argv.length; index += 2) {
		if (!argv[index].startsWith('--')) throw new Error(`unexpected argument ${argv[index]}`);
		args[argv[index].slice(2)] = argv[index + 1];
	}
	return args;
}

/** Pilot runs on a small list find the audience share that gives ~events/contacts events per contact. */
function calibrateAudienceShare(seed, eventsPerContact) {
	const pilot = (audienceShare) => {
		const generator = createGenerator({ seed, contacts: 2000, audienceShare, timestamps: 'ms' });
		let count = 0;
		for (const _event of generator.iterateEvents()) count++;
		return count / 2000;
	};
	const low = pilot(0.1);
	const high = pilot(0.5);
	const slope = (high - low) / 0.4;
	const base = low - 0.1 * slope;
	return Math.min(1, Math.max(0.001, (eventsPerContact - base) / slope));
}

/** Where the data of one size and seed lives (events.csv and dataset.json). */
function datasetDirectory({ events, contacts, seed }) {
	return path.join(ROOT, '.tmp', 'bench', `seed${seed}-events${events}-contacts${contacts}`);
}

async function ensureDataset({ events, contacts, seed }) {
	const directory = datasetDirectory({ events, contacts, seed });
	const csv = path.join(directory, 'events.csv');
	const metaFile = path.join(directory, 'dataset.json');
	if (fs.existsSync(metaFile)) return { ...JSON.parse(fs.readFileSync(metaFile, 'utf8')), csv };
	fs.mkdirSync(directory, { recursive: true });
	const audienceShare = calibrateAudienceShare(seed, events / contacts);
	const generator = createGenerator({ seed, contacts, audienceShare, timestamps: 'ms' });
	process.stderr.write(
		`generating ${events} events for ${contacts} contacts (audience share ${audienceShare.toFixed(3)}) → ${csv}\n`,
	);
	function* firstEvents() {
		let count = 0;
		for (const event of generator.iterateEvents()) {
			if (count++ >= events) return;
			yield event;
		}
	}
	const written = await writeEventsCsv(firstEvents(), csv);
	const meta = {
		seed,
		contacts,
		audienceShare,
		events: written,
		asOf: generator.options.endMs,
		bytes: fs.statSync(csv).size,
	};
	fs.writeFileSync(metaFile, JSON.stringify(meta, null, 1));
	return { ...meta, csv };
}

/** An untimed preparation step (`prepare:<case>`), in its own process, run to its end. */
function prepareCase(name, args) {
	const child = spawnSync(
		process.execPath,
		[path.join(__dirname, 'worker.js'), `prepare:${name}`, JSON.stringify(args)],
		{ encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const line = child.stdout.trim().split('\n').pop();
	try {
		return JSON.parse(line);
	} catch {
		return { case: name, error: lastLines(child.stderr || child.stdout || `exit ${child.status}`) };
	}
}

const lastLines = (text) => text.trim().split('\n').slice(-3).join(' | ');

/**
 * A case's worker process (worker.js with an IPC channel), loading its input: `ready`, then `run(warmup)` for each run
 * and `report()` for the measurements. Each resolves with the worker's answer, or with a report of the error when the
 * worker died.
 */
function startWorker(name, args) {
	const child = fork(path.join(__dirname, 'worker.js'), [name, JSON.stringify(args)], {
		execArgv: ['--max-old-space-size=16384'],
		stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
	});
	let stderr = '';
	child.stderr.on('data', (data) => (stderr = (stderr + data).slice(-4000)));
	const waiting = [];
	let exited;
	const died = () => ({
		type: 'report',
		result: { case: name, error: lastLines(stderr || exited) },
	});
	child.on('message', (message) => waiting.shift()?.(message));
	child.on('exit', (code, signal) => {
		exited = `exit ${signal ?? code}`;
		for (const resolve of waiting.splice(0)) resolve(died());
	});
	const request = (message) =>
		new Promise((resolve) => {
			if (exited) return resolve(died());
			waiting.push(resolve);
			if (message) child.send(message);
		});
	return {
		ready: request(),
		run: (warmup) => request({ type: 'run', warmup }),
		report: () => request({ type: 'report' }),
	};
}

/**
 * Runs the cases in rounds, one run of each case per round, in the table's order: the warm-up rounds, then the timed
 * ones. Each case's process lives from its first round to its last, so when a host's speed drifts during the
 * benchmark every case meets the drift alike, and the best of each case is taken over the same span of time. With a
 * single round (10^7) the cases run one after another, one process at a time.
 */
async function runRounds(entries, { warmup, repeat }) {
	const rounds = warmup + repeat;
	for (let round = 0; round < rounds; round++) {
		process.stderr.write(
			`  round ${round + 1} of ${rounds}${round < warmup ? ' (warm-up)' : ''}: ${entries
				.filter((entry) => !entry.result)
				.map((entry) => entry.name)
				.join(', ')}\n`,
		);
		for (const entry of entries) {
			if (entry.result) continue;
			if (round === 0) {
				entry.worker = startWorker(entry.name, entry.args);
				const ready = await entry.worker.ready;
				if (ready.type === 'report') {
					entry.result = ready.result;
					continue;
				}
			}
			const ran = await entry.worker.run(round < warmup);
			if (ran.type === 'report') entry.result = ran.result;
			else if (round === rounds - 1) entry.result = (await entry.worker.report()).result;
		}
	}
}

function readScores(file) {
	const scores = new Map();
	if (!fs.existsSync(file)) return scores;
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (!line) continue;
		const [contactId, score, band] = JSON.parse(line);
		scores.set(contactId, { score, band });
	}
	return scores;
}

/** Compares a case's scores to the library's: same contacts, same bands, scores within 1e-9. */
function compareScores(reference, other) {
	if (reference.size === 0 || other.size === 0) return 'n/a';
	let mismatches = 0;
	let example;
	for (const [contactId, expected] of reference) {
		const actual = other.get(contactId);
		const same =
			actual &&
			actual.band === expected.band &&
			(expected.score === null
				? actual.score === null
				: actual.score !== null && Math.abs(actual.score - expected.score) <= 1e-9);
		if (!same) {
			mismatches++;
			example = example || `${contactId}: ${JSON.stringify(expected)} vs ${JSON.stringify(actual)}`;
		}
	}
	if (other.size !== reference.size)
		return `DIFFERENT (${other.size} vs ${reference.size} contacts)`;
	return mismatches === 0
		? 'same scores & bands'
		: `DIFFERENT: ${mismatches} contacts, e.g. ${example}`;
}

/** For a case that reports contacts per band only (the n8n run): the same counts as the library's scores? */
function compareBandCounts(reference, bandCounts) {
	if (reference.size === 0) return 'n/a';
	const expected = {};
	for (const { band } of reference.values()) expected[band] = (expected[band] || 0) + 1;
	const actual = {};
	for (const row of bandCounts) actual[row.band] = row.count_contactId;
	const bands = new Set([...Object.keys(expected), ...Object.keys(actual)]);
	const different = [...bands].filter((band) => expected[band] !== actual[band]);
	return different.length === 0
		? 'same contacts per band'
		: `DIFFERENT per band: ${different.map((band) => `${band} ${actual[band]} vs ${expected[band]}`).join(', ')}`;
}

const formatCount = (n) =>
	n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : String(n);
const formatMs = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

/** The cold first run's time, and its ratio to the baseline's first run. */
function firstRun(result, baseline) {
	const first = result.firstMs ?? result.ms;
	const baselineFirst = baseline ? (baseline.firstMs ?? baseline.ms) : undefined;
	return baselineFirst === undefined
		? formatMs(first)
		: `${formatMs(first)} (${(baselineFirst / first).toFixed(1)}×)`;
}

function printTable(rows) {
	const header = ['case', 'time', 'events/s', 'peak RSS', 'vs baseline', 'first run', 'check'];
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => String(row[column]).length)),
	);
	const line = (cells) =>
		'| ' + cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ') + ' |';
	console.log(line(header));
	console.log('|' + widths.map((width) => '-'.repeat(width + 2)).join('|') + '|');
	for (const row of rows) console.log(line(row));
}

function machineInfo() {
	const cpus = os.cpus();
	const load = os
		.loadavg()
		.map((value) => value.toFixed(1))
		.join(' ');
	return `${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}; load average ${load} at start`;
}

async function runSize(size, args) {
	const contacts = Number(args.contacts || Math.max(100, Math.round(size / 10)));
	const seed = Number(args.seed || 42);
	const repeat = Number(args.repeat || (size >= 5e6 ? 1 : 5));
	const warmup = Number(args.warmup ?? (size >= 5e6 ? 0 : 5));
	const wanted = args.cases ? args.cases.split(',') : CASES.map((benchCase) => benchCase.name);
	const dataset = await ensureDataset({ events: size, contacts, seed });
	const outDir = path.dirname(dataset.csv);
	console.log(
		`\n${formatCount(dataset.events)} events, ${formatCount(contacts)} contacts, CSV ${(dataset.bytes / 2 ** 20).toFixed(0)} MiB, asOf ${new Date(dataset.asOf).toISOString()}, best of ${repeat} after ${warmup} warm-up run${warmup === 1 ? '' : 's'}`,
	);
	const entries = [];
	for (const benchCase of CASES) {
		if (!wanted.includes(benchCase.name)) continue;
		const out = path.join(outDir, `scores.${benchCase.name}.ndjson`);
		fs.rmSync(out, { force: true });
		const entry = {
			...benchCase,
			out,
			args: {
				csv: dataset.csv,
				asOf: dataset.asOf,
				events: dataset.events,
				out,
				schema: `bench_${process.pid}`,
				factsFile: path.join(outDir, 'facts.json'),
			},
		};
		entries.push(entry);
		if (benchCase.prepare) {
			process.stderr.write(`  preparing ${benchCase.name}…\n`);
			const prepared = prepareCase(benchCase.name, entry.args);
			if (prepared.error) entry.result = prepared;
		}
	}
	await runRounds(entries, { warmup, repeat });
	const results = entries.map((entry) => ({ ...entry, ...entry.result }));
	const baseline = results.find((result) => result.name === BASELINE && !result.error);
	// The library's scores are the reference; without them (case skipped or failed), the baseline's.
	const referenceCase = ['library', BASELINE].find((name) =>
		results.some((result) => result.name === name && !result.error),
	);
	const reference = referenceCase
		? readScores(path.join(outDir, `scores.${referenceCase}.ndjson`))
		: new Map();
	const rows = results.map((result) => {
		if (result.error)
			return [
				result.label,
				'failed',
				'',
				'',
				'',
				'',
				result.error.replace(/\s+/g, ' ').slice(0, 100),
			];
		let check =
			result.name === referenceCase
				? `${formatCount(result.contacts)} contacts (reference)`
				: result.bandCounts
					? compareBandCounts(reference, result.bandCounts)
					: compareScores(reference, readScores(result.out));
		if (result.facts) check += ` (${formatCount(result.facts)} fact rows)`;
		return [
			result.label,
			formatMs(result.ms),
			formatCount(Math.round((dataset.events / result.ms) * 1000)),
			`${(result.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
			baseline ? `${(baseline.ms / result.ms).toFixed(1)}×` : 'n/a',
			firstRun(result, baseline),
			check,
		];
	});
	printTable(rows);
	return { size: dataset.events, results };
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const sizes = (args.sizes || args.events || '1e6').split(',').map(Number);
	console.log(`Machine: ${machineInfo()}`);
	const runs = [];
	for (const size of sizes) runs.push(await runSize(size, args));
	if (runs.length > 1) {
		console.log('\nGrowth (time per event relative to the smallest size; ~1.0 = linear):');
		for (const name of CASES.map((benchCase) => benchCase.name)) {
			const perEvent = runs.map((run) => {
				const result = run.results.find((candidate) => candidate.name === name && !candidate.error);
				return result ? result.ms / run.size : undefined;
			});
			if (perEvent[0] === undefined) continue;
			const cells = runs.map((run, index) =>
				perEvent[index] === undefined
					? `${formatCount(run.size)}: n/a`
					: `${formatCount(run.size)}: ${(perEvent[index] * 1e6).toFixed(0)} ns/event (${(perEvent[index] / perEvent[0]).toFixed(2)})`,
			);
			console.log(`  ${name.padEnd(10)} ${cells.join('   ')}`);
		}
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { ensureDataset, datasetDirectory };
