'use strict';
/**
 * One benchmark case in its own process, so that its peak RSS is its own. Loads its input (untimed), runs the timed
 * part `warmup` times, then `repeat` times (the best of these is the measurement, the very first run is reported as the
 * cold one), writes the scores it computed to `args.out` (NDJSON [contactId, score, band], for the sanity checks) and
 * reports its measurements: to run.js, which tells it when to run (see `main`), or, started by hand, as one JSON line:
 *   node scripts/bench/worker.js <case> '<json args>'
 */

const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { loadEventsCsv, forEachByteChunk } = require('./loadEvents');

const LIBRARY = path.join(__dirname, '../../dist/lib/index.js');
const library = () => require(LIBRARY);

function requireFunction(name) {
	const fn = library()[name];
	if (typeof fn !== 'function') throw new Error(`the built library has no ${name}() yet`);
	return fn;
}

/** The event columns of a CSV file, read in 64 KiB byte chunks by the library's EventColumnsReader with `options`. */
function columnsReader(options = {}) {
	const EventColumnsReader = library().EventColumnsReader;
	if (typeof EventColumnsReader !== 'function')
		throw new Error('the built library has no EventColumnsReader yet');
	return (file) => {
		const reader = new EventColumnsReader({ format: 'csv', ...options });
		forEachByteChunk(file, (chunk) => reader.push(chunk));
		return reader.end();
	};
}

/** The engine alone: columns read from the CSV untimed, then scored (decay) with `options`. */
function scoringColumns(args, options = {}) {
	const scoreEventColumns = requireFunction('scoreEventColumns');
	const columns = columnsReader()(args.csv);
	return {
		inputEvents: args.events,
		run: () => scoreEventColumns(columns, { model: 'decay', asOf: args.asOf, ...options }).contacts,
	};
}

/**
 * The file's bytes in 64 KiB chunks, as read from disk, straight into event columns (read with `readerOptions`), then
 * scored (decay) with `options`.
 */
function scoringCsv(args, options = {}, readerOptions = {}) {
	const scoreEventColumns = requireFunction('scoreEventColumns');
	const readColumns = columnsReader(readerOptions);
	return {
		inputEvents: args.events,
		run: () =>
			scoreEventColumns(readColumns(args.csv), { model: 'decay', asOf: args.asOf, ...options })
				.contacts,
	};
}

/** Each case: `prepare(args)` (untimed) → `{ run, inputEvents }`; `run()` (timed) returns rows {contactId, score, band}. */
const CASES = {
	library(args) {
		const scoreContacts = requireFunction('scoreContacts');
		const events = loadEventsCsv(args.csv);
		return {
			inputEvents: events.length,
			run: () => scoreContacts(events, { model: 'decay', asOf: args.asOf }).contacts,
		};
	},
	lodash(args) {
		const { lodashDecay } = require('./lodashDecay');
		const items = loadEventsCsv(args.csv).map((json) => ({ json }));
		return { inputEvents: items.length, run: () => lodashDecay(items, { asOf: args.asOf }) };
	},
	csv: (args) => scoringCsv(args),
	// what DuckDB's query returns: contactId, score and band per contact
	csvCompact: (args) => scoringCsv(args, { explain: false }),
	// and without de-duplicating eventIds, which DuckDB's query does not do either: like for like
	csvNoDedupe: (args) => scoringCsv(args, { explain: false }, { dedupe: false }),
	columns: (args) => scoringColumns(args),
	// what the baseline returns: contactId, score and band per contact (no explanation nor details)
	compact: (args) => scoringColumns(args, { explain: false }),
	async duckdb(args) {
		const { DuckDBInstance } = require('@duckdb/node-api');
		const sql = fs
			.readFileSync(path.join(__dirname, 'decay.duckdb.sql'), 'utf8')
			.replaceAll('{{csv}}', args.csv.replaceAll("'", "''"))
			.replaceAll('{{asOfDay}}', String(Math.floor(args.asOf / 86400000)))
			.replaceAll('{{asOf}}', String(args.asOf));
		return {
			inputEvents: args.events,
			run: async () => {
				const instance = await DuckDBInstance.create(':memory:', {
					threads: String(args.threads || 2),
				});
				const connection = await instance.connect();
				const reader = await connection.runAndReadAll(sql);
				const rows = reader.getRowObjectsJS();
				connection.closeSync();
				return rows;
			},
		};
	},
	facts(args) {
		const { scoreFacts } = library();
		const facts = JSON.parse(fs.readFileSync(args.factsFile, 'utf8'));
		return {
			inputEvents: args.events,
			facts: facts.sends.length + facts.contacts.length + facts.days.length,
			run: () => scoreFacts(facts, { model: 'decay', asOf: args.asOf }).contacts,
		};
	},
	async postgres(args) {
		const { scoreFacts, factsFromRows } = library();
		const postgres = require('./postgres');
		const client = await postgres.connect();
		await client.query(`SET search_path TO ${args.schema}`);
		let factRows = 0;
		return {
			inputEvents: args.events,
			get facts() {
				return factRows;
			},
			run: async () => {
				const rows = await postgres.runFactsQuery(client, { asOf: args.asOf, timezone: 'UTC' });
				factRows = rows.length;
				return scoreFacts(factsFromRows(rows, { asOf: args.asOf }), {
					model: 'decay',
					asOf: args.asOf,
				}).contacts;
			},
			close: async () => {
				await postgres.dropSchema(client, args.schema);
				await client.end();
			},
		};
	},
	async n8n(args) {
		const { prepareN8n, executeOnce } = require('./n8nRun');
		const prepared = await prepareN8n(args);
		let last;
		return {
			inputEvents: args.events,
			external: true,
			run: async () => {
				last = await executeOnce(prepared);
				return { ms: last.ms, peakRssBytes: last.peakRssBytes, bandCounts: last.bands };
			},
			close: () => fs.rmSync(prepared.userFolder, { recursive: true, force: true }),
		};
	},
};

