/**
 * Load test of the Engagement Webhook Trigger (`npm run bench:webhook`).
 *
 * Starts an HTTP server on 127.0.0.1 whose handler is the trigger running inside n8n's own classes (n8n-core
 * WebhookContext per request, then WorkflowExecute feeding a downstream node — the same harness as
 * test/nodes/trigger.test.ts), posts pre-signed SendGrid batches with autocannon (bounded in request count and in
 * time), replays a share of them, and reports events/s, latency percentiles and whether every event reached the
 * workflow exactly once.
 *
 * Options (env): BENCH_BATCHES (default 400), BENCH_BATCH_SIZE (50), BENCH_REPLAY_SHARE (0.1),
 * BENCH_CONNECTIONS (4), BENCH_MAX_SECONDS (60). Exit code 1 when delivery is not exactly-once or targets are missed
 * and BENCH_STRICT=1.
 */
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
const CONNECTIONS = env('BENCH_CONNECTIONS', 4);
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

async function main() {
	const keys = sendGridKeys();
	const harness = createTriggerHarness({
		parameters: { provider: 'sendgrid', options: { dedupeCapacity: BATCHES * BATCH_SIZE * 2 } },
		credentials: { engagementSendGridWebhookApi: { publicKey: keys.publicKey } },
	});
	const deliveries = new Map<string, number>();
	let executions = 0;

	const server = createServer(async (req, res) => {
		try {
			const rawBody = await readBody(req);
			const outcome = await harness.post({
				method: req.method,
				headers: req.headers as Record<string, string>,
				rawBody,
			});
			if (outcome.received) {
				executions += 1;
				for (const item of outcome.received) {
					const id = String(item.eventId);
					deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
				}
			}
			const status = outcome.response?.statusCode ?? 200;
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(outcome.response?.body ?? outcome.result.webhookResponse ?? {}));
		} catch (error) {
			res.writeHead(500);
			res.end(String(error));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

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

	// Warm-up outside the measurement (first WorkflowExecute run loads and JIT-compiles n8n's engine).
	for (let i = 0; i < 20; i += 1) {
		const body = JSON.stringify([
			{
				email: 'warm@example.com',
				event: 'open',
				timestamp: timestamp - 60,
				sg_event_id: `warm-${i}`,
			},
		]);
		await harness.post({
			headers: sendGridHeaders(keys.privateKey, body, String(timestamp)),
			rawBody: body,
		});
	}

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
	server.close();
	removeUserFolder();

	const expectedIds = BATCHES * BATCH_SIZE;
	const sentRequests = Math.min(next, sequence.length);
	const deliveredEvents = [...deliveries.values()].reduce((sum, count) => sum + count, 0);
	const duplicatesDelivered = [...deliveries.values()].filter((count) => count > 1).length;
	const complete = sentRequests === sequence.length;
	const missing = complete ? expectedIds - deliveries.size : undefined;
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
			executions,
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

main().catch((error) => {
	process.stderr.write(`${String(error?.stack ?? error)}\n`);
	process.exit(1);
});
