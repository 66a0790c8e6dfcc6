import { randomBytes } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { EngagementInputError } from '../../lib/errors';
import type { CampaignKind, EventType } from '../../lib/events/types';
import {
	DEFAULT_CUSTOM_MAPPING,
	DEFAULT_REPLAY_CAPACITY,
	DEFAULT_TOLERANCE_SECONDS,
	providerInfo,
	ReplayMemory,
	cachedCertificateFetcher,
	fail,
	filterEvents,
	flagScannerEvents,
	lowercaseContactIds,
	parseTypeMap,
	quoteForLog,
	readReplayCache,
	replayKey,
	signatureNonceKey,
	verifyWebhook,
	type AdapterResult,
	type CustomJsonMapping,
	type ProviderEvent,
	type ProviderId,
	type ScannerFlagOptions,
	type VerifiedRequest,
	type WebhookRequest,
} from '../../lib/providers';
import { commaSeparated } from '../shared/context';
import { readScannerUserAgents } from '../shared/botRules';
import { libraryReason } from '../shared/errors';
import { readEventTypeValues, readTranslations } from '../shared/eventInput';
import { CREDENTIAL_TYPE } from './properties';

interface TriggerOptions {
	confirmSubscription?: boolean;
	deduplicate?: boolean;
	dedupeCapacity?: number;
	eventTypes?: EventType[];
	lowercaseContactId?: boolean;
	machineEvents?: 'flag' | 'drop';
	/** "known" for the built-in list, or comma-separated fragments. */
	scannerUserAgents?: string;
	/** Comma-separated IP addresses or CIDR ranges. */
	scannerIpRanges?: string;
	output?: 'perEvent' | 'perRequest';
	toleranceSeconds?: number;
}

/** SNS signing certificates, shared by every workflow in this n8n process (bounded, see cachedCertificateFetcher). */
const certificateCache = new Map<string, Promise<string>>();

/**
 * The de-duplication memory of each trigger node in this process (key: mode, workflow id, node id). It is the
 * authority within the process: an event is checked and recorded without an await in between, so concurrent requests
 * of one process never both pass the same id. n8n loads static data afresh for every webhook request and saves it
 * after the call (last write wins), so static data alone would not give that; it carries the memory across restarts
 * and between processes instead (see docs/webhook-trigger.md, "Replayed ids").
 */
const replayMemories = new Map<string, ReplaySlot>();

interface ReplaySlot {
	memory: ReplayMemory;
	/** This process's latest write to static data. */
	wrote?: string;
	/** The capacity warning was logged. */
	warned?: boolean;
}

/**
 * The longest wait for SNS's certificate or subscription URL: the sender waits for our answer meanwhile (SNS gives an
 * endpoint 15 seconds), and a host that never answers must not hold the request open.
 */
const OUTBOUND_TIMEOUT_MS = 10_000;

/** Marks this process's writes to static data, so it does not merge its own latest write back in. */
const PROCESS_TAG = randomBytes(6).toString('base64url');
let replayWrites = 0;

const REPLAY_CACHE_KEY = 'engagementReplayCache';

/**
 * The field mapping of Custom JSON and Standard Webhooks. Version 2 names the fields it shares with Score Contacts as
 * Score Contacts does (Contact ID Field, Event Type Field, Numeric Timestamps Are, Event Type Values, Campaign Kind
 * Field and Values); version 1 keeps its own (Contact Field, `typeField`, Timestamp Unit, Event Type Mapping), so
 * saved workflows run unchanged.
 */
function readMapping(context: IWebhookFunctions): CustomJsonMapping {
	const text = (name: string, fallback = '') =>
		(context.getNodeParameter(name, fallback) as string).trim();
	return {
		eventsPath: text('eventsPath'),
		...(context.getNode().typeVersion < 2 ? versionOneNames(text) : versionTwoNames(context, text)),
		timestampField: text('timestampField', DEFAULT_CUSTOM_MAPPING.timestampField),
		timestampUnit: context.getNodeParameter(
			'timestampUnit',
			'auto',
		) as CustomJsonMapping['timestampUnit'],
		campaignIdField: text('campaignIdField'),
		messageIdField: text('messageIdField'),
		eventIdField: text('eventIdField'),
		urlField: text('urlField'),
		machineField: text('machineField'),
		// Not offered in the UI: read from the same-name properties, as Score Contacts does.
		userAgentField: DEFAULT_CUSTOM_MAPPING.userAgentField,
		ipField: DEFAULT_CUSTOM_MAPPING.ipField,
		channelField: DEFAULT_CUSTOM_MAPPING.channelField,
	};
}

