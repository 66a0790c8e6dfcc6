/**
 * End to end: a real n8n 1.123.81 process (the pinned runtime in .n8n-runtime/, installed here on first use) loads the
 * built package as the community package n8n-nodes-engagement-scoring and runs every example workflow in examples/.
 * Outputs are checked against the library run on the same bundled data (read with an independent CSV parser), the
 * write-back against the rows in PostgreSQL (127.0.0.1:5432, a database of this run's own: see scratchDatabase), and
 * the webhook workflows through a live `n8n start` on loopback with signed, retried and forged batches.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Client } from 'pg';

import { createScratchDatabase, type ScratchDatabase } from './scratchDatabase';

/* eslint-disable @typescript-eslint/no-require-imports */
const n8n = require('../../scripts/n8n/n8n');
const { demoCredentials, standardWebhooksHeaders } = require('../../scripts/n8n/credentials');
const { DEMO_AS_OF, WEBHOOK_IDS } = require('../../scripts/n8n/write-examples');
const lib = require('../../dist/lib/index.js');
/* eslint-enable @typescript-eslint/no-require-imports */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- n8n's run data, read loosely
type Json = Record<string, any>;
type Run = Json;

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const EVENTS_CSV = path.join(REPO_ROOT, 'demo', 'data', 'events.csv');
const FIRST_INSTALL_MS = 25 * 60_000;

jest.setTimeout(5 * 60_000);

/** The bundled events as the library takes them, read with csv-parse (not with our own reader). */
function readBundledEvents(): Json[] {
	const rows = parse(fs.readFileSync(EVENTS_CSV, 'utf8'), {
		columns: true,
		skip_empty_lines: true,
	}) as Json[];
	return rows.map((row) => {
		const event: Json = {};
		for (const [key, value] of Object.entries(row)) if (value !== '') event[key] = value;
		if ('machine' in event) event.machine = event.machine === 'true';
		if ('value' in event) event.value = Number(event.value);
		return event;
	});
}

function countBy<T>(values: T[], key: (value: T) => string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[key(value)] = (counts[key(value)] ?? 0) + 1;
	return counts;
}

function libraryBands(events: Json[], model: string): Map<string, string> {
	const result = lib.scoreContacts(events, { model, asOf: DEMO_AS_OF, timezone: 'UTC' });
	return new Map(result.contacts.map((contact: Json) => [contact.contactId, contact.band]));
}

/** Band Distribution's rows ({band, count, …}) as {band: count}, empty bands left out (as scores list no band twice). */
function summarized(rows: Json[] | undefined): Record<string, number> {
	expect(rows).toBeDefined();
	return Object.fromEntries(
		rows!.filter((row) => row.count > 0).map((row) => [row.band, Number(row.count)]),
	);
}

function expectSuccess(run: Run) {
	expect(n8n.runError(run)).toBeUndefined();
	expect(run.status).toBe('success');
}

let workspace: string;
let userFolder: string;
let scratch: ScratchDatabase | undefined;
let db: Client;
let events: Json[];

beforeAll(async () => {
	await n8n.ensureRuntime({ log: (message: string) => process.stderr.write(`[e2e] ${message}\n`) });
	expect(fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes'))).toBe(true);

	// n8n runs in a scratch directory that sees the bundled data at demo/data and writes to its own demo-output/.
	workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'engagement-e2e-'));
	fs.mkdirSync(path.join(workspace, 'demo'));
	fs.symlinkSync(path.join(REPO_ROOT, 'demo', 'data'), path.join(workspace, 'demo', 'data'), 'dir');
	fs.mkdirSync(path.join(workspace, 'demo-output', 'reports'), { recursive: true });
	userFolder = n8n.createUserFolder(path.join(workspace, 'n8n'));

	// The example workflows create and fill engagement_events and contact_scores: in a database of this run's own,
	// so a concurrent run (CI, another developer's tests) neither sees nor drops them.
	scratch = await createScratchDatabase('engagement_e2e');
	db = new Client(scratch.connection);
	await db.connect();

	await n8n.importCredentials(
		userFolder,
		demoCredentials({ postgres: { database: scratch.database } }),
		{ cwd: workspace },
	);
	// The scheduled write-back scores as of "now"; pin it to the end of the bundled data so results are stable.
	const staged = path.join(workspace, 'workflows');
	fs.mkdirSync(staged);
	const files = n8n.exampleWorkflowFiles().map((file: string) => {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		for (const node of workflow.nodes) {
			if (node.type === `${n8n.PACKAGE_NAME}.scoreContacts`) node.parameters.asOf = DEMO_AS_OF;
		}
		const target = path.join(staged, path.basename(file));
		fs.writeFileSync(target, JSON.stringify(workflow));
		return target;
	});
	await n8n.importWorkflows(userFolder, files, { cwd: workspace });
	events = readBundledEvents();
}, FIRST_INSTALL_MS);

