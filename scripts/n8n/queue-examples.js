#!/usr/bin/env node
'use strict';
/**
 * Writes the partitioned-scoring example workflows (`node scripts/n8n/queue-examples.js`), see
 * docs/partitioned-scoring.md. Three workflows that work together:
 * - examples/partitioned-score.json (esPartitioned): webhook → split contacts by hash → "Partial statistics" sub-workflow
 *   once per partition → Merge Statistics → "Score partition" sub-workflow once per partition → all contacts as the
 *   webhook's answer;
 * - examples/partitioned-partial.json (esPartitionPartial): one partition's events → Score Contacts, Output: Partial
 *   Statistics;
 * - examples/partitioned-band.json (esPartitionBand): one partition's events + the merged statistics → Score Contacts
 *   with Account Statistics → scored contacts.
 * `partitionedWorkflows({ model, suffix })` gives the same three for another model (ids and webhook path suffixed).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const PKG = 'n8n-nodes-engagement-scoring';
const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const TRIGGER = 'When called by the parent';

/** FNV-1a (32-bit) of the lowercased contactId modulo the partition count: lib/partition/partitionOfContact.ts. */
const SPLIT_CODE = `// Every event of a contact must land in the same partition: hash the contact id.
const { model, asOf, partitions = 4, events = [] } = $input.first().json.body;
function partitionOf(contactId, count) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < contactId.length; i++) {
    hash ^= contactId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}
const parts = Array.from({ length: partitions }, (_, partition) => ({
  json: { partition, model, asOf, events: [] },
}));
for (const event of events) {
  const key = String(event.contactId ?? '').trim().toLowerCase();
  parts[partitionOf(key, partitions)].json.events.push(event);
}
return parts.filter((part) => part.json.events.length > 0);`;

const ATTACH_CODE = `// Each partition is banded with the statistics of all partitions.
const accountStatistics = $input.first().json.accountStatistics;
return $('Split contacts by hash').all().map((part) => ({
  json: { ...part.json, accountStatistics },
}));`;

