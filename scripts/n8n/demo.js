#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: the whole package in a real n8n, on the bundled data, with nothing but `npm install` before it.
 *
 * 1. installs the pinned n8n on first use (.n8n-runtime/, a few minutes once) and builds this package;
 * 2. loads the package into a throwaway n8n user folder (as the community package n8n-nodes-engagement-scoring);
 * 3. imports examples/*.json and runs the scoring and report workflows headless (`n8n execute`);
 * 4. activates the webhook workflow, starts n8n on 127.0.0.1, posts signed event batches (Standard Webhooks, as
 *    Resend/Svix sign them), a retried batch and a forged one;
 * 5. prints contacts per band for each model, the campaign funnel and the files written under demo-output/.
 * Every process it starts is stopped at the end, on errors and on Ctrl-C.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const n8n = require('./n8n');
const { DEMO_REPORT_PASSWORD, demoCredentials, standardWebhooksHeaders } = require('./credentials');
const { WEBHOOK_IDS } = require('./write-examples');

/** Band labels per model in the library's order (read from the build once it exists). */
let MODEL_BANDS = {};
const OUTPUT_DIR = path.join(n8n.REPO_ROOT, 'demo-output');
const DATA_DIR = path.join(n8n.REPO_ROOT, 'demo', 'data');
const started = Date.now();
const log = (message) =>
	process.stderr.write(
		`[demo ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}\n`,
	);

/** The headless runs: workflow id, what it shows, and the nodes whose output the summary reads. */
const HEADLESS_RUNS = [
	{
		id: 'esModelDecay',
		model: 'decay',
		title: 'decay — Ometria (seed 004)',
		bands: 'Contacts per band',
	},
	{
		id: 'esModelStars',
		model: 'clickShare',
		title: 'clickShare — theMarketer stars (seed 003)',
		bands: 'Contacts per band',
	},
	{
		id: 'esModelRecency',
		model: 'recency',
		title: 'recency — Crescendo Lab 3 levels (seed 000)',
		bands: 'Contacts per band',
		extra: [
			{
				model: 'recency5',
				title: 'recency5 — Crescendo Lab 5 levels (seed 000)',
				bands: 'Contacts per level (5 levels)',
			},
		],
		rates: 'Engagement rates',
	},
	{
		id: 'esModelLifecycle',
		model: 'lifecycle',
		title: 'lifecycle — Contactlab clusters (seed 002)',
		bands: 'Contacts per band',
	},
	{
		id: 'esScoreFiles',
		title: '(b) every 8 hours → score → bands file',
		bands: 'Contacts per band',
		quiet: true,
	},
	{
		id: 'esWeeklyReport',
		title: '(c) weekly campaign report → files (Channel Talk, seed 001)',
		campaigns: 'Campaigns',
	},
];

function prepareOutputDir() {
	// Start from empty report files and webhook log: the workflows append to the audit and event logs.
	fs.rmSync(path.join(OUTPUT_DIR, 'reports'), { recursive: true, force: true });
	fs.rmSync(path.join(OUTPUT_DIR, 'webhook-events.ndjson'), { force: true });
	fs.mkdirSync(path.join(OUTPUT_DIR, 'reports'), { recursive: true });
}

/** A live batch: deliveries, opens (some Apple MPP machine opens), clicks and a conversion for a new campaign. */
function liveEvents(count) {
	const contacts = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'contacts.json'), 'utf8'));
	const now = Date.now();
	const events = [];
	for (let i = 0; events.length < count; i++) {
		const contact = contacts[(i * 37) % contacts.length];
		const at = (minutes) => new Date(now - (60 - minutes) * 60_000).toISOString();
		const base = {
			contactId: contact.contactId,
			campaignId: 'live-demo-001',
			campaignKind: 'broadcast',
			channel: 'email',
		};
		events.push({ ...base, eventId: `live-${i}-d`, type: 'delivered', timestamp: at(0) });
		if (i % 2 === 0)
			events.push({
				...base,
				eventId: `live-${i}-o`,
				type: 'open',
				timestamp: at(5),
				machine: contact.appleMail === true,
			});
		if (i % 4 === 0)
			events.push({
				...base,
				eventId: `live-${i}-c`,
				type: 'click',
				timestamp: at(7),
				url: 'https://shop.example/new',
			});
		if (i % 16 === 0)
			events.push({ ...base, eventId: `live-${i}-g`, type: 'conversion', timestamp: at(20) });
	}
	return events.slice(0, count);
}

async function postBatch(url, events, { forge = false } = {}) {
	const body = JSON.stringify(events);
	const headers = standardWebhooksHeaders(body);
	if (forge)
		headers['webhook-signature'] =
			`v1,${Buffer.from('not the right signature').toString('base64')}`;
	const response = await fetch(url, { method: 'POST', headers, body });
	await response.arrayBuffer();
	return response.status;
}

