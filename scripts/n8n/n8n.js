'use strict';
/**
 * Drives the real n8n CLI (the pinned runtime in .n8n-runtime/) for the demo, `npm start` and the e2e tests:
 * import workflows and credentials, activate, execute headless, start a server on loopback and stop it again.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
	N8N_BIN,
	REPO_ROOT,
	PACKAGE_NAME,
	createUserFolder,
	ensureRuntime,
	n8nEnv,
} = require('./ensure-runtime');

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** Every child process this module started and has not seen exit; killed on exit, Ctrl-C and fatal errors. */
const liveChildren = new Set();
let cleanupInstalled = false;

function killAllChildren(signal = 'SIGTERM') {
	for (const child of liveChildren) {
		try {
			process.kill(-child.pid, signal);
		} catch {
			try {
				child.kill(signal);
			} catch {
				/* already gone */
			}
		}
	}
}

function installCleanup() {
	if (cleanupInstalled) return;
	cleanupInstalled = true;
	process.on('exit', () => killAllChildren('SIGKILL'));
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => {
			killAllChildren('SIGTERM');
			process.exitCode = 130;
			setTimeout(() => process.exit(130), 3000).unref();
		});
	}
}

function track(child) {
	installCleanup();
	liveChildren.add(child);
	child.once('exit', () => liveChildren.delete(child));
	return child;
}

/**
 * Runs one n8n CLI command to completion. Its stdout goes to a file, not a pipe: n8n calls process.exit right after
 * printing a run, which cuts a large output short on a pipe, while writes to a file are synchronous.
 */
function runN8n(args, { userFolder, cwd = REPO_ROOT, env = {}, timeoutMs = 180_000 } = {}) {
	return new Promise((resolve, reject) => {
		const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cli-'));
		const stdoutFile = path.join(scratch, 'stdout');
		const stdoutFd = fs.openSync(stdoutFile, 'w');
		const child = track(
			spawn(process.execPath, [N8N_BIN, ...args], {
				cwd,
				env: n8nEnv(userFolder, env),
				stdio: ['ignore', stdoutFd, 'pipe'],
				detached: true,
			}),
		);
		fs.closeSync(stdoutFd);
		const stderr = [];
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		const readStdout = () => {
			const text = fs.readFileSync(stdoutFile, 'utf8');
			fs.rmSync(scratch, { recursive: true, force: true });
			return text;
		};
		const timer = setTimeout(() => {
			killAllChildrenOf(child);
			reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout: readStdout(), stderr: Buffer.concat(stderr).toString('utf8') });
		});
	});
}

function killAllChildrenOf(child) {
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {
		/* already gone */
	}
}