type NamedByVersion = Pick<
	CustomJsonMapping,
	| 'contactField'
	| 'typeField'
	| 'typeMap'
	| 'timestampFormat'
	| 'timezone'
	| 'campaignKindField'
	| 'campaignKindValues'
>;

/** Version 1: Contact Field, Event Type Field (`typeField`), Event Type Mapping (`opened=open, …`). */
function versionOneNames(text: (name: string, fallback?: string) => string): NamedByVersion {
	return {
		contactField: text('contactField', DEFAULT_CUSTOM_MAPPING.contactField),
		typeField: text('typeField', DEFAULT_CUSTOM_MAPPING.typeField),
		typeMap: parseTypeMap(text('typeMap')),
	};
}

/** Version 2: Score Contacts' names and translation tables (checked by verifyWebhook: see mappingError). */
function versionTwoNames(
	context: IWebhookFunctions,
	text: (name: string, fallback?: string) => string,
): NamedByVersion {
	return {
		contactField: text('contactIdField', DEFAULT_CUSTOM_MAPPING.contactField),
		typeField: text('eventTypeField', DEFAULT_CUSTOM_MAPPING.typeField),
		timestampFormat: text('timestampFormat') || undefined,
		timezone: text('timezone', 'UTC'),
		campaignKindField: text('campaignKindField', DEFAULT_CUSTOM_MAPPING.campaignKindField),
		typeMap: readEventTypeValues(context.getNodeParameter('eventTypeValues.values', [])),
		campaignKindValues: readTranslations(
			context.getNodeParameter('campaignKindValues.values', []),
		) as Record<string, CampaignKind>,
	};
}

const EACH_SOURCE_VALUE = 'each Source Value needs one of the listed targets';

/** The mapping parameters verifyWebhook checks: panel name and what to check, by the library option they set. */
const CHECKED_PARAMETERS: Record<string, { name: string; check: string }> = {
	typeValues: { name: 'Event Type Values', check: EACH_SOURCE_VALUE },
	campaignKindValues: { name: 'Campaign Kind Values', check: EACH_SOURCE_VALUE },
	timestampFormat: {
		name: 'Timestamp Format',
		check: 'write it in Luxon tokens, e.g. dd.MM.yyyy HH:mm',
	},
	timezone: { name: 'Time Zone', check: 'write an IANA name such as Europe/Berlin, or UTC' },
};

/**
 * What verifyWebhook throws, before reading the request, for a mapping that cannot work (a target set by an expression
 * may be no type or kind at all; a format may have no token): a configuration error naming the parameter, not a
 * refused request.
 */
function mappingError(context: IWebhookFunctions, error: unknown): unknown {
	const field = error instanceof EngagementInputError ? error.field : undefined;
	const parameter = field === undefined ? undefined : CHECKED_PARAMETERS[field];
	if (parameter === undefined) return error;
	return new NodeOperationError(
		context.getNode(),
		`${parameter.name}: ${libraryReason(error as EngagementInputError)}`,
		{ description: `Check the parameter "${parameter.name}": ${parameter.check}` },
	);
}

async function readRawBody(context: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = context.getRequestObject();
	// n8n's body parser keeps the exact bytes in `rawBody` (a Buffer) before parsing; read them if not done yet.
	if (request.rawBody === undefined && typeof request.readRawBody === 'function')
		await request.readRawBody();
	const raw: unknown = request.rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

async function readCredential(
	context: IWebhookFunctions,
	provider: ProviderId,
): Promise<IDataObject | undefined> {
	const scheme = providerInfo(provider)?.scheme;
	if (!scheme) return undefined;
	try {
		const credential = await context.getCredentials(CREDENTIAL_TYPE[scheme]);
		if (provider === 'mandrill' && !credential.webhookUrl) {
			return { ...credential, webhookUrl: context.getNodeWebhookUrl('default') ?? '' };
		}
		return credential;
	} catch {
		return undefined;
	}
}

function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject | string,
): IWebhookResponseData {
	const response = context.getResponseObject();
	if (typeof body === 'string') response.status(status).send(body).end();
	else response.status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * The trigger's replay memory as one request uses it: opened (this process's memory, with what static data holds
 * merged in) on first use, and written back to static data once, at the end of the request, when it learnt an id.
 * Ids expire twice the replay window after they were last seen for providers that sign a timestamp (a later replay
 * fails the timestamp check), and the least recently seen give way beyond the capacity.
 */
class ReplayScope {
	private opened?: { slot: ReplaySlot; staticData: IDataObject };
	private learnt = false;

	constructor(
		private readonly context: IWebhookFunctions,
		private readonly provider: ProviderId,
		private readonly options: TriggerOptions,
	) {}

