#!/usr/bin/env node
'use strict';
/**
 * Writes the example workflows in examples/*.json (`node scripts/n8n/write-examples.js`).
 * The JSON files are what users import and what the demo and e2e tests run; this script keeps their shared parts
 * (triggers, file paths, credentials, sticky notes) consistent. Edit here, re-run, commit both.
 *
 * Paths in the workflows are relative to the directory n8n runs in: the demo and `npm start` run n8n from the
 * repository root, so `demo/data/events.csv` is the bundled data and `demo-output/` receives the files.
 */
const fs = require('node:fs');
const path = require('node:path');
const { CREDENTIAL_IDS, DEMO_REPORT_PASSWORD } = require('./credentials');

const PKG = 'n8n-nodes-engagement-scoring';
const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const EVENTS_CSV = 'demo/data/events.csv';
/** The bundled data ends on this instant (demo/data/dataset.json "to"); examples that read it score as of then. */
const DEMO_AS_OF = '2026-11-01T00:00:00.000Z';
const WEBHOOK_IDS = {
	postgres: '6f1c1c1e-5a8e-4f0b-9d0e-000000000001',
	file: '6f1c1c1e-5a8e-4f0b-9d0e-000000000002',
};

const CREDENTIALS = {
	postgres: { postgres: { id: CREDENTIAL_IDS.postgres, name: 'Engagement Postgres' } },
	webhook: {
		engagementStandardWebhooksApi: {
			id: CREDENTIAL_IDS.webhook,
			name: 'Engagement Webhook Secret (demo)',
		},
	},
	hubspot: {
		hubspotAppToken: {
			id: CREDENTIAL_IDS.hubspot,
			name: 'HubSpot (placeholder: paste a private app token)',
		},
	},
	reportPassword: {
		engagementReportPasswordApi: {
			id: CREDENTIAL_IDS.reportPassword,
			name: 'Engagement Report Password (demo)',
		},
	},
	mailchimp: {
		mailchimpApi: {
			id: CREDENTIAL_IDS.mailchimp,
			name: 'Mailchimp (placeholder: paste an API key)',
		},
	},
};

