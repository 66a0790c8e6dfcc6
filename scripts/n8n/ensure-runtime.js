#!/usr/bin/env node
'use strict';
/**
 * Installs the pinned n8n (see .n8n-runtime/package.json) on first use, apart from the library's own dependencies,
 * and prepares throwaway n8n user folders that load this package the way a community install does.
 *
 * Why the install is unusual (measured in the team's research notes):
 * - n8n-nodes-base depends on an xlsx tarball hosted outside the npm registry → `overrides: {xlsx: "0.18.5"}`;
 * - isolated-vm does not build on Node 20 → `npm ci --ignore-scripts`, and n8n runs with N8N_EXPRESSION_ENGINE=legacy;
 * - sqlite3 (n8n's own database) is native → `npm rebuild sqlite3` after the script-less install.
 *
 * CLI: `node scripts/n8n/ensure-runtime.js` installs (if needed) and prints the n8n binary path.
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const RUNTIME_DIR = path.join(REPO_ROOT, '.n8n-runtime');
const N8N_BIN = path.join(RUNTIME_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const STAMP_FILE = path.join(RUNTIME_DIR, 'node_modules', '.engagement-runtime.stamp');
const CI_STAMP_FILE = path.join(RUNTIME_DIR, 'node_modules', '.engagement-npm-ci.stamp');
const LOCK_DIR = path.join(RUNTIME_DIR, '.install.lock');
const PACKAGE_NAME = require(path.join(REPO_ROOT, 'package.json')).name;

/** What the installed tree depends on: the manifest, the lock file, and the Node ABI sqlite3 was built for. */
function runtimeFingerprint() {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		hash.update(fs.readFileSync(path.join(RUNTIME_DIR, file)));
	}
	hash.update(`${process.versions.modules}|${process.platform}|${process.arch}`);
	return hash.digest('hex');
}

function readStamp(file) {
	try {
		return fs.readFileSync(file, 'utf8').trim();
	} catch {
		return undefined;
	}
}

function isRuntimeReady() {
	return readStamp(STAMP_FILE) === runtimeFingerprint() && fs.existsSync(N8N_BIN);
}

function sqliteLoads() {
	const probe = spawnSync(process.execPath, ['-e', "require('sqlite3')"], {
		cwd: RUNTIME_DIR,
		stdio: 'ignore',
	});
	return probe.status === 0;
}

function defaultLog(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

/**
 * The environment for npm inside .n8n-runtime/: without the npm_* variables `npm run demo` / `npm test` hand to their
 * scripts (local prefix, package, lifecycle, the root project's settings), so that npm works on the runtime's own
 * package.json and .npmrc; user and global npmrc files (registry, cache) still apply.
 */
function runtimeNpmEnv() {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
	);
	return { ...env, npm_config_fund: 'false', npm_config_audit: 'false' };
}

function runStep(label, command, args, log) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		log(`${label} …`);
		const output = [];
		const child = spawn(command, args, {
			cwd: RUNTIME_DIR,
			env: runtimeNpmEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const keep = (chunk) => {
			output.push(chunk);
			if (output.length > 400) output.splice(0, output.length - 400);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const heartbeat = setInterval(
			() => log(`  … still working on "${label}" (${Math.round((Date.now() - started) / 1000)} s)`),
			20_000,
		);
		child.on('error', (error) => {
			clearInterval(heartbeat);
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(heartbeat);
			const seconds = Math.round((Date.now() - started) / 1000);
			if (code === 0) {
				log(`${label}: done in ${seconds} s`);
				resolve();
			} else {
				const tail = Buffer.concat(output).toString('utf8').split('\n').slice(-40).join('\n');
				reject(new Error(`${label} failed (exit ${code}) after ${seconds} s:\n${tail}`));
			}
		});
	});
}

function pidIsAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** The pid in the install lock (0 while not yet written) and the lock's age; undefined when there is no lock. */
function lockHolder() {
	let ageMs;
	try {
		ageMs = Date.now() - fs.statSync(LOCK_DIR).mtimeMs;
	} catch {
		return undefined;
	}
	let pid = 0;
	try {
		pid = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8')) || 0;
	} catch {
		/* the holder has not written its pid yet */
	}
	return { pid, ageMs };
}