afterAll(async () => {
	await db?.end();
	n8n.killAllChildren();
	await scratch?.drop();
	if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
}, 60_000);

const execute = (id: string): Promise<Run> =>
	n8n.executeWorkflow(userFolder, id, { cwd: workspace });
/** Workflows whose run several tests read are executed once. */
const runs = new Map<string, Promise<Run>>();
const executeOnce = (id: string): Promise<Run> => {
	if (!runs.has(id)) runs.set(id, execute(id));
	return runs.get(id)!;
};

describe('seed model workflows (d) run headless in n8n and agree with the library', () => {
	const cases = [
		{ id: 'esModelDecay', model: 'decay', bands: 'Contacts per band' },
		{ id: 'esModelStars', model: 'clickShare', bands: 'Contacts per band' },
		{ id: 'esModelRecency', model: 'recency', bands: 'Contacts per band' },
		{ id: 'esModelLifecycle', model: 'lifecycle', bands: 'Contacts per band' },
	];

	test.each(cases)(
		'$id: contacts per band and the scores file match scoreContacts($model)',
		async ({ id, model, bands }) => {
			const run = await executeOnce(id);
			expectSuccess(run);
			const expected = libraryBands(events, model);
			expect(expected.size).toBeGreaterThan(1000);
			expect(summarized(n8n.nodeOutput(run, bands))).toEqual(
				countBy([...expected.values()], (band) => band),
			);

			const scored = n8n.nodeOutput(run, 'Assign Band') as Json[];
			expect(scored).toHaveLength(expected.size);
			for (const contact of scored) {
				expect(typeof contact.explanation).toBe('string');
				expect(contact.band).toBe(expected.get(contact.contactId));
			}

			const file = path.join(workspace, 'demo-output', `scores-${model}.csv`);
			const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, bom: true }) as Json[];
			expect(rows).toHaveLength(expected.size);
			expect(new Map(rows.map((row) => [row.contactId, row.band]))).toEqual(expected);
		},
	);

	test('esModelRecency: the 5-level branch matches scoreContacts(recency5) and engagement rates match', async () => {
		const run = await executeOnce('esModelRecency');
		expectSuccess(run);
		const expected = libraryBands(events, 'recency5');
		expect(summarized(n8n.nodeOutput(run, 'Contacts per level (5 levels)'))).toEqual(
			countBy([...expected.values()], (band) => band),
		);
		const [rates] = n8n.nodeOutput(run, 'Engagement rates') as Json[];
		const oracle = lib.engagementRates(events, {});
		expect(rates).toMatchObject({
			recipients: oracle.recipients,
			opened: oracle.opened,
			clicked: oracle.clicked,
			converted: oracle.converted,
		});
		expect(oracle.recipients).toBeGreaterThan(0);
	});
});

describe('(b) every 8 hours → score → bands file', () => {
	test('esScoreFiles writes every contact with its decay band', async () => {
		const run = await execute('esScoreFiles');
		expectSuccess(run);
		const expected = libraryBands(events, 'decay');
		expect(summarized(n8n.nodeOutput(run, 'Contacts per band'))).toEqual(
			countBy([...expected.values()], (band) => band),
		);
		const rows = parse(
			fs.readFileSync(path.join(workspace, 'demo-output', 'scores-decay.csv'), 'utf8'),
			{
				columns: true,
				bom: true,
			},
		) as Json[];
		expect(rows).toHaveLength(expected.size);
	});
});