	/** Marks each key as seen and says which were new; see ReplayMemory.admit. */
	admit(keys: string[]): boolean[] {
		const { slot } = this.open();
		const signsTimestamp = providerInfo(this.provider)?.signsTimestamp === true;
		const tolerance = this.options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
		const capacity = this.options.dedupeCapacity ?? DEFAULT_REPLAY_CAPACITY;
		const fresh = slot.memory.admit(keys, {
			capacity,
			ttlSeconds: signsTimestamp ? 2 * tolerance : undefined,
		});
		if (slot.memory.evictedBeforeExpiry > 0 && !slot.warned) {
			slot.warned = true;
			this.context.logger.warn(
				`Engagement Webhook Trigger: De-Duplication Memory (${capacity} ids) is too small for the traffic: ids are forgotten inside the replay window, so some replays are no longer caught`,
			);
		}
		if (fresh.includes(true)) this.learnt = true;
		return fresh;
	}

	/** Assigning marks static data changed, so n8n saves it; a request that learnt nothing writes nothing. */
	save(): void {
		if (!this.opened || !this.learnt) return;
		const { slot, staticData } = this.opened;
		slot.wrote = `${PROCESS_TAG}:${++replayWrites}`;
		staticData[REPLAY_CACHE_KEY] = slot.memory.toState(slot.wrote) as unknown as IDataObject;
		this.learnt = false;
	}

	private open(): { slot: ReplaySlot; staticData: IDataObject } {
		if (this.opened) return this.opened;
		const context = this.context;
		const slotKey = [context.getMode(), context.getWorkflow().id, context.getNode().id].join(
			'\u001f',
		);
		let slot = replayMemories.get(slotKey);
		if (!slot) {
			slot = { memory: new ReplayMemory() };
			replayMemories.set(slotKey, slot);
		}
		const staticData = context.getWorkflowStaticData('node');
		const saved = readReplayCache(staticData[REPLAY_CACHE_KEY]);
		// Another process's write (or the state from before a restart): take it in. Our own latest write adds nothing.
		if (saved.writer === undefined || saved.writer !== slot.wrote) slot.memory.merge(saved);
		this.opened = { slot, staticData };
		return this.opened;
	}
}

/** Drops events whose `provider:eventId` was already seen (De-Duplicate Events). */
function newEventsOnly(replay: ReplayScope, events: ProviderEvent[]): ProviderEvent[] {
	// Every adapter sets an event id (the provider's, or a hash); one without would pass through undeduplicated.
	const identified = events.filter((event) => event.eventId !== undefined);
	const fresh = replay.admit(
		identified.map((event) => replayKey(event.provider, event.eventId as string)),
	);
	const seen = new Set(identified.filter((_, position) => !fresh[position]));
	return events.filter((event) => !seen.has(event));
}

/**
 * A signature that does not cover the body (Mailgun's) is good once: its nonce is recorded as soon as it verifies,
 * before the events are mapped, filtered or de-duplicated and whatever the options say, and a second request with it
 * is refused like any unauthorised one (401, no execution). Otherwise a signature captured from a request whose event
 * was ignored, filtered out or not de-duplicated could carry any other body inside the replay window.
 */
function singleUseSignature(
	replay: ReplayScope,
	provider: ProviderId,
	result: AdapterResult,
): AdapterResult {
	if (!result.ok || result.nonce === undefined) return result;
	const [fresh] = replay.admit([signatureNonceKey(provider, result.nonce)]);
	if (fresh) return result;
	const name = providerInfo(provider)?.displayName ?? provider;
	return fail(
		'replayed-signature',
		`this ${name} signature was already used; it does not cover the body, so each is accepted once`,
	);
}

async function verify(
	context: IWebhookFunctions,
	provider: ProviderId,
	options: TriggerOptions,
): Promise<AdapterResult> {
	const request = context.getRequestObject();
	const method = (request.method ?? 'POST').toUpperCase();
	const rawBody =
		method === 'HEAD' || method === 'GET' ? Buffer.alloc(0) : await readRawBody(context);
	if (rawBody === undefined)
		return fail('raw-body-unavailable', 'the raw request body is not available');
	const webhookRequest: WebhookRequest = {
		rawBody,
		headers: request.headers,
		method,
		query: request.query as Record<string, unknown>,
	};
	const credential = await readCredential(context, provider);
	let mapping: CustomJsonMapping | undefined;
	if (provider === 'customJson' || provider === 'standardWebhooks') {
		try {
			mapping = readMapping(context);
		} catch (error) {
			// A configuration mistake (e.g. a type mapping to an unknown type): fail loudly, the sender gets a 500.
			throw new NodeOperationError(context.getNode(), (error as Error).message);
		}
	}
	try {
		return await verifyWebhook(provider, webhookRequest, credential, {
			toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
			mapping,
			fetchCertificate: cachedCertificateFetcher(async (url) => {
				const body: unknown = await context.helpers.httpRequest({
					method: 'GET',
					url,
					encoding: 'text',
					json: false,
					// The URL was checked (SNS host, certificate path); where a redirect leads would not be. SNS does not redirect.
					disableFollowRedirect: true,
					timeout: OUTBOUND_TIMEOUT_MS,
				});
				return Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
			}, certificateCache),
		});
	} catch (error) {
		throw mappingError(context, error);
	}
}