async function runN8nOrThrow(args, options) {
	const result = await runN8n(args, options);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`.trim(),
		);
	}
	return result;
}

/**
 * Imports workflow JSON files (one CLI call for all of them) and returns their ids.
 * n8n keeps the `id` from the file, so workflows can be executed by their known ids afterwards.
 */
async function importWorkflows(userFolder, files, options = {}) {
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-import-'));
	const ids = [];
	try {
		for (const file of files) {
			const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (!workflow.id) throw new Error(`${file} has no "id"; example workflows need a fixed id`);
			ids.push(workflow.id);
			fs.writeFileSync(path.join(staging, `${workflow.id}.json`), JSON.stringify(workflow));
		}
		await runN8nOrThrow(['import:workflow', '--separate', `--input=${staging}`], {
			userFolder,
			...options,
		});
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	return ids;
}

/** Imports credentials (an array in n8n's export format, `data` as plain JSON is encrypted on import). */
async function importCredentials(userFolder, credentials, options = {}) {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cred-')), 'credentials.json');
	try {
		fs.writeFileSync(file, JSON.stringify(credentials));
		await runN8nOrThrow(['import:credentials', `--input=${file}`], { userFolder, ...options });
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

/** Marks workflows active; n8n registers their webhooks on the next `n8n start`. */
async function activateWorkflows(userFolder, ids, options = {}) {
	for (const id of ids) {
		await runN8nOrThrow(['update:workflow', `--id=${id}`, '--active=true'], {
			userFolder,
			...options,
		});
	}
}

/**
 * Executes an imported workflow headless (`n8n execute --id --rawOutput`) and returns the run:
 * `{ status, data: { resultData: { runData, error? } } }`, plus helpers to read a node's output items.
 */
async function executeWorkflow(userFolder, id, options = {}) {
	// n8n prints a failed run's JSON at log level info only, so raise it from the quiet default.
	const result = await runN8n(['execute', `--id=${id}`, '--rawOutput'], {
		userFolder,
		...options,
		env: { N8N_LOG_LEVEL: 'info', ...options.env },
	});
	const text = result.stdout;
	// The run is pretty-printed: it opens with a line "{" and closes with a line "}".
	const start = text.search(/^\{$/m);
	const endMatch = [...text.matchAll(/^\}$/gm)].pop();
	if (start < 0 || !endMatch) {
		throw new Error(
			`n8n execute --id=${id} printed no run (exit ${result.code})\n${text.slice(-3000)}\n${result.stderr.slice(-3000)}`,
		);
	}
	let run;
	try {
		run = JSON.parse(text.slice(start, endMatch.index + 1));
	} catch (error) {
		throw new Error(
			`n8n execute --id=${id}: cannot parse its output (${error.message})\n${text.slice(0, 2000)}`,
		);
	}
	run.exitCode = result.code;
	run.log = `${text.slice(0, start)}${text.slice(endMatch.index + 1)}${result.stderr}`;
	return run;
}

/** The JSON of every item a node emitted on one output in its last run. */
function nodeOutput(run, nodeName, outputIndex = 0) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	const last = runs[runs.length - 1];
	return (last.data?.main?.[outputIndex] ?? []).map((item) => item.json);
}

/** The first error n8n recorded for a run, as text; undefined when the run succeeded. */
function runError(run) {
	const error = run?.data?.resultData?.error;
	if (!error && run?.status !== 'error') return undefined;
	return (
		[error?.message, error?.description, error?.node?.name && `in node "${error.node.name}"`]
			.filter(Boolean)
			.join(' — ') || `status ${run?.status}`
	);
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts `n8n start` on loopback and resolves once /healthz answers. Returns `{ baseUrl, stop(), output() }`.
 * The process is stopped with SIGTERM (then SIGKILL after 10 s) by `stop()`, on exit and on Ctrl-C.
 */
async function startN8n({
	userFolder,
	port = 5678,
	host = '127.0.0.1',
	cwd = REPO_ROOT,
	env = {},
	inheritOutput = false,
	timeoutMs = 120_000,
} = {}) {
	// n8n rewrites its node list on start; drop the last one so loadedNodeTypes() reads this start's.
	fs.rmSync(nodeTypesFile(userFolder), { force: true });
	const child = track(
		spawn(process.execPath, [N8N_BIN, 'start'], {
			cwd,
			env: n8nEnv(userFolder, {
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: host,
				N8N_HOST: host,
				N8N_PROTOCOL: 'http',
				N8N_EDITOR_BASE_URL: `http://${host}:${port}/`,
				WEBHOOK_URL: `http://${host}:${port}/`,
				N8N_SECURE_COOKIE: 'false',
				...env,
			}),
			stdio: ['ignore', inheritOutput ? 'inherit' : 'pipe', inheritOutput ? 'inherit' : 'pipe'],
			detached: true,
		}),
	);
	const chunks = [];
	if (!inheritOutput) {
		const keep = (chunk) => {
			chunks.push(chunk);
			if (chunks.length > 2000) chunks.splice(0, chunks.length - 2000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
	}
	const output = () => Buffer.concat(chunks).toString('utf8');
	let exited = null;
	const exitPromise = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		}),
	);
	const baseUrl = `http://${host}:${port}`;

	const stop = async () => {
		if (exited) return exited;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			child.kill('SIGTERM');
		}
		const killer = setTimeout(() => killAllChildrenOf(child), 10_000);
		const result = await exitPromise;
		clearTimeout(killer);
		return result;
	};

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited) {
			throw new Error(
				`n8n start exited early (${JSON.stringify(exited)})\n${output().slice(-4000)}`,
			);
		}
		try {
			const response = await fetch(`${baseUrl}/healthz/readiness`);
			if (response.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`n8n did not become ready on ${baseUrl} within ${timeoutMs} ms\n${output().slice(-4000)}`,
			);
		}
		await sleep(250);
	}
	return { baseUrl, process: child, stop, output };
}