/** Untimed preparation steps, each in its own process too, so that their memory is not charged to a case. */
const PREPARE = {
	/** The facts of the CSV's events, as JSON, for the `facts` case. */
	facts(args) {
		const { eventsToFacts } = library();
		fs.writeFileSync(
			args.factsFile,
			JSON.stringify(eventsToFacts(loadEventsCsv(args.csv), { asOf: args.asOf })),
		);
	},
	/** The CSV's events in a fresh schema's engagement_events, for the `postgres` case. */
	async postgres(args) {
		const postgres = require('./postgres');
		const client = await postgres.connect();
		await postgres.createEventsSchema(client, args.schema);
		await postgres.insertEvents(client, loadEventsCsv(args.csv));
		await client.end();
	},
};

/**
 * One case's measurements: `runOnce(warmup)` times one run (a warm-up run is timed but left out of the best; the very
 * first run is reported on its own, as what a cold process pays), `report()` writes the last run's scores to
 * `args.out` and returns the measurements.
 */
function measure(name, args, benchCase, loadMs) {
	const times = [];
	const warmupTimes = [];
	let rows;
	return {
		async runOnce(warmup) {
			if (benchCase.external) {
				// a separate process (n8n) does the work, start-up included: no warm-up, its own wall time and peak RSS
				if (warmup) return;
				const run = await benchCase.run();
				times.push(run);
				return;
			}
			rows = undefined;
			const start = performance.now();
			rows = await benchCase.run();
			(warmup ? warmupTimes : times).push(performance.now() - start);
		},
		async report() {
			if (benchCase.close) await benchCase.close();
			if (benchCase.external) {
				const best = times.reduce((a, b) => (b.ms < a.ms ? b : a));
				return {
					case: name,
					ms: best.ms,
					times: times.map((run) => run.ms),
					loadMs,
					inputEvents: benchCase.inputEvents,
					peakRssBytes: Math.max(...times.map((run) => run.peakRssBytes)),
					bandCounts: best.bandCounts,
				};
			}
			if (args.out) {
				const lines = rows.map((row) =>
					JSON.stringify([row.contactId, row.score === null ? null : Number(row.score), row.band]),
				);
				fs.writeFileSync(args.out, lines.join('\n') + '\n');
			}
			return {
				case: name,
				ms: Math.min(...times),
				firstMs: warmupTimes.length > 0 ? warmupTimes[0] : times[0],
				times,
				warmupTimes,
				loadMs,
				inputEvents: benchCase.inputEvents,
				facts: benchCase.facts,
				contacts: rows.length,
				peakRssBytes: process.resourceUsage().maxRSS * 1024,
			};
		},
	};
}

/**
 * Started by run.js (with an IPC channel), the worker loads its case, answers `ready`, then runs once per `run`
 * message (`{ warmup }`), answering `ran`, and on `report` answers with the measurements and exits: run.js interleaves
 * the cases' runs in rounds. Started by hand, it runs `warmup` + `repeat` times in a row and prints the measurements.
 */
async function main() {
	const [name, json] = process.argv.slice(2);
	const args = JSON.parse(json || '{}');
	if (name.startsWith('prepare:')) {
		await PREPARE[name.slice('prepare:'.length)](args);
		process.stdout.write(JSON.stringify({ case: name, prepared: true }) + '\n');
		return;
	}
	const makeCase = CASES[name];
	if (!makeCase) throw new Error(`unknown case ${name}; cases: ${Object.keys(CASES).join(', ')}`);
	const loadStart = performance.now();
	const measurement = measure(name, args, await makeCase(args), performance.now() - loadStart);
	if (process.send === undefined) {
		const warmup = args.warmup || 0;
		for (let round = 0; round < warmup + (args.repeat || 1); round++) {
			await measurement.runOnce(round < warmup);
		}
		process.stdout.write(JSON.stringify(await measurement.report()) + '\n');
		return;
	}
	process.on('message', (message) => {
		const answer =
			message.type === 'run'
				? measurement.runOnce(message.warmup).then(() => ({ type: 'ran' }))
				: measurement.report().then((result) => ({ type: 'report', result }));
		answer
			.then((reply) => process.send(reply, () => message.type === 'report' && process.disconnect()))
			.catch(fail);
	});
	process.send({ type: 'ready' });
}

function fail(error) {
	const result = { case: process.argv[2], error: error.message };
	if (process.send) process.send({ type: 'report', result }, () => process.exit(1));
	else {
		process.stdout.write(JSON.stringify(result) + '\n');
		process.exit(1);
	}
}

main().catch(fail);
