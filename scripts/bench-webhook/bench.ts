/**
 * Load test of the Engagement Webhook Trigger (`npm run bench:webhook`).
 *
 * Starts, in a child process, an HTTP server on 127.0.0.1 whose handler is the trigger running inside n8n's own classes (n8n-core
 * WebhookContext per request, then WorkflowExecute feeding a downstream node — the same harness as
 * test/nodes/trigger.test.ts), posts pre-signed SendGrid batches with autocannon (bounded in request count and in
 * time), replays a share of them, and reports events/s, latency percentiles and whether every event reached the
 * workflow exactly once.
 *
 * Options (env): BENCH_BATCHES (default 400), BENCH_BATCH_SIZE (50), BENCH_REPLAY_SHARE (0.1),
 * BENCH_CONNECTIONS (2), BENCH_MAX_SECONDS (60). Exit code 1 when delivery is not exactly-once or targets are missed
 * and BENCH_STRICT=1.
 */
import { fork } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createTriggerHarness, removeUserFolder } from '../../test/nodes/trigger/harness';
import { sendGridHeaders, sendGridKeys } from '../../test/lib/providers/signing';

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonResult {
	latency: { p50: number; p90: number; p99: number; max: number };
	non2xx: number;
	errors: number;
	timeouts: number;
}
interface AutocannonRequest {
	method?: string;
	body?: string;
	headers?: Record<string, string>;
	setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (
	options: {
		url: string;
		connections: number;
		amount: number;
		duration: number;
		requests: AutocannonRequest[];
	},
	done: (error: Error | null, result: AutocannonResult) => void,
) => { stop(): void; on(event: 'done', listener: () => void): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const env = (name: string, fallback: number) =>
	process.env[name] ? Number(process.env[name]) : fallback;
const BATCHES = env('BENCH_BATCHES', 400);
const BATCH_SIZE = env('BENCH_BATCH_SIZE', 50);
const REPLAY_SHARE = env('BENCH_REPLAY_SHARE', 0.1);
const CONNECTIONS = env('BENCH_CONNECTIONS', 2);
const MAX_SECONDS = env('BENCH_MAX_SECONDS', 60);
const TARGET_EVENTS_PER_SECOND = 2000;
const TARGET_P99_MS = 50;

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * The trigger side, run in a child process (as n8n runs apart from the ESP): answers webhooks on loopback and
 * reports what reached the workflow when the parent asks over IPC.
 */
async function runServer(publicKey: string, dedupeCapacity: number) {
	const harness = createTriggerHarness({
		parameters: { provider: 'sendgrid', options: { dedupeCapacity } },
		credentials: { engagementSendGridWebhookApi: { publicKey } },
	});
	const deliveries = new Map<string, number>();
	let executions = 0;
	let counting = false;
	const server = createServer(async (req, res) => {
		try {
			const rawBody = await readBody(req);
			const outcome = await harness.post({
				method: req.method,
				headers: req.headers as Record<string, string>,
				rawBody,
			});
			if (outcome.received && counting) {
				executions += 1;
				for (const item of outcome.received) {
					const id = String(item.eventId);
					deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
				}
			}
			res.writeHead(outcome.response?.statusCode ?? 200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(outcome.response?.body ?? outcome.result.webhookResponse ?? {}));
		} catch (error) {
			res.writeHead(500);
			res.end(String(error));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	process.on('message', (message: { type: string }) => {
		if (message.type === 'count') {
			counting = true;
			process.send?.({ type: 'counting' });
		}
		if (message.type === 'stats') {
			const counts = [...deliveries.values()];
			process.send?.({
				type: 'stats',
				executions,
				uniqueDelivered: deliveries.size,
				delivered: counts.reduce((sum, count) => sum + count, 0),
				duplicatesDelivered: counts.filter((count) => count > 1).length,
			});
			server.close();
			removeUserFolder();
			process.exit(0);
		}
	});
	process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
}

interface ServerStats {
	executions: number;
	uniqueDelivered: number;
	delivered: number;
	duplicatesDelivered: number;
}

async function main() {
	const keys = sendGridKeys();
	const child = fork(__filename, ['server'], {
		env: {
			...process.env,
			BENCH_PUBLIC_KEY: keys.publicKey,
			BENCH_DEDUPE: String(BATCHES * BATCH_SIZE * 2 + 100),
		},
	});
	const request = <T>(type: string, reply: string, payload: object = {}) =>
		new Promise<T>((resolve) => {
			const listener = (message: { type: string }) => {
				if (message.type !== reply) return;
				child.off('message', listener);
				resolve(message as T);
			};
			child.on('message', listener);
			if (type) child.send({ type, ...payload });
		});
	const { port } = await request<{ port: number }>('', 'ready');

	// Pre-sign every request so the client spends no CPU on ECDSA during the run.
	const timestamp = Math.floor(Date.now() / 1000);
	const originals = Array.from({ length: BATCHES }, (_, batch) => {
		const body = JSON.stringify(
			Array.from({ length: BATCH_SIZE }, (_, index) => ({
				email: `contact${(batch * BATCH_SIZE + index) % 5000}@example.com`,
				event: ['processed', 'delivered', 'open', 'click'][index % 4],
				sg_machine_open: index % 8 === 2,
				timestamp: timestamp - 60,
				sg_event_id: `ev-${batch}-${index}`,
				sg_message_id: `msg-${batch}`,
				marketing_campaign_id: 1000 + (batch % 20),
				url: index % 4 === 3 ? 'https://example.com/offer' : undefined,
			})),
		);
		return {
			body,
			headers: {
				'content-type': 'application/json',
				...sendGridHeaders(keys.privateKey, body, String(timestamp)),
			},
		};
	});
	const replays = Math.floor(BATCHES * REPLAY_SHARE);
	// Each replay is sent well after its original (retries arrive later), spread over the run.
	const sequence = [...originals];
	for (let i = 0; i < replays; i += 1) {
		const original = Math.floor((i * BATCHES) / Math.max(replays, 1));
		sequence.splice(
			Math.min(sequence.length, original + CONNECTIONS * 4 + i),
			0,
			originals[original],
		);
	}
	let next = 0;

	// Warm-up outside the measurement (the first WorkflowExecute run loads and JIT-compiles n8n's engine).
	for (let i = 0; i < 30; i += 1) {
		const body = JSON.stringify([
			{
				email: 'warm@example.com',
				event: 'open',
				timestamp: timestamp - 60,
				sg_event_id: `warm-${i}`,
			},
		]);
		await fetch(`http://127.0.0.1:${port}/webhook`, {
			method: 'POST',
			body,
			headers: sendGridHeaders(keys.privateKey, body, String(timestamp)),
		});
	}
	await request('count', 'counting');

	const started = Date.now();
	const result = await new Promise<AutocannonResult>((resolve, reject) => {
		const instance = autocannon(
			{
				url: `http://127.0.0.1:${port}/webhook`,
				connections: CONNECTIONS,
				amount: sequence.length,
				duration: MAX_SECONDS,
				requests: [
					{
						method: 'POST',
						setupRequest: (request) => {
							const entry = sequence[next % sequence.length];
							next += 1;
							return { ...request, body: entry.body, headers: entry.headers };
						},
					},
				],
			},
			(error, finished) => (error ? reject(error) : resolve(finished)),
		);
		const guard = setTimeout(() => instance.stop(), (MAX_SECONDS + 5) * 1000);
		instance.on('done', () => clearTimeout(guard));
	});
	const seconds = (Date.now() - started) / 1000;
	const stats = await request<ServerStats>('stats', 'stats');

	const expectedIds = BATCHES * BATCH_SIZE;
	const sentRequests = Math.min(next, sequence.length);
	const deliveredEvents = stats.delivered;
	const duplicatesDelivered = stats.duplicatesDelivered;
	const complete = sentRequests === sequence.length;
	const missing = complete ? expectedIds - stats.uniqueDelivered : undefined;
	const eventsPerSecond = deliveredEvents / seconds;
	const report = {
		provider: 'sendgrid (ECDSA P-256 signed batches)',
		requests: {
			planned: sequence.length,
			sent: sentRequests,
			replays,
			non2xx: result.non2xx,
			errors: result.errors,
			timeouts: result.timeouts,
		},
		events: {
			unique: expectedIds,
			delivered: deliveredEvents,
			executions: stats.executions,
			duplicatesDelivered,
			missing,
		},
		seconds: Number(seconds.toFixed(2)),
		eventsPerSecond: Math.round(eventsPerSecond),
		latencyMs: {
			p50: result.latency.p50,
			p90: result.latency.p90,
			p99: result.latency.p99,
			max: result.latency.max,
		},
		exactlyOnce: complete && duplicatesDelivered === 0 && missing === 0,
		targets: {
			eventsPerSecond: eventsPerSecond >= TARGET_EVENTS_PER_SECOND,
			p99: result.latency.p99 < TARGET_P99_MS,
		},
	};
	process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
	const ok = report.exactlyOnce && report.targets.eventsPerSecond && report.targets.p99;
	process.exit(process.env.BENCH_STRICT === '1' && !ok ? 1 : 0);
}

const entry =
	process.argv[2] === 'server'
		? runServer(process.env.BENCH_PUBLIC_KEY ?? '', Number(process.env.BENCH_DEDUPE))
		: main();
entry.catch((error) => {
	process.stderr.write(`${String(error?.stack ?? error)}\n`);
	process.exit(1);
});