/** The first port from `preferred` on that nothing listens on at 127.0.0.1. */
async function freePort(preferred = 5678) {
	const net = require('node:net');
	const isFree = (port) =>
		new Promise((resolve) => {
			const probe = net.createServer();
			probe.once('error', () => resolve(false));
			probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
		});
	for (let port = preferred; port < preferred + 200; port++) if (await isFree(port)) return port;
	throw new Error(`no free port in ${preferred}–${preferred + 199}`);
}

/** Polls until a production webhook path is registered (n8n activates workflows a moment after /healthz). */
async function waitForWebhook(baseUrl, webhookPath, { timeoutMs = 60_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		// An unregistered path answers 404; a registered one answers anything else (401 for an unsigned body).
		const response = await fetch(`${baseUrl}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '[]',
		}).catch(() => null);
		if (response && response.status !== 404) return;
		if (Date.now() > deadline)
			throw new Error(`webhook /webhook/${webhookPath} was not registered within ${timeoutMs} ms`);
		await sleep(300);
	}
}

/** Builds the package when dist/ is missing or older than a source file (the demo always calls this). */
function buildPackage({ log, force = false } = {}) {
	const { spawnSync } = require('node:child_process');
	if (!force && fs.existsSync(path.join(REPO_ROOT, 'dist'))) {
		const missing = require(path.join(REPO_ROOT, 'package.json')).n8n.nodes.filter(
			(file) => !fs.existsSync(path.join(REPO_ROOT, file)),
		);
		if (missing.length === 0) return;
	}
	log?.('building the package (npm run build) …');
	const result = spawnSync('npm', ['run', 'build', '--silent'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	if (result.status !== 0) throw new Error('npm run build failed');
}

/**
 * Node types a started n8n serves to its editor: n8n writes the list the node panel is built from to
 * `<user folder>/.cache/n8n/public/types/nodes.json` and serves it as /types/nodes.json (behind the login).
 */
function nodeTypesFile(userFolder) {
	return path.join(userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json');
}

async function loadedNodeTypes(userFolder, { timeoutMs = 60_000 } = {}) {
	const file = nodeTypesFile(userFolder);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			// Written once n8n has loaded every node package, shortly after /healthz answers.
			return [...new Set(JSON.parse(fs.readFileSync(file, 'utf8')).map((type) => type.name))];
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await sleep(250);
		}
	}
}

/** Reads the workflows in examples/ (top level only; examples/sql/ holds SQL, not workflows). */
function exampleWorkflowFiles() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => path.join(EXAMPLES_DIR, name));
}

module.exports = {
	EXAMPLES_DIR,
	PACKAGE_NAME,
	REPO_ROOT,
	activateWorkflows,
	buildPackage,
	createUserFolder,
	ensureRuntime,
	exampleWorkflowFiles,
	executeWorkflow,
	freePort,
	importCredentials,
	importWorkflows,
	killAllChildren,
	loadedNodeTypes,
	nodeOutput,
	runError,
	runN8n,
	runN8nOrThrow,
	startN8n,
	waitForWebhook,
};
