'use strict';
/**
 * The real-n8n benchmark case: the pinned n8n (.n8n-runtime/, installed by `npm run demo`) with this package loaded
 * runs one workflow headless — read the events CSV from disk → Score Contacts (decay, binary CSV input) → count
 * contacts per band — and we time the whole `n8n execute` process (start-up included, it is part of a run) and
 * sample its resident memory every 50 ms for the peak.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.join(__dirname, '../..');

function workflow({ csv, asOf, bandsFile }) {
	const node = (name, type, typeVersion, parameters, position) => ({
		id: name.toLowerCase().replace(/\W+/g, '-'),
		name,
		type,
		typeVersion,
		position,
		parameters,
	});
	return {
		id: 'esBenchScoreFile',
		name: 'Benchmark: score a CSV file',
		active: false,
		settings: {
			executionOrder: 'v1',
			saveManualExecutions: false,
			saveDataSuccessExecution: 'none',
		},
		nodes: [
			node('Run now', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 0]),
			node(
				'Read events file',
				'n8n-nodes-base.readWriteFile',
				1,
				{ operation: 'read', fileSelector: csv, options: {} },
				[220, 0],
			),
			node(
				'Score Contacts',
				'n8n-nodes-engagement-scoring.scoreContacts',
				1,
				{
					operation: 'score',
					model: 'decay',
					asOf: new Date(asOf).toISOString(),
					timezone: 'UTC',
					eventSource: 'binaryFile',
					binaryPropertyName: 'data',
					fileFormat: 'csv',
					options: {},
				},
				[440, 0],
			),
			node(
				'Contacts per band',
				'n8n-nodes-base.summarize',
				1,
				{
					fieldsToSummarize: { values: [{ aggregation: 'count', field: 'contactId' }] },
					fieldsToSplitBy: 'band',
					options: {},
				},
				[660, 0],
			),
			node(
				'Bands to JSON',
				'n8n-nodes-base.convertToFile',
				1.1,
				{ operation: 'toJson', options: {} },
				[880, 0],
			),
			node(
				'Write bands file',
				'n8n-nodes-base.readWriteFile',
				1,
				{ operation: 'write', fileName: bandsFile, dataPropertyName: 'data', options: {} },
				[1100, 0],
			),
		],
		connections: {
			'Run now': { main: [[{ node: 'Read events file', type: 'main', index: 0 }]] },
			'Read events file': { main: [[{ node: 'Score Contacts', type: 'main', index: 0 }]] },
			'Score Contacts': { main: [[{ node: 'Contacts per band', type: 'main', index: 0 }]] },
			'Contacts per band': { main: [[{ node: 'Bands to JSON', type: 'main', index: 0 }]] },
			'Bands to JSON': { main: [[{ node: 'Write bands file', type: 'main', index: 0 }]] },
		},
	};
}

function residentBytes(pid) {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** Prepares a user folder with the workflow imported (untimed); returns what `run` needs. */
async function prepareN8n({ csv, asOf }) {
	const { N8N_BIN, createUserFolder, n8nEnv } = require('../n8n/ensure-runtime');
	if (!fs.existsSync(N8N_BIN))
		throw new Error('no n8n runtime: run `npm run demo` once to install it');
	const n8n = require('../n8n/n8n');
	const userFolder = createUserFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-')));
	const file = path.join(userFolder, 'bench-workflow.json');
	const bandsFile = path.join(userFolder, 'bands.json');
	fs.writeFileSync(file, JSON.stringify(workflow({ csv, asOf, bandsFile })));
	await n8n.importWorkflows(userFolder, [file]);
	return { N8N_BIN, userFolder, bandsFile, env: n8nEnv(userFolder, { N8N_LOG_LEVEL: 'warn' }) };
}

/**
 * One timed `n8n execute`: resolves with { ms, peakRssBytes, bands }. The bands come from the file the workflow
 * writes; the CLI's own print of the whole run (every scored contact) goes to /dev/null, though n8n still builds it.
 */
function executeOnce({ N8N_BIN, userFolder, bandsFile, env }) {
	return new Promise((resolve, reject) => {
		fs.rmSync(bandsFile, { force: true });
		const started = process.hrtime.bigint();
		const child = spawn(
			process.execPath,
			[N8N_BIN, 'execute', '--id=esBenchScoreFile', '--rawOutput'],
			{
				cwd: ROOT,
				env,
				stdio: ['ignore', 'ignore', 'pipe'],
			},
		);
		let peak = 0;
		const timer = setInterval(() => (peak = Math.max(peak, residentBytes(child.pid))), 50);
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('exit', (code) => {
			clearInterval(timer);
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			if (!fs.existsSync(bandsFile)) {
				return reject(
					new Error(`n8n execute exited ${code} without writing the bands: ${stderr.slice(-400)}`),
				);
			}
			resolve({ ms, peakRssBytes: peak, bands: JSON.parse(fs.readFileSync(bandsFile, 'utf8')) });
		});
	});
}

module.exports = { prepareN8n, executeOnce, workflow };