/** A fixed UUID per workflow id, so re-running this script leaves the files unchanged. */
function stableUuid(seed) {
	const hex = crypto.createHash('sha256').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function node(id, name, type, typeVersion, position, parameters, extra = {}) {
	return { id, name, type, typeVersion, position, parameters, ...extra };
}

function chain(...names) {
	const connections = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

function executeWorkflowNode(id, name, position, workflowId) {
	return node(id, name, 'n8n-nodes-base.executeWorkflow', 1.2, position, {
		source: 'database',
		workflowId: { __rl: true, value: workflowId, mode: 'id' },
		mode: 'each',
		options: { waitForSubWorkflow: true },
	});
}

function subWorkflowStart(prefix) {
	return [
		node(`${prefix}-1`, TRIGGER, 'n8n-nodes-base.executeWorkflowTrigger', 1.1, [0, 0], {
			inputSource: 'passthrough',
		}),
		node(`${prefix}-2`, 'One item per event', 'n8n-nodes-base.splitOut', 1, [220, 0], {
			fieldToSplitOut: 'events',
			include: 'noOtherFields',
			options: {},
		}),
	];
}

function partitionedWorkflows({ model = 'decay', suffix = '' } = {}) {
	const ids = {
		parent: `esPartitioned${suffix}`,
		partial: `esPartitionPartial${suffix}`,
		band: `esPartitionBand${suffix}`,
	};
	const subSettings = { executionOrder: 'v1', callerPolicy: 'any' };
	const partial = {
		id: ids.partial,
		name: `Engagement (e): partition → partial statistics${suffix ? ` (${model})` : ''}`,
		active: false,
		nodes: [
			...subWorkflowStart(`${ids.partial}`),
			node(`${ids.partial}-3`, 'Partial statistics', `${PKG}.scoreContacts`, 2, [440, 0], {
				operation: 'score',
				model,
				asOf: `={{ $('${TRIGGER}').first().json.asOf }}`,
				timezone: 'UTC',
				options: { output: 'partialStatistics' },
			}),
		],
		connections: chain(TRIGGER, 'One item per event', 'Partial statistics'),
		settings: subSettings,
		pinData: {},
	};
	const band = {
		id: ids.band,
		name: `Engagement (e): partition → scores with the merged statistics${suffix ? ` (${model})` : ''}`,
		active: false,
		nodes: [
			...subWorkflowStart(`${ids.band}`),
			node(`${ids.band}-3`, 'Score partition', `${PKG}.scoreContacts`, 2, [440, 0], {
				operation: 'score',
				model,
				asOf: '',
				timezone: 'UTC',
				options: {
					accountStatistics: `={{ JSON.stringify($('${TRIGGER}').first().json.accountStatistics) }}`,
				},
			}),
		],
		connections: chain(TRIGGER, 'One item per event', 'Score partition'),
		settings: subSettings,
		pinData: {},
	};
	const parent = {
		id: ids.parent,
		name: `Engagement (e): partitioned scoring (sub-workflows, queue-mode workers)${suffix ? ` (${model})` : ''}`,
		active: false,
		nodes: [
			node(`${ids.parent}-0`, 'About this workflow', 'n8n-nodes-base.stickyNote', 1, [-60, -300], {
				content:
					'## Partitioned scoring\n\nPOST `{ "asOf": "2026-11-01T00:00:00Z", "partitions": 4, "events": [ … ] }` to the webhook.\n\n1. **Split contacts by hash** puts every contact (all its events) in one partition.\n2. **Partial statistics** runs a sub-workflow per partition (on any queue-mode worker): Score Contacts, Output *Partial Statistics*.\n3. **Merge statistics** (Score Contacts → Merge Statistics) adds them up exactly.\n4. **Score each partition** bands every partition with the merged account figures.\n\nThe answer is every contact, exactly as one Score Contacts run over all events. See docs/partitioned-scoring.md.',
				width: 520,
				height: 300,
			}),
			node(
				`${ids.parent}-1`,
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				[0, 0],
				{
					httpMethod: 'POST',
					path: `partitioned-score${suffix.toLowerCase()}`,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
				{ webhookId: stableUuid(ids.parent) },
			),
			node(`${ids.parent}-2`, 'Split contacts by hash', 'n8n-nodes-base.code', 2, [220, 0], {
				mode: 'runOnceForAllItems',
				language: 'javaScript',
				jsCode: SPLIT_CODE,
			}),
			executeWorkflowNode(
				`${ids.parent}-3`,
				'Partial statistics per partition',
				[440, 0],
				ids.partial,
			),
			node(`${ids.parent}-4`, 'Merge statistics', `${PKG}.scoreContacts`, 2, [660, 0], {
				operation: 'mergeStatistics',
				statisticsField: 'statistics',
			}),
			node(
				`${ids.parent}-5`,
				'Attach statistics to partitions',
				'n8n-nodes-base.code',
				2,
				[880, 0],
				{
					mode: 'runOnceForAllItems',
					language: 'javaScript',
					jsCode: ATTACH_CODE,
				},
			),
			executeWorkflowNode(`${ids.parent}-6`, 'Score each partition', [1100, 0], ids.band),
		],
		connections: chain(
			'Webhook',
			'Split contacts by hash',
			'Partial statistics per partition',
			'Merge statistics',
			'Attach statistics to partitions',
			'Score each partition',
		),
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
	return { ids, parent, partial, band, webhookPath: parent.nodes[1].parameters.path };
}

function writeExamples() {
	const { parent, partial, band } = partitionedWorkflows();
	const files = {
		'partitioned-score.json': parent,
		'partitioned-partial.json': partial,
		'partitioned-band.json': band,
	};
	for (const [name, workflow] of Object.entries(files)) {
		fs.writeFileSync(path.join(EXAMPLES_DIR, name), `${JSON.stringify(workflow, null, '\t')}\n`);
	}
	return Object.keys(files);
}

module.exports = { partitionedWorkflows, SPLIT_CODE };

if (require.main === module) {
	for (const name of writeExamples()) process.stdout.write(`examples/${name}\n`);
}
