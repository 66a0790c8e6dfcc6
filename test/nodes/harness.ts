/**
 * Runs workflow JSON fixtures through n8n's own engine, in-process: the real `Workflow` (n8n-workflow) and
 * `WorkflowExecute` (n8n-core), with our node classes loaded from source into a NodeTypes map — parameter defaults,
 * expression resolution, dynamic outputs, paired items and error-output routing all come from n8n itself.
 *
 * One engine setup per test file: call `createHarness()` once (e.g. in `beforeAll`), then `run()` per workflow.
 * n8n-core is required lazily, after `N8N_USER_FOLDER` points at a temp dir, because its InstanceSettings write
 * `$N8N_USER_FOLDER/.n8n/config` on first use.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IPinData,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';

import { AssignBand } from '../../nodes/AssignBand/AssignBand.node';
import { BuildReport } from '../../nodes/BuildReport/BuildReport.node';
import { ScoreContacts } from '../../nodes/ScoreContacts/ScoreContacts.node';
import { TestSource } from './TestSource.node';

/** The package name n8n prefixes our node types with when installed as a community package. */
export const PACKAGE = 'n8n-nodes-engagement-scoring';

export interface WorkflowFixture {
	name: string;
	nodes: INode[];
	connections: IConnections;
	pinData?: IPinData;
	settings?: IWorkflowSettings;
}

export interface WorkflowResult {
	run: IRun;
	/** Items a node emitted on one output (default the first), in its first run. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** JSON of those items. */
	json(nodeName: string, outputIndex?: number): IDataObject[];
	/** Number of outputs the node produced in its first run. */
	outputCount(nodeName: string): number;
	/** The names n8n gives the node's outputs (from its description, dynamic outputs evaluated). */
	outputNames(nodeName: string): string[];
	/** The execution's error, if the workflow stopped on one. */
	error: Error | undefined;
}

export interface RunOverrides {
	/** Parameters merged into a node's parameters, by node name. */
	parameters?: Record<string, INodeParameters>;
	/** Node properties (e.g. onError) replaced, by node name. */
	nodes?: Record<string, Partial<INode>>;
	/** Decrypted credentials served by type. */
	credentials?: Record<string, IDataObject>;
	/** Workflow settings merged over the fixture's (e.g. timezone). */
	settings?: IWorkflowSettings;
}

export interface Harness {
	run(workflow: WorkflowFixture, overrides?: RunOverrides): Promise<WorkflowResult>;
	close(): void;
}

function buildNodeTypes(): INodeTypes {
	const types: Record<string, INodeType | IVersionedNodeType> = {
		[`${PACKAGE}.scoreContacts`]: new ScoreContacts(),
		[`${PACKAGE}.assignBand`]: new AssignBand(),
		[`${PACKAGE}.buildReport`]: new BuildReport(),
		'test.testSource': new TestSource(),
	};
	const resolve = (type: string, version?: number): INodeType => {
		const nodeType = types[type];
		if (nodeType === undefined) throw new Error(`Unknown node type ${type}`);
		if ('nodeVersions' in nodeType) {
			return nodeType.getNodeType(version);
		}
		return nodeType;
	};
	return {
		getByName: (type) => types[type],
		getByNameAndVersion: resolve,
		getKnownTypes: () => ({}),
	};
}

/** Reads a fixture from test/nodes/workflows/. */
export function loadFixture(fileName: string): WorkflowFixture {
	return JSON.parse(
		readFileSync(join(__dirname, 'workflows', fileName), 'utf8'),
	) as WorkflowFixture;
}

/** An input item holding `text` as a CSV file in its binary property `data`, with `json` beside it. */
export function csvFileItem(text: string, json: IDataObject = {}) {
	return {
		json,
		binary: {
			data: {
				data: Buffer.from(text).toString('base64'),
				mimeType: 'text/csv',
				fileName: 'events.csv',
			},
		},
	};
}

/** Test Source (emitting `items`) → one of our nodes, named `nodeName`, with `parameters` (at `typeVersion`). */
export function sourceThenNode(
	items: unknown[],
	nodeName: string,
	nodeType: string,
	parameters: INodeParameters,
	typeVersion = 1,
): WorkflowFixture {
	return {
		name: nodeName,
		nodes: [
			{
				id: '1',
				name: 'Source',
				type: 'test.testSource',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(items) },
			},
			{
				id: '2',
				name: nodeName,
				type: `${PACKAGE}.${nodeType}`,
				typeVersion,
				position: [200, 0],
				parameters,
			},
		],
		connections: { Source: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: 'UTC' },
	};
}

