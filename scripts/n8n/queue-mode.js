'use strict';
/**
 * n8n in queue mode on this machine, for the partitioned-scoring e2e test (test/e2e/queueMode.test.ts):
 * PostgreSQL as n8n's database (a fresh database per run), Redis as the Bull queue (a fresh key prefix per run),
 * `n8n start` as the main process (webhooks, enqueueing) and `n8n worker` processes that run the executions.
 * Every process started here is stopped by `stop()` (and killed on exit); the database and queue keys are dropped.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const n8n = require('./n8n');
const { N8N_BIN, RUNTIME_DIR, n8nEnv } = require('./ensure-runtime');

const PG = { host: '127.0.0.1', port: 5432, user: process.env.PGUSER || 'postgres' };
const REDIS = { host: '127.0.0.1', port: 6379 };

/** Environment shared by the CLI commands, the main process and the workers of one queue-mode instance. */
function queueEnv({ database, prefix, encryptionKey }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: PG.host,
		DB_POSTGRESDB_PORT: String(PG.port),
		DB_POSTGRESDB_USER: PG.user,
		DB_POSTGRESDB_PASSWORD: process.env.PGPASSWORD || '',
		DB_POSTGRESDB_DATABASE: database,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: REDIS.host,
		QUEUE_BULL_REDIS_PORT: String(REDIS.port),
		QUEUE_BULL_PREFIX: prefix,
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		N8N_ENCRYPTION_KEY: encryptionKey,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'false',
		N8N_LOG_LEVEL: 'info',
	};
}

async function withPg(database, work) {
	const client = new Client({ ...PG, database });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** A fresh database and queue prefix, with the env to use them. */
async function createQueueInstance() {
	const suffix = crypto.randomBytes(5).toString('hex');
	const database = `n8n_queue_${suffix}`;
	await withPg('postgres', (client) => client.query(`CREATE DATABASE ${database}`));
	const env = queueEnv({
		database,
		prefix: `bull_${suffix}`,
		encryptionKey: crypto.randomBytes(24).toString('hex'),
	});
	return { database, prefix: env.QUEUE_BULL_PREFIX, env };
}

async function dropQueueInstance({ database, prefix }) {
	await withPg('postgres', (client) =>
		client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
	);
	// Bull's keys of this run; ioredis comes with the n8n runtime.
	const Redis = require(
		require.resolve('ioredis', { paths: [path.join(RUNTIME_DIR, 'node_modules', 'n8n')] }),
	);
	const redis = new Redis({ ...REDIS, lazyConnect: true, maxRetriesPerRequest: 1 });
	try {
		await redis.connect();
		let cursor = '0';
		do {
			const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
			if (keys.length > 0) await redis.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		redis.disconnect();
	}
}

const started = new Set();
process.on('exit', () => {
	for (const child of started) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
});

/** Starts `n8n worker`; resolves once it logs that it is ready. */
function startWorker({ userFolder, env, name, concurrency = 1, timeoutMs = 120_000 }) {
	const child = spawn(process.execPath, [N8N_BIN, 'worker', `--concurrency=${concurrency}`], {
		env: n8nEnv(userFolder, env),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	started.add(child);
	let log = '';
	const keep = (chunk) => {
		log += chunk.toString('utf8');
		if (log.length > 2_000_000) log = log.slice(-1_000_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	let exited = null;
	const exitPromise = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			exited = { code, signal };
			started.delete(child);
			resolve(exited);
		}),
	);
	const worker = {
		name,
		process: child,
		output: () => log,
		/** Executions this worker ran (its "Worker started execution" lines). */
		executions: () => [...log.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]),
		async stop() {
			if (exited) return exited;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				child.kill('SIGTERM');
			}
			const killer = setTimeout(() => {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					/* gone */
				}
			}, 15_000);
			const result = await exitPromise;
			clearTimeout(killer);
			return result;
		},
	};
	return new Promise((resolve, reject) => {
		const deadline = setTimeout(() => {
			worker.stop();
			reject(new Error(`worker ${name} not ready within ${timeoutMs} ms\n${log.slice(-3000)}`));
		}, timeoutMs);
		const check = () => {
			if (/n8n worker is now ready/.test(log)) {
				clearTimeout(deadline);
				resolve(worker);
			}
		};
		child.stdout.on('data', check);
		child.stderr.on('data', check);
		child.once('exit', () => {
			clearTimeout(deadline);
			reject(new Error(`worker ${name} exited early\n${log.slice(-3000)}`));
		});
	});
}

/**
 * Imports and activates workflows, then starts main + workers. Returns `{ baseUrl, main, workers, stop() }`;
 * `stop()` stops every process (workers first, so no job is left half-run) — call it in a finally/afterAll.
 */
async function startQueueMode({ userFolder, env, workflowFiles, activate, port, workers = 2 }) {
	const cli = { userFolder, env };
	// One import that also activates: `--activeState=fromJson` is allowed in queue mode (one CLI call, not one per id).
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-import-'));
	try {
		for (const file of workflowFiles) {
			const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
			workflow.active = activate.includes(workflow.id);
			fs.writeFileSync(path.join(staging, `${workflow.id}.json`), JSON.stringify(workflow));
		}
		await n8n.runN8nOrThrow(
			['import:workflow', '--separate', `--input=${staging}`, '--activeState=fromJson'],
			cli,
		);
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	const running = { main: undefined, workers: [] };
	const stop = async () => {
		await Promise.all(running.workers.map((worker) => worker.stop()));
		if (running.main) await running.main.stop();
	};
	try {
		const workerStarts = Array.from({ length: workers }, (_, i) =>
			startWorker({ userFolder, env, name: `worker-${i + 1}` }).then((worker) => {
				running.workers.push(worker);
				return worker;
			}),
		);
		running.main = await n8n.startN8n({ userFolder, port, env });
		await Promise.all(workerStarts);
	} catch (error) {
		await stop();
		throw error;
	}
	return { baseUrl: running.main.baseUrl, main: running.main, workers: running.workers, stop };
}

/**
 * Resolves once main serves a production webhook path, without starting an execution: a GET to a POST-only webhook
 * answers "not registered for GET … Did you mean to make a POST request?" once it is registered.
 */
async function waitForPostWebhook(baseUrl, webhookPath, { timeoutMs = 60_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(`${baseUrl}/webhook/${webhookPath}`).catch(() => null);
		const text = response ? await response.text() : '';
		if (/POST/.test(text)) return;
		if (Date.now() > deadline) {
			throw new Error(
				`webhook /webhook/${webhookPath} not registered within ${timeoutMs} ms: ${text}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

module.exports = {
	waitForPostWebhook,
	createQueueInstance,
	dropQueueInstance,
	startQueueMode,
	withPg,
};
