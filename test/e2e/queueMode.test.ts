/**
 * Partitioned scoring on a real n8n in queue mode (issue 8 item 3): PostgreSQL as n8n's database (a fresh database per
 * run), Redis as the queue, `n8n start` as main and two `n8n worker` processes. The example workflow
 * (examples/partitioned-*.json, written by scripts/n8n/queue-examples.js) splits contacts by hash, runs one
 * sub-workflow per partition for partial statistics, merges them, and bands each partition in a second sub-workflow.
 * Three webhook requests (decay, lifecycle, clickShare) run at once; each answer must be exactly the single-process
 * library result, and the executions must have run on the workers (both of them), not on main.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { scoreContacts } from '../../lib/scoreContacts';

/* eslint-disable @typescript-eslint/no-require-imports */
const n8n = require('../../scripts/n8n/n8n');
const queue = require('../../scripts/n8n/queue-mode');
const { partitionedWorkflows } = require('../../scripts/n8n/queue-examples');
const { generateDataset } = require('../../scripts/data/generator');
/* eslint-enable @typescript-eslint/no-require-imports */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- n8n's run data, read loosely
type Json = Record<string, any>;

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const AS_OF = '2026-11-01T00:00:00.000Z';
const PARTITIONS = 4;
const MODELS = [
	{ model: 'decay', suffix: '' },
	{ model: 'lifecycle', suffix: 'Lifecycle' },
	{ model: 'clickShare', suffix: 'ClickShare' },
];

jest.setTimeout(4 * 60_000);

let workspace: string;
let instance: { database: string; prefix: string; env: Record<string, string> } | undefined;
let running: { baseUrl: string; workers: Json[]; main: Json; stop(): Promise<void> } | undefined;
const events: Json[] = generateDataset({ seed: 11, contacts: 240, campaigns: 16 }).events;

beforeAll(async () => {
	await n8n.ensureRuntime({
		log: (message: string) => process.stderr.write(`[queue-e2e] ${message}\n`),
	});
	const built = path.join(REPO_ROOT, 'dist', 'nodes', 'ScoreContacts', 'actions', 'contact');
	expect(fs.existsSync(path.join(built, 'mergeStatistics.operation.js'))).toBe(true);

	workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'engagement-queue-'));
	const userFolder = n8n.createUserFolder(path.join(workspace, 'n8n'));
	const files: string[] = [];
	const parents: string[] = [];
	for (const { model, suffix } of MODELS) {
		// The decay set is the shipped example itself; the others are the same workflows for another model.
		const workflows = suffix === '' ? shippedExamples() : partitionedWorkflows({ model, suffix });
		for (const key of ['parent', 'partial', 'band']) {
			const file = path.join(workspace, `${workflows[key].id}.json`);
			fs.writeFileSync(file, JSON.stringify(workflows[key]));
			files.push(file);
		}
		parents.push(workflows.parent.id);
	}
	instance = await queue.createQueueInstance();
	running = await queue.startQueueMode({
		userFolder,
		env: instance!.env,
		workflowFiles: files,
		activate: parents,
		port: await freePort(),
		workers: 2,
	});
}, 5 * 60_000);

afterAll(async () => {
	await running?.stop();
	if (instance) await queue.dropQueueInstance(instance);
	if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
}, 60_000);

/** A port nothing listens on now (other e2e suites run n8n on their own ports at the same time). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function shippedExamples(): Json {
	const read = (name: string) =>
		JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', name), 'utf8'));
	return {
		parent: read('partitioned-score.json'),
		partial: read('partitioned-partial.json'),
		band: read('partitioned-band.json'),
	};
}

function webhookPath(model: string, suffix: string): string {
	return partitionedWorkflows({ model, suffix }).webhookPath;
}

async function postScore(model: string, suffix: string): Promise<Json[]> {
	const url = `${running!.baseUrl}/webhook/${webhookPath(model, suffix)}`;
	await queue.waitForPostWebhook(running!.baseUrl, webhookPath(model, suffix));
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ model, asOf: AS_OF, partitions: PARTITIONS, events }),
	});
	const text = await response.text();
	if (response.status !== 200)
		throw new Error(`${model}: HTTP ${response.status} ${text.slice(0, 2000)}`);
	return JSON.parse(text) as Json[];
}

const essentials = ({ contactId, score, band, explanation, details }: Json) =>
	JSON.parse(JSON.stringify({ contactId, score, band, explanation, details }));

test('three partitioned runs at once on two queue-mode workers give exactly the single-process scores', async () => {
	const answers = await Promise.all(MODELS.map(({ model, suffix }) => postScore(model, suffix)));
	MODELS.forEach(({ model }, m) => {
		const single = scoreContacts(events as never, { model, asOf: AS_OF, timezone: 'UTC' });
		const partitioned = [...answers[m]].sort((a, b) => (a.contactId < b.contactId ? -1 : 1));
		expect(partitioned.length).toBe(single.contacts.length);
		expect(partitioned.map(essentials)).toEqual(single.contacts.map(essentials));
		expect(new Set(partitioned.map((c) => c.band)).size).toBeGreaterThan(2);
		for (const contact of partitioned) expect(contact.asOf).toBe(AS_OF);
	});

	// Each request is one queued execution (sub-workflows run inside it on the same worker); with one job at a time
	// per worker, three concurrent requests cannot all land on one worker.
	const perWorker = running!.workers.map((worker) => worker.executions() as string[]);
	expect(perWorker.flat()).toHaveLength(MODELS.length);
	for (const executions of perWorker) expect(executions.length).toBeGreaterThan(0);
	expect(running!.main.output()).not.toMatch(/Worker started execution/);

	// n8n's own records in PostgreSQL: the three webhook runs and their sub-workflow runs, all successful.
	const rows: Json[] = await queue.withPg(
		instance!.database,
		async (client: Json) =>
			(
				await client.query(
					'SELECT mode, status, count(*)::int AS count FROM execution_entity GROUP BY mode, status ORDER BY mode',
				)
			).rows,
	);
	const byMode = Object.fromEntries(rows.map((row) => [`${row.mode}/${row.status}`, row.count]));
	expect(byMode['webhook/success']).toBe(MODELS.length);
	expect(byMode['integrated/success']).toBe(MODELS.length * 2 * PARTITIONS);
	expect(rows.every((row) => row.status === 'success')).toBe(true);
});