export function createHarness(): Harness {
	const userFolder = mkdtempSync(join(tmpdir(), 'engagement-n8n-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const core = require('n8n-core') as typeof import('n8n-core');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const workflowLib = require('n8n-workflow') as typeof import('n8n-workflow');
	const nodeTypes = buildNodeTypes();
	let executionCounter = 0;

	async function run(
		fixture: WorkflowFixture,
		overrides: RunOverrides = {},
	): Promise<WorkflowResult> {
		const nodes: INode[] = structuredClone(fixture.nodes).map((node) => ({
			...node,
			...(overrides.nodes?.[node.name] ?? {}),
			parameters: { ...node.parameters, ...(overrides.parameters?.[node.name] ?? {}) },
		}));
		const workflow = new workflowLib.Workflow({
			id: `fixture-${fixture.name}`,
			name: fixture.name,
			nodes,
			connections: fixture.connections,
			active: false,
			nodeTypes,
			settings: {
				executionOrder: 'v1',
				...(fixture.settings ?? {}),
				...(overrides.settings ?? {}),
			},
		});
		const executionId = String(++executionCounter);
		const hooks = new core.ExecutionLifecycleHooks('manual', executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes,
			connections: fixture.connections,
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
		const additionalData = {
			hooks,
			executionId,
			currentNodeParameters: undefined,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			variables: {},
			userId: 'test-user',
			credentialsHelper: credentialsHelper(overrides.credentials ?? {}),
			executeWorkflow: async () => {
				throw new Error('executeWorkflow is not available in the test harness');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => undefined,
			startRunnerTask: async () => {
				throw new Error('task runners are not available in the test harness');
			},
		} as unknown as IWorkflowExecuteAdditionalData;

		const startNode = nodes.find((node) => node.type === 'test.testSource');
		if (startNode === undefined)
			throw new Error(`Fixture ${fixture.name} has no test.testSource node`);
		const execution = new core.WorkflowExecute(additionalData, 'manual');
		const result = await execution.run(workflow, workflow.getNode(startNode.name) ?? undefined);
		const runData = result.data.resultData.runData;
		const output = (nodeName: string, outputIndex = 0): INodeExecutionData[] => {
			const task = runData[nodeName]?.[0];
			if (task === undefined) throw new Error(`Node "${nodeName}" did not run`);
			return task.data?.main?.[outputIndex] ?? [];
		};
		return {
			run: result,
			output,
			json: (nodeName, outputIndex) => output(nodeName, outputIndex).map((item) => item.json),
			outputCount: (nodeName) => runData[nodeName]?.[0]?.data?.main?.length ?? 0,
			outputNames: (nodeName) => {
				const node = workflow.getNode(nodeName);
				if (node === null) throw new Error(`No node "${nodeName}"`);
				const description = nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description;
				return workflowLib.NodeHelpers.getNodeOutputs(workflow, node, description).map((output) =>
					typeof output === 'string' ? output : (output.displayName ?? output.type),
				);
			},
			error: result.data.resultData.error as Error | undefined,
		};
	}

	return {
		run,
		close: () => {
			// n8n-core's SSH tunnel manager starts a cleanup interval on first use; stop it so the test process can exit.
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { Container } = require(
				require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }),
			) as {
				Container: { has(t: unknown): boolean; get(t: unknown): unknown };
			};
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
			if (Container.has(SSHClientsManager)) {
				clearInterval(
					(Container.get(SSHClientsManager) as { cleanupTimer: NodeJS.Timeout }).cleanupTimer,
				);
			}
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** Serves decrypted credentials by type from the test (the node must still name the credential in `node.credentials`). */
function credentialsHelper(byType: Record<string, IDataObject>) {
	return {
		getDecrypted: async (_data: unknown, _nodeCredentials: unknown, type: string) => {
			const credentials = byType[type];
			if (credentials === undefined)
				throw new Error(`No credentials of type "${type}" given to the harness`);
			return credentials;
		},
		getParentTypes: () => [],
		getCredentialsProperties: () => [],
		authenticate: async (_credentials: unknown, _type: string, request: unknown) => request,
		preAuthentication: async () => undefined,
		updateCredentials: async () => undefined,
		updateCredentialsOauthTokenData: async () => undefined,
	};
}
