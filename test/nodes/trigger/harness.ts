/**
 * Drives the Engagement Webhook Trigger the way n8n's webhook server does, in-process and with n8n's own classes:
 * a real `Workflow`, a real n8n-core `WebhookContext` per request (parameters, credentials, static data, logger and
 * response object all go through it), and, when the node returns `workflowData`, a real `WorkflowExecute` run that
 * starts from the trigger with that data (as n8n's `executeWebhook` does) and feeds a downstream node.
 * Only the HTTP layer is replaced: a request object carrying `rawBody` as n8n's body parser leaves it, and a small
 * response recorder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import { EngagementWebhookTrigger } from '../../../nodes/EngagementWebhookTrigger/EngagementWebhookTrigger.node';
import { CollectNode } from './Collect.node';

export const TRIGGER_TYPE = 'n8n-nodes-engagement-scoring.engagementWebhookTrigger';

export interface FakeRequest {
	method?: string;
	headers: Record<string, string>;
	/** The URL's query parameters. */
	query?: Record<string, unknown>;
	rawBody?: Buffer | string;
	body?: unknown;
	omitRawBody?: boolean;
}

export interface RecordedResponse {
	statusCode: number;
	body: unknown;
	ended: boolean;
}

export interface WebhookOutcome {
	result: IWebhookResponseData;
	/** What the node wrote itself (failures, handshakes); undefined when it left the answer to n8n. */
	response: RecordedResponse | undefined;
	/** The items the downstream node received, when an execution started. */
	received: IDataObject[] | undefined;
	run: IRun | undefined;
}

export interface LogLine {
	level: string;
	message: string;
}

export interface TriggerHarness {
	post(request: FakeRequest): Promise<WebhookOutcome>;
	/**
	 * Simulates an n8n restart: the node's module loaded afresh (module state, such as the trigger's in-process replay
	 * memory, is gone) and a fresh Workflow object whose static data went through JSON, as the database keeps it.
	 */
	restart(): void;
	logs: LogLine[];
	/** URLs the node fetched through `this.helpers.httpRequest`. */
	httpCalls: string[];
	staticData(): IDataObject;
	/** How many requests left static data marked changed (n8n saves it to the database after those). */
	staticDataSaves(): number;
	close(): void;
}

/** Stands in for n8n's database row of one workflow: its saved static data. */
export interface StaticDataStore {
	staticData: IDataObject;
}

export interface HarnessOptions {
	parameters: IDataObject;
	/** The trigger node's typeVersion, as saved in the workflow; default 1. */
	typeVersion?: number;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * As n8n's LiveWebhooks does: every request loads the workflow, static data included, afresh from this store and
	 * saves static data back after the webhook call when it was marked changed (last write wins). Without it one
	 * Workflow object lives across requests. Harnesses sharing a store and created with `separateProcess` act as two
	 * n8n processes serving the same workflow.
	 */
	store?: StaticDataStore;
	/** Loads the node's module afresh for this harness, as a second n8n process would have it. */
	separateProcess?: boolean;
	/** Workflow id; by default each harness gets its own, as separate workflows would. */
	workflowId?: string;
	/** Stands in for n8n's HTTP helper (SNS certificate fetch, subscription confirmation). */
	httpRequest?: (options: IHttpRequestOptions) => Promise<unknown>;
}

let userFolder: string | undefined;
let harnesses = 0;

const TRIGGER_MODULE = '../../../nodes/EngagementWebhookTrigger/EngagementWebhookTrigger.node';

/** The trigger from a fresh copy of its module (and of everything it imports): what another process would run. */
function freshTriggerType(): INodeType {
	let loaded: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(TRIGGER_MODULE) as { EngagementWebhookTrigger: new () => INodeType };
		loaded = new module.EngagementWebhookTrigger();
	});
	return loaded as INodeType;
}