let nodeCounter = 0;
function node(name, type, typeVersion, [x, y], parameters = {}, extra = {}) {
	nodeCounter += 1;
	return {
		id: `00000000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [x, y],
		parameters,
		...extra,
	};
}

function sticky(name, content, [x, y], { width = 420, height = 300, color } = {}) {
	return node(name, 'n8n-nodes-base.stickyNote', 1, [x, y], {
		content,
		width,
		height,
		...(color ? { color } : {}),
	});
}

/** connections: [from, to] or [from, to, outputIndex]. */
function workflow({ id, name, nodes, connections }) {
	const byFrom = {};
	for (const [from, to, output = 0] of connections) {
		byFrom[from] ??= { main: [] };
		while (byFrom[from].main.length <= output) byFrom[from].main.push([]);
		byFrom[from].main[output].push({ node: to, type: 'main', index: 0 });
	}
	const names = new Set(nodes.map((entry) => entry.name));
	for (const [from, to] of connections) {
		if (!names.has(from) || !names.has(to))
			throw new Error(`${id}: connection ${from} → ${to} names a missing node`);
	}
	return {
		id,
		name,
		active: false,
		nodes,
		connections: byFrom,
		settings: { executionOrder: 'v1', saveManualExecutions: true },
		pinData: {},
		meta: { templateCredsSetupCompleted: true },
		tags: [],
	};
}

// ─── shared node builders ────────────────────────────────────────────────────────────────────────────────────────────

const manualTrigger = (position) => node('Run now', 'n8n-nodes-base.manualTrigger', 1, position);

const scheduleTrigger = (name, rule, position) =>
	node(name, 'n8n-nodes-base.scheduleTrigger', 1.2, position, { rule: { interval: [rule] } });

const readEventsFile = (position, name = 'Read events file') =>
	node(name, 'n8n-nodes-base.readWriteFile', 1, position, {
		operation: 'read',
		fileSelector: EVENTS_CSV,
		options: {},
	});

const writeFile = (name, fileName, position, options = {}) =>
	node(name, 'n8n-nodes-base.readWriteFile', 1, position, {
		operation: 'write',
		fileName,
		dataPropertyName: 'data',
		options,
	});

const toCsv = (name, fileName, position) =>
	node(name, 'n8n-nodes-base.convertToFile', 1.1, position, {
		operation: 'csv',
		options: { fileName, headerRow: true },
	});

function scoreContacts(
	name,
	model,
	position,
	{ fromFile = true, asOf = DEMO_AS_OF, modelParameters = {}, options = {} } = {},
) {
	return node(name, `${PKG}.scoreContacts`, 2, position, {
		operation: 'score',
		model,
		...modelParameters,
		asOf,
		timezone: 'UTC',
		...(fromFile
			? { eventSource: 'binaryFile', binaryPropertyName: 'data', fileFormat: 'csv' }
			: { eventSource: 'items' }),
		options,
	});
}

function assignModelBand(name, model, position, options = {}) {
	return node(name, `${PKG}.assignBand`, 1, position, {
		operation: 'assign',
		method: 'model',
		model,
		routing: 'singleOutput',
		options,
	});
}

/**
 * Contacts per band with Build Report › Band Distribution: every band of the model in its order, empty ones too, in
 * one pass (n8n's Summarize node slows down with the square of the items per band: seconds at 10⁵ contacts).
 */
const countPerBand = (name, model, position) =>
	node(name, `${PKG}.buildReport`, 1, position, {
		operation: 'bandDistribution',
		model,
		overTime: false,
	});

const postgres = (name, query, position, { replacement, extra = {} } = {}) =>
	node(
		name,
		'n8n-nodes-base.postgres',
		2.6,
		position,
		{
			operation: 'executeQuery',
			query,
			options: replacement ? { queryReplacement: replacement } : {},
		},
		{ credentials: CREDENTIALS.postgres, ...extra },
	);

// ─── SQL ────────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The raw events table shared with the SQL examples (examples/sql/events.postgres.sql, read by facts.postgres.sql). */
const CREATE_EVENTS_TABLE = fs
	.readFileSync(path.join(EXAMPLES_DIR, 'sql', 'events.postgres.sql'), 'utf8')
	.split('\n')
	.filter((line) => !line.startsWith('--'))
	.join('\n')
	.trim();

const CREATE_SCORES_TABLE = `CREATE TABLE IF NOT EXISTS contact_scores (
  contact_id    text NOT NULL,
  model         text NOT NULL,
  score         double precision,
  band          text NOT NULL,
  previous_band text,
  explanation   text,
  scored_at     timestamptz NOT NULL,
  PRIMARY KEY (contact_id, model)
);`;

/**
 * One statement for the whole batch: the items travel as one JSON parameter. Event ids already stored are skipped
 * (the trigger drops repeats it has seen; this also covers a restored or second n8n).
 */
const INSERT_EVENTS = `INSERT INTO engagement_events
  (event_id, contact_id, type, ts, campaign_id, campaign_kind, channel, machine, tracked, url, value, user_agent)
SELECT e."eventId", e."contactId", e.type, e."timestamp"::timestamptz, e."campaignId", e."campaignKind", e.channel,
       coalesce(e.machine, false), e.tracked, e.url, e.value, e."userAgent"
FROM jsonb_to_recordset($1::jsonb) AS e(
  "eventId" text, "contactId" text, type text, "timestamp" text, "campaignId" text, "campaignKind" text,
  channel text, machine boolean, tracked boolean, url text, value double precision, "userAgent" text)
WHERE e."eventId" IS NULL
   OR NOT EXISTS (SELECT 1 FROM engagement_events stored WHERE stored.event_id = e."eventId")
RETURNING id, event_id AS "eventId", contact_id AS "contactId", type;`;

const LOAD_EVENTS_WITH_PREVIOUS_BAND = `SELECT e.contact_id AS "contactId",
       e.type,
       to_char(e.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "timestamp",
       e.campaign_id AS "campaignId",
       e.campaign_kind AS "campaignKind",
       e.machine,
       e.tracked,
       e.event_id AS "eventId",
       e.value,
       s.band AS "previousBand"
FROM engagement_events e
LEFT JOIN contact_scores s ON s.contact_id = e.contact_id AND s.model = 'decay'
ORDER BY e.ts, e.id;`;

const SAVE_BANDS = `INSERT INTO contact_scores (contact_id, model, score, band, previous_band, explanation, scored_at)
SELECT s."contactId", 'decay', s.score, s.band, s."previousBand", s.explanation, now()
FROM jsonb_to_recordset($1::jsonb) AS s("contactId" text, score double precision, band text, "previousBand" text, explanation text)
ON CONFLICT (contact_id, model) DO UPDATE
  SET score = EXCLUDED.score, band = EXCLUDED.band, previous_band = EXCLUDED.previous_band,
      explanation = EXCLUDED.explanation, scored_at = EXCLUDED.scored_at
RETURNING contact_id AS "contactId", band, previous_band AS "previousBand";`;

const itemsAsJson = (nodeName, fields) =>
	`={{ JSON.stringify($('${nodeName}').all().map(item => (${fields}))) }}`;

// ─── (a) ESP webhook → store events ──────────────────────────────────────────────────────────────────────────────────

function webhookTrigger(webhookId, position) {
	return node(
		'Engagement Webhook Trigger',
		`${PKG}.engagementWebhookTrigger`,
		2,
		position,
		{ provider: 'standardWebhooks', options: {} },
		{ webhookId, credentials: CREDENTIALS.webhook },
	);
}

const WEBHOOK_NOTE = (target) => `## ESP events → ${target}

Your email service posts its event webhook here. **Engagement Webhook Trigger** checks the signature (401 and no execution when it fails), turns the provider's payload into one item per event (contactId, type, timestamp, campaignId, machine, …) and drops events it has already seen.

**Set up**
1. Pick your **Provider** (SendGrid, Mailgun, Postmark, Mandrill, SES, Brevo, Customer.io, Resend/Svix, SparkPost, Standard Webhooks, Custom JSON) and its credential.
2. Activate the workflow and paste the **Production URL** into the ESP's webhook settings.

This example is set to *Standard Webhooks* with the demo secret so \`npm run demo\` can sign test batches.`;

function webhookToPostgres() {
	const trigger = webhookTrigger(WEBHOOK_IDS.postgres, [0, 300]);
	return workflow({
		id: 'esWebhookPg',
		name: 'Engagement (a): ESP webhook → Postgres',
		nodes: [
			sticky('About this workflow', WEBHOOK_NOTE('PostgreSQL'), [-80, -120], {
				width: 460,
				height: 380,
			}),
			sticky(
				'Storage note',
				`## Store events in PostgreSQL

n8n's own **Postgres** node, credential *Engagement Postgres* (demo: 127.0.0.1:5432, database \`test\`).

The first node creates \`engagement_events\` when it is missing (safe to run every time; the same table as \`examples/sql/events.postgres.sql\`, which the facts query for large accounts reads). The second inserts the whole request in **one statement** (the items travel as one JSON parameter), skipping event ids already stored — ESP retries never double count.

The scoring workflow *(b) every 8 hours* reads this table.`,
				[420, -120],
				{ width: 520, height: 380, color: 5 },
			),
			trigger,
			// Webhook requests run concurrently, and two CREATE TABLE IF NOT EXISTS racing on an empty database collide
			// (pg_type unique violation): an advisory lock held for the statement's implicit transaction serialises them.
			postgres(
				'Create table if missing',
				`SELECT pg_advisory_xact_lock(hashtext('engagement_events'));\n${CREATE_EVENTS_TABLE}`,
				[260, 300],
				{
					extra: { executeOnce: true },
				},
			),
			postgres('Store events', INSERT_EVENTS, [520, 300], {
				replacement: itemsAsJson(trigger.name, 'item.json'),
				extra: { executeOnce: true },
			}),
		],
		connections: [
			[trigger.name, 'Create table if missing'],
			['Create table if missing', 'Store events'],
		],
	});
}

function webhookToFile() {
	const trigger = webhookTrigger(WEBHOOK_IDS.file, [0, 300]);
	return workflow({
		id: 'esWebhookFile',
		name: 'Engagement (a): ESP webhook → NDJSON file (no database)',
		nodes: [
			sticky('About this workflow', WEBHOOK_NOTE('a file'), [-80, -120], {
				width: 460,
				height: 380,
			}),
			sticky(
				'Storage note',
				`## No database server needed

Each request's events become NDJSON lines (one JSON event per line) **appended** to \`demo-output/webhook-events.ndjson\` (relative to the folder n8n runs in; change the path in *Append to events file*).

**Score Contacts** reads that file directly: *Events From → CSV or NDJSON File*.`,
				[420, -120],
				{ width: 480, height: 380, color: 5 },
			),
			trigger,
			node('Events as NDJSON lines', 'n8n-nodes-base.code', 2, [260, 300], {
				jsCode: `// One line per event, so the file can be appended to and read back by Score Contacts (NDJSON).
const lines = $input.all().map((item) => JSON.stringify(item.json)).join('\\n') + '\\n';
return [{
  json: { events: $input.all().length },
  binary: {
    data: {
      data: Buffer.from(lines, 'utf8').toString('base64'),
      mimeType: 'application/x-ndjson',
      fileName: 'webhook-events.ndjson',
    },
  },
}];`,
			}),
			writeFile('Append to events file', 'demo-output/webhook-events.ndjson', [520, 300], {
				append: true,
			}),
		],
		connections: [
			[trigger.name, 'Events as NDJSON lines'],
			['Events as NDJSON lines', 'Append to events file'],
		],
	});
}

// ─── (b) every 8 hours → score → band → only changed → write back ────────────────────────────────────────────────────

function scoreAndSyncPostgres() {
	const score = scoreContacts('Score Contacts', 'decay', [720, 300], {
		fromFile: false,
		asOf: '',
		options: { keepContactFields: 'previousBand' },
	});
	return workflow({
		id: 'esScoreSync',
		name: 'Engagement (b): every 8 hours → score → write changed bands back (Postgres, HubSpot, Mailchimp)',
		nodes: [
			sticky(
				'About this workflow',
				`## Every 8 hours: score, band, write back what changed

1. **Load events** reads \`engagement_events\` (filled by the webhook workflow *(a)*) with each contact's current band from \`contact_scores\` as \`previousBand\`.
2. **Score Contacts** — Ometria's decay model (180-day window, clicks weigh 2, opens 1, fewer than 6 sends pulled toward the account average). *Keep Contact Fields* carries \`previousBand\` through.
3. **Assign Band** uses the model's band, compares it with \`previousBand\` and, with *Only Changed*, passes **only contacts whose band changed**. A contact stored as *No engagement* that now engages goes to *Low* first, as Ometria does; the next run bands it by its score.
4. Write-back: **Save bands** (Postgres, works as is) and, disabled until you add credentials, **HubSpot** (contact property \`engagement_band\`) and **Mailchimp** (tag \`engagement: <band>\`).

*Run now* does the same on demand. *As Of* is empty: scores are as of the moment the workflow runs.`,
				[-80, -200],
				{ width: 620, height: 440 },
			),
			sticky(
				'Write-back note',
				`## Your CRM / ESP

Enable **HubSpot** / **Mailchimp** (right-click → Activate) after replacing the placeholder credentials. Create the HubSpot contact property \`engagement_band\` first; set your Mailchimp audience ID in *List*.`,
				[1380, 520],
				{ width: 440, height: 200, color: 3 },
			),
			scheduleTrigger('Every 8 hours', { field: 'hours', hoursInterval: 8 }, [0, 200]),
			manualTrigger([0, 400]),
			postgres(
				'Create tables if missing',
				`${CREATE_EVENTS_TABLE}\n${CREATE_SCORES_TABLE}`,
				[240, 300],
				{
					extra: { executeOnce: true },
				},
			),
			postgres('Load events', LOAD_EVENTS_WITH_PREVIOUS_BAND, [480, 300]),
			score,
			assignModelBand('Assign Band', 'decay', [960, 300], { onlyChanged: true }),
			postgres('Save bands', SAVE_BANDS, [1220, 160], {
				replacement: itemsAsJson(
					'Assign Band',
					'{ contactId: item.json.contactId, score: item.json.score, band: item.json.band, previousBand: item.json.previousBand ?? null, explanation: item.json.explanation }',
				),
				extra: { executeOnce: true },
			}),
			node(
				'HubSpot: set engagement_band',
				'n8n-nodes-base.hubspot',
				2.1,
				[1220, 340],
				{
					authentication: 'appToken',
					resource: 'contact',
					operation: 'upsert',
					email: '={{ $json.contactId }}',
					additionalFields: {
						customPropertiesUi: {
							customPropertiesValues: [{ property: 'engagement_band', value: '={{ $json.band }}' }],
						},
					},
				},
				{ credentials: CREDENTIALS.hubspot, disabled: true },
			),
			node(
				'Mailchimp: tag with band',
				'n8n-nodes-base.mailchimp',
				1,
				[1220, 520],
				{
					authentication: 'apiKey',
					resource: 'memberTag',
					operation: 'create',
					list: 'YOUR_AUDIENCE_ID',
					email: '={{ $json.contactId }}',
					tags: ["={{ 'engagement: ' + $json.band }}"],
					options: {},
				},
				{ credentials: CREDENTIALS.mailchimp, disabled: true },
			),
		],
		connections: [
			['Every 8 hours', 'Create tables if missing'],
			['Run now', 'Create tables if missing'],
			['Create tables if missing', 'Load events'],
			['Load events', score.name],
			[score.name, 'Assign Band'],
			['Assign Band', 'Save bands'],
			['Assign Band', 'HubSpot: set engagement_band'],
			['Assign Band', 'Mailchimp: tag with band'],
		],
	});
}

function scoreToFiles() {
	const score = scoreContacts('Score Contacts', 'decay', [480, 300]);
	return workflow({
		id: 'esScoreFiles',
		name: 'Engagement (b): every 8 hours → score → bands file (no account needed)',
		nodes: [
			sticky(
				'About this workflow',
				`## Every 8 hours: score and band from a file, no database or account

**Read events file** loads \`${EVENTS_CSV}\` (the bundled demo data: 2 000 contacts, 40 campaigns, 6 months). **Score Contacts** reads the CSV straight from the binary data (*Events From → CSV or NDJSON File*) with Ometria's decay model; **Assign Band** keeps the model's band (High / Medium / Low / No engagement / New / Null).

Outputs: \`demo-output/scores-decay.csv\` and the count per band.

*As Of* is pinned to ${DEMO_AS_OF} (the end of the bundled data); clear it to score as of now.`,
				[-80, -160],
				{ width: 560, height: 400 },
			),
			scheduleTrigger('Every 8 hours', { field: 'hours', hoursInterval: 8 }, [0, 200]),
			manualTrigger([0, 400]),
			readEventsFile([240, 300]),
			score,
			assignModelBand('Assign Band', 'decay', [720, 300]),
			toCsv('Scores to CSV', 'scores-decay.csv', [960, 200]),
			writeFile('Write scores file', 'demo-output/scores-decay.csv', [1200, 200]),
			countPerBand('Contacts per band', 'decay', [960, 420]),
		],
		connections: [
			['Every 8 hours', 'Read events file'],
			['Run now', 'Read events file'],
			['Read events file', score.name],
			[score.name, 'Assign Band'],
			['Assign Band', 'Scores to CSV'],
			['Scores to CSV', 'Write scores file'],
			['Assign Band', 'Contacts per band'],
		],
	});
}

// ─── (c) weekly → Build Report → files ───────────────────────────────────────────────────────────────────────────────

function weeklyReport() {
	const fromFile = { eventSource: 'binaryFile', binaryPropertyName: 'data', fileFormat: 'csv' };
	const exportFiles = (name, position, { protect = false } = {}) =>
		node(
			name,
			`${PKG}.buildReport`,
			1,
			position,
			{
				operation: 'exportFiles',
				content: 'campaign',
				formats: protect ? ['xlsx', 'html'] : ['xlsx', 'csv', 'html'],
				fileName: protect ? 'campaign-report-protected' : 'campaign-report',
				protect,
				reason: protect ? 'Weekly report for the CRM team (demo)' : 'Weekly campaign report (demo)',
				period: 'all',
				timezone: 'UTC',
				...fromFile,
				fileOptions: {},
			},
			protect ? { credentials: CREDENTIALS.reportPassword } : {},
		);
	const auditToLine = node('Audit record as NDJSON line', 'n8n-nodes-base.code', 2, [1020, 560], {
		jsCode: `// Every export leaves an audit record (when, which report, why, row counts, execution id): append it to a log.
const lines = $input.all().map((item) => JSON.stringify(item.json)).join('\\n') + '\\n';
return [{ json: { records: $input.all().length }, binary: { data: {
  data: Buffer.from(lines, 'utf8').toString('base64'), mimeType: 'application/x-ndjson', fileName: 'export-audit.ndjson' } } }];`,
	});
	return workflow({
		id: 'esWeeklyReport',
		name: 'Engagement (c): weekly campaign report → files (Channel Talk, seed 001)',
		nodes: [
			sticky(
				'About this workflow',
				`## Weekly campaign report (Channel Talk's campaign data download)

Per campaign: **sent** (contacts with a send), **view** (opened within 7 days of their send), **click**, **goal** (converted within 30 days of the send and 7 days of the view) — plus the same per day and per contact.

**Export files** (Build Report → Export Files) writes to \`demo-output/reports/\`:
- \`campaign-report.xlsx\` — sheets Campaign, CampaignStat, CampaignUser, User
- one CSV per sheet, and \`campaign-report.html\` with the funnel and daily charts
- \`campaign-report-protected.zip\` — AES-256 encrypted; the password comes from the *Engagement Report Password* credential (demo: \`${DEMO_REPORT_PASSWORD}\`); a **reason** is required and every export appends an audit record to \`export-audit.ndjson\`.

*Run now* runs it on demand; the period is *All Time* for the bundled data — pick *Last 7 Days* for a real weekly run.`,
				[-80, -260],
				{ width: 620, height: 500 },
			),
			scheduleTrigger(
				'Every Monday 07:00',
				{ field: 'weeks', weeksInterval: 1, triggerAtDay: [1], triggerAtHour: 7 },
				[0, 200],
			),
			manualTrigger([0, 400]),
			readEventsFile([240, 300]),
			node('Campaigns', `${PKG}.buildReport`, 1, [520, 100], {
				operation: 'campaignAnalytics',
				rows: 'campaigns',
				period: 'all',
				timezone: 'UTC',
				...fromFile,
				options: {},
			}),
			exportFiles('Export files', [520, 300]),
			exportFiles('Export protected archive', [520, 500], { protect: true }),
			writeFile(
				'Write report files',
				'=demo-output/reports/{{ $binary.data.fileName }}',
				[800, 260],
			),
			auditToLine,
			writeFile('Append to audit log', 'demo-output/reports/export-audit.ndjson', [1260, 560], {
				append: true,
			}),
		],
		connections: [
			['Every Monday 07:00', 'Read events file'],
			['Run now', 'Read events file'],
			['Read events file', 'Campaigns'],
			['Read events file', 'Export files'],
			['Read events file', 'Export protected archive'],
			['Export files', 'Write report files'],
			['Export protected archive', 'Write report files'],
			['Export files', auditToLine.name, 1],
			['Export protected archive', auditToLine.name, 1],
			[auditToLine.name, 'Append to audit log'],
		],
	});
}

// ─── (d) one workflow per seed model ─────────────────────────────────────────────────────────────────────────────────

function modelWorkflow({
	id,
	name,
	model,
	note,
	modelParameters = {},
	extraNodes = [],
	extraConnections = [],
}) {
	const score = scoreContacts('Score Contacts', model, [480, 300], { modelParameters });
	return workflow({
		id,
		name,
		nodes: [
			sticky('About this workflow', note, [-80, -200], { width: 600, height: 440 }),
			manualTrigger([0, 300]),
			readEventsFile([240, 300]),
			score,
			assignModelBand('Assign Band', model, [720, 300]),
			countPerBand('Contacts per band', model, [960, 180]),
			toCsv('Scores to CSV', `scores-${model}.csv`, [960, 420]),
			writeFile('Write scores file', `demo-output/scores-${model}.csv`, [1200, 420]),
			...extraNodes,
		],
		connections: [
			['Run now', 'Read events file'],
			['Read events file', score.name],
			[score.name, 'Assign Band'],
			['Assign Band', 'Contacts per band'],
			['Assign Band', 'Scores to CSV'],
			['Scores to CSV', 'Write scores file'],
			...extraConnections,
		],
	});
}

const COMMON_MODEL_NOTE = `Reads the bundled \`${EVENTS_CSV}\`, scores as of ${DEMO_AS_OF} (end of the data; clear *As Of* for now), counts contacts per band and writes every contact's score, band and one-line explanation to`;

function decayModel() {
	return modelWorkflow({
		id: 'esModelDecay',
		name: 'Engagement (d): Ometria decay score (seed 004)',
		model: 'decay',
		note: `## Ometria: time-decayed engagement score

For each send in the last **180 days**: opened within 7 days counts 1, clicked counts 2 (a click is also an open), each send weighted by \`1 − age/180\`. Score = weighted interactions ÷ weighted maximum, 0…1. Contacts with fewer than **6** sends are pulled toward the account average.

Bands: **Null** (never sent) → **New** (subscribed < 28 days, no interaction) → **No engagement** → **Low** (< 0.5 × average) → **High** (> 1.5 × average) → **Medium**.

${COMMON_MODEL_NOTE} \`demo-output/scores-decay.csv\`.`,
	});
}

function clickShareModel() {
	return modelWorkflow({
		id: 'esModelStars',
		name: 'Engagement (d): theMarketer click-share stars (seed 003)',
		model: 'clickShare',
		note: `## theMarketer: 0–5 stars from the share of campaigns clicked

Denominator: distinct **broadcast** campaigns sent (automation and transactional excluded). k = campaigns the contact clicked. 0 clicks → 0 stars, 1 → 1 star, otherwise share ≥ 90 % → 5, ≥ 60 % → 4, ≥ 30 % → 3, else 2 (the seed's 10-campaign example: 2 → 2, 3–5 → 3, 6–8 → 4, 9–10 → 5).

${COMMON_MODEL_NOTE} \`demo-output/scores-clickShare.csv\`.`,
	});
}

function recencyModel() {
	const score5 = scoreContacts('Score Contacts (5 levels)', 'recency5', [480, 560]);
	const rates = node('Engagement rates', `${PKG}.buildReport`, 1, [480, 780], {
		operation: 'engagementRates',
		period: 'all',
		timezone: 'UTC',
		eventSource: 'binaryFile',
		binaryPropertyName: 'data',
		fileFormat: 'csv',
		options: {},
	});
	return modelWorkflow({
		id: 'esModelRecency',
		name: 'Engagement (d): Crescendo Lab recency levels and engagement rates (seed 000)',
		model: 'recency',
		note: `## Crescendo Lab: engagement levels by recency

**3 levels**: Level 3 — last active interaction (message, keyword, rich-menu tap, click, friend add, unblock) ≤ 30 days ago; Level 2 — 31–90 days; Level 1 — none in 90 days, or blocked.
**5 levels** (lower branch) add web behaviour in 60 days: Level 5 deep browse (≥ 5 pages) or purchase, Level 4 ≥ 2 clicks or visits on ≥ 3 days.
**Engagement rates**: open, click and conversion rates over broadcast recipients.

${COMMON_MODEL_NOTE} \`demo-output/scores-recency.csv\`.`,
		extraNodes: [
			score5,
			assignModelBand('Assign Band (5 levels)', 'recency5', [720, 560]),
			countPerBand('Contacts per level (5 levels)', 'recency5', [960, 560]),
			rates,
		],
		extraConnections: [
			['Read events file', score5.name],
			[score5.name, 'Assign Band (5 levels)'],
			['Assign Band (5 levels)', 'Contacts per level (5 levels)'],
			['Read events file', rates.name],
		],
	});
}

function lifecycleModel() {
	return modelWorkflow({
		id: 'esModelLifecycle',
		name: 'Engagement (d): Contactlab lifecycle clusters (seed 002)',
		model: 'lifecycle',
		note: `## Contactlab: lifecycle clusters

Eight clusters — **Engaged**, **Active new**, **Interested**, **Dormant**, **Disengaged**, **Inactive new**, **Inactive**, **Off** — from tenure, regular sending, recency and how much each contact interacts. The thresholds are derived from your own data on every run and returned with each result (see the *details* column).

${COMMON_MODEL_NOTE} \`demo-output/scores-lifecycle.csv\`.`,
	});
}

const WORKFLOWS = {
	'a-webhook-to-postgres.json': webhookToPostgres,
	'a-webhook-to-file.json': webhookToFile,
	'b-score-sync-postgres-crm.json': scoreAndSyncPostgres,
	'b-score-to-files.json': scoreToFiles,
	'c-weekly-campaign-report.json': weeklyReport,
	'd-model-decay-ometria.json': decayModel,
	'd-model-click-share-themarketer.json': clickShareModel,
	'd-model-recency-crescendo.json': recencyModel,
	'd-model-lifecycle-contactlab.json': lifecycleModel,
};

module.exports = { DEMO_AS_OF, WEBHOOK_IDS, WORKFLOWS };

if (require.main === module) {
	fs.mkdirSync(EXAMPLES_DIR, { recursive: true });
	for (const [file, build] of Object.entries(WORKFLOWS)) {
		nodeCounter = 0;
		fs.writeFileSync(path.join(EXAMPLES_DIR, file), `${JSON.stringify(build(), null, '\t')}\n`);
		process.stdout.write(`wrote examples/${file}\n`);
	}
}