/** A directory lock so that parallel jest workers, the demo and `npm start` never install at the same time. */
async function withInstallLock(log, work) {
	const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
	let waitingSince = 0;
	for (;;) {
		try {
			fs.mkdirSync(LOCK_DIR);
			fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const holder = lockHolder();
			if (holder === undefined) continue; // released meanwhile
			// A holder that died, or one that never wrote its pid within a minute, leaves a stale lock.
			if (holder.pid ? !pidIsAlive(holder.pid) : holder.ageMs > 60_000) {
				fs.rmSync(LOCK_DIR, { recursive: true, force: true });
				continue;
			}
			if (!waitingSince) {
				waitingSince = Date.now();
				log(
					`another process (pid ${holder.pid || '?'}) is installing the n8n runtime; waiting for it …`,
				);
			}
			await sleep(1000);
		}
	}
	try {
		return await work();
	} finally {
		fs.rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

/**
 * Installs the pinned n8n into .n8n-runtime/ unless the stamp says the installed tree matches the lock file.
 * Returns the path of the n8n CLI.
 */
async function ensureRuntime({ log = defaultLog } = {}) {
	if (isRuntimeReady()) return N8N_BIN;
	return withInstallLock(log, async () => {
		if (isRuntimeReady()) return N8N_BIN;
		const version = require(path.join(RUNTIME_DIR, 'package.json')).dependencies.n8n;
		const started = Date.now();
		log(
			`first use: installing n8n@${version} into ${path.relative(process.cwd(), RUNTIME_DIR) || RUNTIME_DIR}`,
		);
		log(
			'this happens once and takes a few minutes (about 1.8 GB from the npm registry); later runs start at once',
		);
		fs.rmSync(STAMP_FILE, { force: true });
		// Each step leaves its own mark, so an interrupted first run resumes where it stopped.
		if (readStamp(CI_STAMP_FILE) !== runtimeFingerprint()) {
			await runStep(
				`npm ci n8n@${version} (no install scripts)`,
				'npm',
				['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
				log,
			);
			fs.writeFileSync(CI_STAMP_FILE, `${runtimeFingerprint()}\n`);
		}
		if (!sqliteLoads()) {
			await runStep(
				"npm rebuild sqlite3 (compiles n8n's database driver)",
				'npm',
				['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'],
				log,
			);
			if (!sqliteLoads())
				throw new Error('sqlite3 does not load after `npm rebuild sqlite3` (see the output above)');
		}
		fs.writeFileSync(STAMP_FILE, `${runtimeFingerprint()}\n`);
		log(`n8n@${version} is ready (${Math.round((Date.now() - started) / 1000)} s)`);
		return N8N_BIN;
	});
}

/**
 * Creates (or reuses) an n8n user folder that loads this repository as the community package
 * `n8n-nodes-engagement-scoring`, so node types carry their production names (`n8n-nodes-engagement-scoring.scoreContacts`).
 * The repository must be built (`dist/`) before n8n starts.
 */
function createUserFolder(folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-engagement-'))) {
	const nodeModules = path.join(folder, '.n8n', 'nodes', 'node_modules');
	fs.mkdirSync(nodeModules, { recursive: true });
	const link = path.join(nodeModules, PACKAGE_NAME);
	let current = null;
	try {
		current = fs.readlinkSync(link);
	} catch {
		/* not linked yet */
	}
	if (current !== REPO_ROOT) {
		fs.rmSync(link, { force: true, recursive: true });
		fs.symlinkSync(REPO_ROOT, link, 'dir');
	}
	return folder;
}

/** The environment every n8n command here runs with. */
function n8nEnv(userFolder, extra = {}) {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		// Jest sets NODE_ENV=test, under which `n8n start` exits at once without a word.
		NODE_ENV: 'production',
		// The default `vm` engine needs isolated-vm, which does not build on Node 20.
		N8N_EXPRESSION_ENGINE: 'legacy',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
		// Workflows reach the bundled data and demo-output/ with paths relative to the repository.
		N8N_RESTRICT_FILE_ACCESS_TO: '',
		NODE_OPTIONS: [process.env.NODE_OPTIONS, '--max-old-space-size=2048'].filter(Boolean).join(' '),
		...extra,
	};
}

module.exports = {
	REPO_ROOT,
	RUNTIME_DIR,
	N8N_BIN,
	PACKAGE_NAME,
	ensureRuntime,
	isRuntimeReady,
	createUserFolder,
	n8nEnv,
};

if (require.main === module) {
	ensureRuntime()
		.then((bin) => process.stdout.write(`${bin}\n`))
		.catch((error) => {
			defaultLog(error.message);
			process.exit(1);
		});
}