/**
 * Handles one webhook request: verify (401 and no execution on failure, also for a signature used before), answer
 * handshakes, filter, de-duplicate, and start the workflow with the remaining events.
 */
export async function handleWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const provider = this.getNodeParameter('provider') as ProviderId;
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	if (this.getWebhookName() === 'setup') {
		// HEAD check of a new Mandrill webhook: answered 200, nothing else.
		if (this.getRequestObject().method?.toUpperCase() === 'HEAD') return answer(this, 200, '');
		// GET check of a new Mailchimp webhook: verified below (its URL secret) and answered as a ping.
		if (provider !== 'mailchimp') return answer(this, 405, 'Method Not Allowed');
	}

	const replay = new ReplayScope(this, provider, options);
	try {
		const result = singleUseSignature(replay, provider, await verify(this, provider, options));
		if (!result.ok) {
			this.logger.warn(
				`Engagement Webhook Trigger rejected a ${provider} request (${result.reason}): ${result.message}`,
			);
			return answer(this, 401, 'Unauthorized');
		}
		const control = await handleControl(this, provider, result, options);
		if (control) return control;

		const filtered = filterEvents(flagScanners(this, result.events, options), {
			machineEvents: options.machineEvents,
			eventTypes: options.eventTypes,
		});
		const kept = options.lowercaseContactId === true ? lowercaseContactIds(filtered) : filtered;
		const events = options.deduplicate === false ? kept : newEventsOnly(replay, kept);
		const summary = {
			received: result.events.length,
			accepted: events.length,
			duplicates: kept.length - events.length,
			ignored: result.ignored.length,
		};
		if (events.length === 0) return answer(this, 200, summary);

		const items =
			options.output === 'perRequest'
				? [{ json: { provider, events, ignored: result.ignored } as unknown as IDataObject }]
				: events.map((event) => ({ json: event as unknown as IDataObject }));
		return { workflowData: [items], webhookResponse: summary };
	} finally {
		// Also when a later step throws (a configuration error): a signature nonce once recorded stays used.
		replay.save();
	}
}

/** Options → Scanner User Agents / Scanner IP Ranges applied to each event (a bad range is a configuration error). */
function flagScanners(
	context: IWebhookFunctions,
	events: ProviderEvent[],
	options: TriggerOptions,
): ProviderEvent[] {
	const rules: ScannerFlagOptions = {
		scannerIpRanges: commaSeparated(options.scannerIpRanges ?? ''),
		scannerUserAgents: readScannerUserAgents(options.scannerUserAgents),
	};
	try {
		return flagScannerEvents(events, rules);
	} catch (error) {
		const badRange = (error as { field?: string }).field === 'scannerIpRanges';
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: badRange ? 'Check Options → Scanner IP Ranges' : undefined,
		});
	}
}

async function handleControl(
	context: IWebhookFunctions,
	provider: ProviderId,
	result: VerifiedRequest,
	options: TriggerOptions,
): Promise<IWebhookResponseData | undefined> {
	const control = result.control;
	if (!control) return undefined;
	if (control.kind === 'subscription-confirmation' && control.subscribeUrl) {
		if (options.confirmSubscription === false) {
			context.logger.info(
				`Engagement Webhook Trigger: SNS subscription to ${quoteForLog(control.topicArn)} left unconfirmed`,
			);
			return answer(context, 200, { subscription: 'pending' });
		}
		try {
			await context.helpers.httpRequest({
				method: 'GET',
				url: control.subscribeUrl,
				json: false,
				disableFollowRedirect: true,
				timeout: OUTBOUND_TIMEOUT_MS,
			});
		} catch {
			context.logger.warn(
				`Engagement Webhook Trigger: confirming SNS subscription to ${quoteForLog(control.topicArn)} failed`,
			);
			return answer(context, 502, { subscription: 'failed' });
		}
		context.logger.info(
			`Engagement Webhook Trigger: confirmed SNS subscription to ${quoteForLog(control.topicArn)}`,
		);
		return answer(context, 200, { subscription: 'confirmed' });
	}
	context.logger.debug(`Engagement Webhook Trigger: ${provider} ${control.kind} answered`);
	return answer(context, 200, { [control.kind]: 'ok' });
}