function countLines(file) {
	if (!fs.existsSync(file)) return 0;
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '').length;
}

async function waitForLines(file, expected, timeoutMs = 15_000) {
	const deadline = Date.now() + timeoutMs;
	while (countLines(file) < expected && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 200));
	return countLines(file);
}

async function runLiveWebhook(userFolder) {
	const port = await n8n.freePort(5678);
	log(`starting n8n on http://127.0.0.1:${port} with the webhook workflow active …`);
	const server = await n8n.startN8n({ userFolder, port });
	try {
		const url = `${server.baseUrl}/webhook/${WEBHOOK_IDS.file}/webhook`;
		await n8n.waitForWebhook(server.baseUrl, `${WEBHOOK_IDS.file}/webhook`);
		log(`webhook live at ${url}; posting signed batches …`);
		const file = path.join(OUTPUT_DIR, 'webhook-events.ndjson');
		const events = liveEvents(120);
		const batches = [0, 1, 2, 3].map((k) => events.slice(k * 30, (k + 1) * 30));
		const statuses = [];
		for (const batch of batches) statuses.push(await postBatch(url, batch));
		const stored = await waitForLines(file, events.length);
		// An ESP retry: the same events again under a new delivery id; the trigger drops event ids it has seen.
		const retryStatus = await postBatch(url, batches[0]);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const afterRetry = countLines(file);
		const forgedStatus = await postBatch(
			url,
			liveEvents(5).map((event) => ({ ...event, eventId: `forged-${event.eventId}` })),
			{
				forge: true,
			},
		);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const afterForged = countLines(file);
		return {
			url,
			port,
			statuses,
			sent: events.length,
			stored,
			retryStatus,
			afterRetry,
			forgedStatus,
			afterForged,
		};
	} finally {
		log('stopping n8n …');
		await server.stop();
	}
}

const numberFormat = new Intl.NumberFormat('en-US');
const percent = (part, whole) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : '–');

/** "High 424 · Medium 286 · …" in the model's own band order (every band, also empty ones). */
function bandLine(rows, model) {
	if (!rows || rows.length === 0) return '(no output)';
	const counts = new Map(rows.map((row) => [String(row.band), Number(row.count ?? 0)]));
	const order = [...(MODEL_BANDS[model] ?? [])];
	for (const band of counts.keys()) if (!order.includes(band)) order.push(band);
	const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
	const parts = order.map((band) => `${band} ${numberFormat.format(counts.get(band) ?? 0)}`);
	return `${parts.join(' · ')}   (${numberFormat.format(total)} contacts)`;
}

function funnelLines(campaigns) {
	if (!campaigns || campaigns.length === 0) return ['  (no campaign rows)'];
	const total = { sent: 0, view: 0, click: 0, goal: 0 };
	for (const row of campaigns)
		for (const key of Object.keys(total)) total[key] += Number(row[key] ?? 0);
	const lines = [
		`  ${campaigns.length} campaigns: sent ${numberFormat.format(total.sent)} → viewed ${numberFormat.format(total.view)} (${percent(total.view, total.sent)})` +
			` → clicked ${numberFormat.format(total.click)} (${percent(total.click, total.sent)}) → goal ${numberFormat.format(total.goal)} (${percent(total.goal, total.sent)})`,
	];
	// Newsletters only: transactional mail (order confirmations) always tops a click-rate list and says nothing.
	const kindOf = new Map(
		JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'campaigns.json'), 'utf8')).map((c) => [
			c.campaignId,
			c.kind,
		]),
	);
	lines.push('    broadcasts with the highest click rates:');
	const top = campaigns
		.filter((row) => Number(row.sent) > 0 && kindOf.get(row.campaignId) === 'broadcast')
		.sort((a, b) => Number(b.click) / Number(b.sent) - Number(a.click) / Number(a.sent))
		.slice(0, 3);
	for (const row of top) {
		lines.push(
			`      ${String(row.campaignId).padEnd(10)} sent ${String(row.sent).padStart(5)}  viewed ${percent(row.view, row.sent).padStart(7)}  clicked ${percent(row.click, row.sent).padStart(7)}  goal ${percent(row.goal, row.sent).padStart(7)}`,
		);
	}
	return lines;
}

function ratesLine(rates) {
	const row = rates?.[0];
	if (!row) return '(no output)';
	const pct = (value) => `${(100 * Number(value)).toFixed(1)} %`;
	return `recipients ${numberFormat.format(row.recipients)} · open ${pct(row.openRate)} · click ${pct(row.clickRate)} · conversion ${pct(row.conversionRate)}`;
}

function listFiles(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? listFiles(full) : [full];
	});
}