function loadCore() {
	if (!userFolder) {
		userFolder = mkdtempSync(join(tmpdir(), 'engagement-trigger-'));
		process.env.N8N_USER_FOLDER = userFolder;
		process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
	}
	/* eslint-disable @typescript-eslint/no-require-imports */
	const core = require('n8n-core') as typeof import('n8n-core');
	const workflowLib = require('n8n-workflow') as typeof import('n8n-workflow');
	const corePath = require.resolve('n8n-core');
	const di = require(require.resolve('@n8n/di', { paths: [corePath] })) as typeof import('@n8n/di');
	const backend = require(require.resolve('@n8n/backend-common', { paths: [corePath] })) as {
		Logger: new (...args: never[]) => unknown;
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
	return { core, workflowLib, di, backend };
}

function recorder(): { res: unknown; recorded: () => RecordedResponse | undefined } {
	let touched = false;
	const state: RecordedResponse = { statusCode: 200, body: undefined, ended: false };
	const res = {
		status(code: number) {
			touched = true;
			state.statusCode = code;
			return res;
		},
		send(body: unknown) {
			touched = true;
			state.body = body;
			return res;
		},
		json(body: unknown) {
			touched = true;
			state.body = body;
			state.ended = true;
			return res;
		},
		end() {
			touched = true;
			state.ended = true;
			return res;
		},
		setHeader() {
			return res;
		},
	};
	return { res, recorded: () => (touched ? state : undefined) };
}

export function createTriggerHarness(options: HarnessOptions): TriggerHarness {
	const { core, workflowLib, di, backend } = loadCore();
	const logs: LogLine[] = [];
	const logger: Record<string, unknown> = Object.fromEntries(
		['error', 'warn', 'info', 'debug'].map((level) => [
			level,
			(message: string) => logs.push({ level, message }),
		]),
	);
	logger.scoped = () => logger;
	di.Container.set(backend.Logger as never, logger as never);
	const httpCalls: string[] = [];
	let triggerType: INodeType = options.separateProcess
		? freshTriggerType()
		: new EngagementWebhookTrigger();
	const types: Record<string, INodeType> = {
		[TRIGGER_TYPE]: triggerType,
		'test.collect': new CollectNode(),
	};
	const nodeTypes: INodeTypes = {
		getByName: (type) => types[type],
		getByNameAndVersion: (type) => types[type],
		getKnownTypes: () => ({}),
	};
	const trigger: INode = {
		id: 'trigger-1',
		name: 'Engagement Webhook Trigger',
		type: TRIGGER_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		webhookId: '6f1c1d4e-2b8a-4c57-9d0e-0a1b2c3d4e5f',
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [type, { id: type, name: type }]),
		),
	};
	const collect: INode = {
		id: 'collect-1',
		name: 'Collect',
		type: 'test.collect',
		typeVersion: 1,
		position: [200, 0],
		parameters: {},
	};
	const connections = {
		[trigger.name]: { main: [[{ node: collect.name, type: 'main' as const, index: 0 }]] },
	};
	const workflowId = options.workflowId ?? `wf-trigger-${++harnesses}`;
	const store = options.store;
	let staticData: IDataObject = {};
	let workflow: Workflow;
	const build = () => {
		workflow = new workflowLib.Workflow({
			id: workflowId,
			name: 'trigger test',
			nodes: [structuredClone(trigger), structuredClone(collect)],
			connections,
			active: true,
			nodeTypes,
			staticData,
			settings: { executionOrder: 'v1' },
		});
	};
	build();
	// With a store, each request holds on to the Workflow it loaded, as concurrent n8n requests do.
	const currentWorkflow = () => workflow;
	let executionCounter = 0;
	let staticDataSaves = 0;

	async function post(request: FakeRequest): Promise<WebhookOutcome> {
		if (store) {
			staticData = JSON.parse(JSON.stringify(store.staticData)) as IDataObject;
			build();
		}
		const workflow = currentWorkflow();
		const method = (request.method ?? 'POST').toUpperCase();
		const { res, recorded } = recorder();
		const rawBody =
			request.rawBody === undefined
				? undefined
				: Buffer.isBuffer(request.rawBody)
					? request.rawBody
					: Buffer.from(request.rawBody);
		const req = {
			method,
			headers: Object.fromEntries(
				Object.entries(request.headers).map(([key, value]) => [key.toLowerCase(), value]),
			),
			body: request.body ?? {},
			query: request.query ?? {},
			params: {},
			...(request.omitRawBody ? {} : { rawBody }),
		};
		const executionId = String(++executionCounter);
		const hooks = new core.ExecutionLifecycleHooks('webhook', executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes: [trigger, collect],
			connections,
			active: true,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
		const additionalData = {
			hooks,
			executionId,
			httpRequest: req,
			httpResponse: res,
			webhookBaseUrl: 'https://n8n.example.com/webhook',
			webhookTestBaseUrl: 'https://n8n.example.com/webhook-test',
			webhookWaitingBaseUrl: 'https://n8n.example.com/webhook-waiting',
			formWaitingBaseUrl: 'https://n8n.example.com/form-waiting',
			instanceBaseUrl: 'https://n8n.example.com/',
			restApiUrl: 'https://n8n.example.com/rest',
			variables: {},
			userId: 'test-user',
			currentNodeParameters: undefined,
			credentialsHelper: {
				getDecrypted: async (_data: unknown, _nodeCredentials: unknown, type: string) => {
					const credential = options.credentials[type];
					if (!credential) throw new Error(`no credential ${type}`);
					return structuredClone(credential);
				},
			},
			getRunExecutionData: async () => undefined,
		} as unknown as IWorkflowExecuteAdditionalData;
		const node = workflow.getNode(trigger.name) as INode;
		const description = triggerType.description.webhooks?.find(
			(webhook) => webhook.httpMethod === method,
		);
		if (!description) throw new Error(`the trigger registers no ${method} webhook`);
		const webhookData: IWebhookData = {
			httpMethod: method as IWebhookData['httpMethod'],
			node: node.name,
			path: `${node.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const context = new core.WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		(context.helpers as { httpRequest: unknown }).httpRequest = async (
			requestOptions: IHttpRequestOptions,
		) => {
			httpCalls.push(requestOptions.url);
			if (!options.httpRequest) throw new Error('no HTTP in tests');
			return await options.httpRequest(requestOptions);
		};
		const result = await (
			triggerType.webhook as (this: unknown) => Promise<IWebhookResponseData>
		).call(context);
		// As n8n's LiveWebhooks does after the webhook call: save static data when it was marked changed.
		const observed = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (observed.__dataChanged) {
			staticDataSaves += 1;
			observed.__dataChanged = false;
			if (store) store.staticData = JSON.parse(JSON.stringify(observed)) as IDataObject;
		}
		if (!store) staticData = workflow.staticData;

		let received: IDataObject[] | undefined;
		let run: IRun | undefined;
		if (result.workflowData) {
			const runExecutionData = workflowLib.createRunExecutionData({
				executionData: {
					nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
				},
			});
			run = await new core.WorkflowExecute(
				additionalData,
				'webhook',
				runExecutionData,
			).processRunExecutionData(workflow);
			const task = run.data.resultData.runData.Collect?.[0];
			received = (task?.data?.main?.[0] ?? []).map((item: INodeExecutionData) => item.json);
		}
		return { result, response: recorded(), received, run };
	}

	return {
		post,
		restart() {
			staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			triggerType = freshTriggerType();
			types[TRIGGER_TYPE] = triggerType;
			build();
		},
		logs,
		httpCalls,
		staticDataSaves: () => staticDataSaves,
		staticData: () =>
			(store ? store.staticData : workflow.staticData)[`node:${trigger.name}`] as IDataObject,
		close() {
			logs.length = 0;
		},
	};
}

/**
 * Call in afterAll: stops n8n-core's SSH client cleanup interval (created on the first node execution, it would keep
 * jest from exiting) and removes the temporary n8n user folder.
 */
export function removeUserFolder() {
	const { di } = loadCore();
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new (...args: any[]) => { onShutdown(): void }; // eslint-disable-line @typescript-eslint/no-explicit-any
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
	if (di.Container.has(SSHClientsManager as never))
		di.Container.get(SSHClientsManager).onShutdown();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
}