describe('(c) weekly campaign report → files', () => {
	let run: Run;
	const reports = () => path.join(workspace, 'demo-output', 'reports');

	beforeAll(async () => {
		run = await execute('esWeeklyReport');
	});

	test('campaign rows equal buildCampaignReport on the same events', () => {
		expectSuccess(run);
		const oracle = lib.buildCampaignReport(events, { timezone: 'UTC' }).campaigns as Json[];
		const rows = n8n.nodeOutput(run, 'Campaigns') as Json[];
		const pick = (row: Json) => [row.campaignId, row.sent, row.view, row.click, row.goal];
		expect(rows.map(pick).sort()).toEqual(oracle.map(pick).sort());
		expect(rows.length).toBeGreaterThanOrEqual(30);
		expect(rows.some((row) => row.goal > 0 && row.view >= row.goal && row.sent >= row.view)).toBe(
			true,
		);
	});

	test('the workbook, CSVs, HTML report and protected archive are written; ExcelJS reads the sheets back', async () => {
		const written = fs.readdirSync(reports()).sort();
		expect(written).toEqual(
			expect.arrayContaining([
				'campaign-report.xlsx',
				'campaign-report.html',
				'campaign-report-protected.zip',
				'export-audit.ndjson',
			]),
		);
		expect(written.filter((name) => name.endsWith('.csv')).length).toBeGreaterThanOrEqual(3);

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(path.join(reports(), 'campaign-report.xlsx'));
		const sheets = workbook.worksheets.map((sheet) => sheet.name);
		expect(sheets).toEqual(
			expect.arrayContaining(['Campaign', 'CampaignStat', 'CampaignUser', 'User']),
		);
		const campaigns = lib.buildCampaignReport(events, { timezone: 'UTC' }).campaigns.length;
		expect(workbook.getWorksheet('Campaign')!.actualRowCount).toBe(campaigns + 1);

		const html = fs.readFileSync(path.join(reports(), 'campaign-report.html'), 'utf8');
		expect(html).toContain('<svg');
		const zip = fs.readFileSync(path.join(reports(), 'campaign-report-protected.zip'));
		expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304');

		const audit = fs
			.readFileSync(path.join(reports(), 'export-audit.ndjson'), 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(audit.map((record) => record.reason).sort()).toEqual([
			'Weekly campaign report (demo)',
			'Weekly report for the CRM team (demo)',
		]);
		expect(audit.find((record) => record.protected)?.encryption).toMatch(/AES-256/);
	});
});

describe('(b) every 8 hours → score → only changed bands written back to PostgreSQL', () => {
	const storedBands = async () =>
		new Map(
			(
				await db.query("SELECT contact_id, band FROM contact_scores WHERE model = 'decay'")
			).rows.map((row) => [row.contact_id, row.band]),
		);

	async function insertEvents(batch: Json[]) {
		await db.query(
			`INSERT INTO engagement_events (event_id, contact_id, type, ts, campaign_id, campaign_kind, machine, value)
			 SELECT e."eventId", e."contactId", e.type, e."timestamp"::timestamptz, e."campaignId", e."campaignKind",
			        coalesce(e.machine, false), e.value
			 FROM jsonb_to_recordset($1::jsonb) AS e("eventId" text, "contactId" text, type text, "timestamp" text,
			      "campaignId" text, "campaignKind" text, machine boolean, value double precision)`,
			[JSON.stringify(batch)],
		);
	}

	test('on an empty database it creates the tables and writes nothing', async () => {
		const run = await execute('esScoreSync');
		expectSuccess(run);
		expect((await db.query('SELECT count(*)::int AS n FROM engagement_events')).rows[0].n).toBe(0);
		expect((await storedBands()).size).toBe(0);
		// The HubSpot and Mailchimp placeholders are disabled: they never run without real accounts.
		expect(run.data.resultData.runData['HubSpot: set engagement_band']).toBeUndefined();
		expect(run.data.resultData.runData['Mailchimp: tag with band']).toBeUndefined();
	});

	test('first run writes every contact; a second run writes nothing; new events write only the changed ones', async () => {
		await insertEvents(events);
		const before = libraryBands(events, 'decay');

		const first = await execute('esScoreSync');
		expectSuccess(first);
		expect(n8n.nodeOutput(first, 'Assign Band')).toHaveLength(before.size);
		expect(await storedBands()).toEqual(before);

		const second = await execute('esScoreSync');
		expectSuccess(second);
		expect(n8n.nodeOutput(second, 'Assign Band') ?? []).toHaveLength(0);
		expect(second.data.resultData.runData['Save bands']).toBeUndefined();

		// A new broadcast reaches three unengaged contacts, who open and click it.
		const quiet = [...before.entries()]
			.filter(([, band]) => band === 'No engagement')
			.map(([id]) => id)
			.slice(0, 3);
		expect(quiet).toHaveLength(3);
		const fresh = quiet.flatMap((contactId, k) => [
			{
				eventId: `e2e-d${k}`,
				contactId,
				type: 'delivered',
				timestamp: '2026-10-29T09:00:00Z',
				campaignId: 'e2e-bc',
				campaignKind: 'broadcast',
			},
			{
				eventId: `e2e-o${k}`,
				contactId,
				type: 'open',
				timestamp: '2026-10-29T10:00:00Z',
				campaignId: 'e2e-bc',
				campaignKind: 'broadcast',
			},
			{
				eventId: `e2e-c${k}`,
				contactId,
				type: 'click',
				timestamp: '2026-10-29T10:01:00Z',
				campaignId: 'e2e-bc',
				campaignKind: 'broadcast',
			},
		]);
		await insertEvents(fresh);
		// The scores' bands, then Assign Band's with the stored band as the previous one: Ometria's "unengaged contacts
		// that start engaging … are transferred to the low engagement band" puts the three in Low for this run.
		const after = new Map<string, string>(
			lib
				.assignBands(
					[...libraryBands([...events, ...fresh], 'decay')].map(([contactId, band]) => ({
						contactId,
						score: null,
						band,
						previousBand: before.get(contactId) ?? null,
					})),
					{ method: 'model', model: 'decay' },
				)
				.map((row: Json) => [row.contactId, row.band]),
		);
		for (const contactId of quiet) expect(after.get(contactId)).toBe('Low');
		const changed = [...after.keys()]
			.filter((contactId) => after.get(contactId) !== before.get(contactId))
			.sort();
		for (const contactId of quiet) expect(changed).toContain(contactId);

		const third = await execute('esScoreSync');
		expectSuccess(third);
		const written = n8n.nodeOutput(third, 'Assign Band') as Json[];
		expect(written.map((contact) => contact.contactId).sort()).toEqual(changed);
		for (const contact of written) {
			expect(contact.previousBand).toBe(before.get(contact.contactId));
			expect(contact.changed).toBe(true);
		}
		expect(await storedBands()).toEqual(after);
		const previous = await db.query(
			"SELECT contact_id, previous_band FROM contact_scores WHERE model = 'decay' AND contact_id = ANY($1)",
			[quiet],
		);
		for (const row of previous.rows) expect(row.previous_band).toBe('No engagement');
	});
});

describe('(a) ESP webhook → store events, on a live n8n', () => {
	let server: { baseUrl: string; stop: () => Promise<unknown>; output: () => string };
	const runId = `e2e-${Date.now()}`;
	const hookUrl = (webhookId: string) => `${server.baseUrl}/webhook/${webhookId}/webhook`;

	const batch = (prefix: string, size: number) =>
		Array.from({ length: size }, (_, k) => ({
			eventId: `${runId}-${prefix}-${k}`,
			contactId: `live.${k}@example.org`,
			type: k % 3 === 0 ? 'click' : 'open',
			timestamp: new Date(Date.now() - k * 1000).toISOString(),
			campaignId: 'live-e2e',
			url: k % 3 === 0 ? 'https://shop.example/a?x=1,2' : undefined,
			machine: k % 5 === 1,
		}));

	async function post(url: string, events: Json[], headers: Record<string, string> = {}) {
		const body = JSON.stringify(events);
		const response = await fetch(url, {
			method: 'POST',
			headers: { ...standardWebhooksHeaders(body), ...headers },
			body,
		});
		await response.arrayBuffer();
		return response.status;
	}

	async function storedKeys(prefix: string): Promise<string[]> {
		try {
			const { rows } = await db.query(
				'SELECT event_id FROM engagement_events WHERE event_id LIKE $1',
				[`${runId}-${prefix}-%`],
			);
			return rows.map((row) => row.event_id).sort();
		} catch (error) {
			// The workflow creates the table on its first request, a moment after answering 200.
			if ((error as { code?: string }).code === '42P01') return [];
			throw error;
		}
	}

	async function eventually<T>(
		read: () => Promise<T>,
		done: (value: T) => boolean,
		timeoutMs = 15_000,
	): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		let value = await read();
		while (!done(value) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			value = await read();
		}
		return value;
	}

	beforeAll(async () => {
		await n8n.activateWorkflows(userFolder, ['esWebhookPg', 'esWebhookFile'], { cwd: workspace });
		server = await n8n.startN8n({
			userFolder,
			port: await n8n.freePort(5900 + (process.pid % 100)),
			cwd: workspace,
		});
		await n8n.waitForWebhook(server.baseUrl, `${WEBHOOK_IDS.postgres}/webhook`);
		await n8n.waitForWebhook(server.baseUrl, `${WEBHOOK_IDS.file}/webhook`);
	});

	afterAll(async () => {
		await server?.stop();
	});

	test('the editor serves all four nodes under their community-package type names, and the examples', async () => {
		// What a user does on the first visit: create the owner, then the editor loads its node list and workflows.
		const headers = { 'content-type': 'application/json', 'browser-id': 'e2e-browser' };
		const setup = await fetch(`${server.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers,
			body: JSON.stringify({
				email: 'owner@example.org',
				firstName: 'E2E',
				lastName: 'Owner',
				password: 'E2e-password-2026',
			}),
		});
		expect(setup.status).toBe(200);
		const cookie = setup.headers
			.getSetCookie()
			.map((entry) => entry.split(';')[0])
			.join('; ');
		const types = (await (
			await fetch(`${server.baseUrl}/types/nodes.json`, { headers: { ...headers, cookie } })
		).json()) as Json[];
		const ours = [...new Set(types.map((type) => type.name as string))].filter((name) =>
			name.startsWith(`${n8n.PACKAGE_NAME}.`),
		);
		const nodes = ['assignBand', 'buildReport', 'engagementWebhookTrigger', 'scoreContacts'];
		expect(ours.filter((name) => !name.endsWith('Tool')).sort()).toEqual(
			nodes.map((name) => `${n8n.PACKAGE_NAME}.${name}`),
		);
		// usableAsTool: n8n also offers the three action nodes to its AI agents.
		expect(ours).toEqual(
			expect.arrayContaining(
				['assignBandTool', 'buildReportTool', 'scoreContactsTool'].map(
					(name) => `${n8n.PACKAGE_NAME}.${name}`,
				),
			),
		);
		const scoreContacts = types.find((type) => type.name === `${n8n.PACKAGE_NAME}.scoreContacts`)!;
		expect(scoreContacts.displayName).toBe('Score Contacts');

		const listed = (await (
			await fetch(`${server.baseUrl}/rest/workflows`, { headers: { ...headers, cookie } })
		).json()) as {
			data: Json[];
		};
		const ids = listed.data.map((workflow) => workflow.id);
		for (const file of n8n.exampleWorkflowFiles())
			expect(ids).toContain(JSON.parse(fs.readFileSync(file, 'utf8')).id);
		expect(listed.data.find((workflow) => workflow.id === 'esWebhookPg')?.active).toBe(true);
	});

	test('signed batches are stored once in PostgreSQL, retries add nothing', async () => {
		const url = hookUrl(WEBHOOK_IDS.postgres);
		const first = batch('a', 25);
		const second = batch('b', 25);
		expect(await post(url, first)).toBe(200);
		expect(await post(url, second)).toBe(200);
		const expected = [...first, ...second].map((event) => event.eventId).sort();
		const stored = await eventually(
			async () => [...(await storedKeys('a')), ...(await storedKeys('b'))].sort(),
			(keys) => keys.length >= expected.length,
		);
		expect(stored).toEqual(expected);

		const row = (
			await db.query('SELECT * FROM engagement_events WHERE event_id = $1', [`${runId}-a-0`])
		).rows[0];
		expect(row).toMatchObject({
			contact_id: 'live.0@example.org',
			type: 'click',
			campaign_id: 'live-e2e',
			url: 'https://shop.example/a?x=1,2',
		});
		const machine = (
			await db.query('SELECT machine FROM engagement_events WHERE event_id = $1', [`${runId}-a-1`])
		).rows[0];
		expect(machine.machine).toBe(true);

		// The ESP retries the first batch under a new delivery id.
		expect(await post(url, first)).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await storedKeys('a')).toHaveLength(first.length);
	});

	test('the same batch delivered twice at the same moment is accepted once (the trigger memory of one n8n process)', async () => {
		// n8n loads static data afresh for each request: only the trigger's in-process memory can see the other copy.
		const url = hookUrl(WEBHOOK_IDS.postgres);
		const events = batch('twice', 10);
		const body = JSON.stringify(events);
		const answers = await Promise.all(
			[0, 1].map(async () => {
				// Each copy signed as its own delivery (new webhook-id), as a provider retry is.
				const response = await fetch(url, {
					method: 'POST',
					headers: standardWebhooksHeaders(body),
					body,
				});
				expect(response.status).toBe(200);
				return (await response.json()) as Json;
			}),
		);
		expect(answers.map((answer) => answer.accepted).sort()).toEqual([0, events.length]);
		expect(answers.map((answer) => answer.duplicates).sort()).toEqual([0, events.length]);
		const stored = await eventually(
			() => storedKeys('twice'),
			(keys) => keys.length >= events.length,
		);
		expect(stored).toEqual(events.map((event) => event.eventId).sort());
	});

	test('a forged signature, a stale timestamp and a missing signature get 401 and store nothing', async () => {
		const url = hookUrl(WEBHOOK_IDS.postgres);
		const forged = batch('forged', 5);
		const stale = batch('stale', 5);
		const unsigned = batch('unsigned', 5);
		expect(
			await post(url, forged, {
				'webhook-signature': `v1,${Buffer.from('forged').toString('base64')}`,
			}),
		).toBe(401);
		const staleBody = JSON.stringify(stale);
		const staleHeaders = standardWebhooksHeaders(staleBody, {
			timestamp: Math.floor(Date.now() / 1000) - 3600,
		});
		const staleResponse = await fetch(url, {
			method: 'POST',
			headers: staleHeaders,
			body: staleBody,
		});
		expect(staleResponse.status).toBe(401);
		const unsignedResponse = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(unsigned),
		});
		expect(unsignedResponse.status).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await storedKeys('forged')).toEqual([]);
		expect(await storedKeys('stale')).toEqual([]);
		expect(await storedKeys('unsigned')).toEqual([]);
	});

	test('the no-database variant appends each signed batch to an NDJSON file', async () => {
		const file = path.join(workspace, 'demo-output', 'webhook-events.ndjson');
		const url = hookUrl(WEBHOOK_IDS.file);
		const events = batch('file', 12);
		expect(await post(url, events)).toBe(200);
		expect(await post(url, events, { 'webhook-signature': 'v1,AAAA' })).toBe(401);
		const lines = await eventually(
			async () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : []),
			(current) => current.length >= events.length,
		);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const stored = fs
			.readFileSync(file, 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(lines.length).toBe(events.length);
		expect(stored.map((event) => event.eventId).sort()).toEqual(
			events.map((event) => event.eventId).sort(),
		);
		expect(stored[0]).toMatchObject({ provider: 'standardWebhooks', campaignId: 'live-e2e' });
	});
});