function formatSize(bytes) {
	return bytes >= 1 << 20
		? `${(bytes / (1 << 20)).toFixed(1)} MB`
		: `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

async function main() {
	const dataset = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'dataset.json'), 'utf8'));
	await n8n.ensureRuntime({ log: (message) => log(message) });
	n8n.buildPackage({ log, force: true });
	MODEL_BANDS = require(path.join(n8n.REPO_ROOT, 'dist', 'lib', 'index.js')).MODEL_BANDS ?? {};
	prepareOutputDir();

	const userFolder = n8n.createUserFolder(
		fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-engagement-demo-')),
	);
	// Also on Ctrl-C, which ends the process from a signal handler.
	process.on('exit', () => fs.rmSync(userFolder, { recursive: true, force: true }));
	try {
		log(`throwaway n8n user folder: ${userFolder}`);
		log('importing credentials and the example workflows …');
		await n8n.importCredentials(userFolder, demoCredentials());
		const ids = await n8n.importWorkflows(userFolder, n8n.exampleWorkflowFiles());
		log(`imported ${ids.length} workflows: ${ids.join(', ')}`);

		const results = new Map();
		for (const entry of HEADLESS_RUNS) {
			log(`running ${entry.id} headless (n8n execute) …`);
			const run = await n8n.executeWorkflow(userFolder, entry.id);
			const error = n8n.runError(run);
			if (error) throw new Error(`workflow ${entry.id} failed: ${error}`);
			results.set(entry.id, run);
		}

		await n8n.activateWorkflows(userFolder, ['esWebhookFile']);
		const live = await runLiveWebhook(userFolder);

		const out = [];
		out.push('');
		out.push(
			`Engagement scoring in a real n8n (1.123.81) — bundled data: ${numberFormat.format(dataset.contacts)} contacts, ${dataset.campaigns} campaigns, ${numberFormat.format(dataset.events)} events, ${dataset.from.slice(0, 10)} → ${dataset.to.slice(0, 10)}`,
		);
		out.push('');
		out.push('Contacts per band (Score Contacts → Assign Band → Build Report › Band Distribution)');
		for (const entry of HEADLESS_RUNS.filter((candidate) => candidate.bands && !candidate.quiet)) {
			const run = results.get(entry.id);
			out.push(`  ${entry.title}`);
			out.push(`      ${bandLine(n8n.nodeOutput(run, entry.bands), entry.model)}`);
			for (const extra of entry.extra ?? []) {
				out.push(`  ${extra.title}`);
				out.push(`      ${bandLine(n8n.nodeOutput(run, extra.bands), extra.model)}`);
			}
		}
		out.push('');
		out.push(
			'Campaign funnel (Build Report → Campaign Analytics; view ≤ 7 days after the send, goal ≤ 30 days)',
		);
		const report = HEADLESS_RUNS.find((entry) => entry.campaigns);
		out.push(...funnelLines(n8n.nodeOutput(results.get(report.id), report.campaigns)));
		const ratesEntry = HEADLESS_RUNS.find((entry) => entry.rates);
		out.push(
			`  Engagement rates (Crescendo Lab): ${ratesLine(n8n.nodeOutput(results.get(ratesEntry.id), ratesEntry.rates))}`,
		);
		out.push('');
		out.push(
			`Live webhook (n8n on http://127.0.0.1:${live.port}, Standard Webhooks signatures as Resend/Svix send them)`,
		);
		out.push(
			`  ${live.statuses.length} signed batches → HTTP ${[...new Set(live.statuses)].join('/')}; ${live.stored} of ${live.sent} events appended to demo-output/webhook-events.ndjson`,
		);
		out.push(
			`  retried batch (same event ids) → HTTP ${live.retryStatus}; ${live.afterRetry - live.stored} new lines (duplicates dropped)`,
		);
		out.push(
			`  forged signature → HTTP ${live.forgedStatus}; ${live.afterForged - live.afterRetry} lines stored`,
		);
		out.push('');
		out.push('Files written');
		for (const file of listFiles(OUTPUT_DIR).sort()) {
			out.push(
				`  ${path.relative(n8n.REPO_ROOT, file).padEnd(52)} ${formatSize(fs.statSync(file).size)}`,
			);
		}
		out.push(`  (the .zip is AES-256 encrypted; its demo password is ${DEMO_REPORT_PASSWORD})`);
		out.push('');
		out.push(
			`Done in ${Math.round((Date.now() - started) / 1000)} s. Explore the same workflows in the editor: npm start`,
		);
		process.stdout.write(`${out.join('\n')}\n`);
		const ok =
			live.statuses.every((status) => status === 200) &&
			live.stored === live.sent &&
			live.forgedStatus === 401;
		if (!ok) process.exitCode = 1;
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	log(`failed: ${error.stack || error.message}`);
	n8n.killAllChildren();
	process.exit(1);
});
