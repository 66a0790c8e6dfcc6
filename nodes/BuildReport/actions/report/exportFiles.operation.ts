import get from 'lodash/get';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeProperties,
	IDisplayOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { EngagementInputError } from '../../../../lib/errors';
import type { CampaignKind } from '../../../../lib/events/types';
import {
	campaignSheets,
	exportFiles,
	oneTimeMessageSheets,
	scoreSheets,
	type CampaignDetails,
	type ExportFormat,
	type HtmlReportInput,
	type ScoredContactRow,
	type Table,
} from '../../../../lib/files';
import {
	bandDistribution,
	bandDistributionOverTime,
	buildCampaignReport,
	engagementRates,
	resolvePeriod,
	type CampaignReport,
} from '../../../../lib/reports';
import { calendarDate, toEpochMillis } from '../../../../lib/time';
import { commaSeparated, readTimezone } from '../../../shared/context';
import { MODEL_OPTIONS, timezoneProperty } from '../../../shared/descriptions';
import { errorItem, itemOfLibraryError, pairedWith, toNodeError } from '../../../shared/errors';
import { botRulesProperty, readBotRules } from '../../../shared/botRules';
import { eventInputProperties, readEventInput, type EventInput } from '../../../shared/eventInput';
import { isAccountSummary } from '../../../shared/accountSummary';
import { hintWhenPeriodLeavesOutAll, isoOrNull, periodProperties, readPeriod } from './period';

export const PASSWORD_CREDENTIAL = 'engagementReportPasswordApi';
const MIN_PASSWORD_LENGTH = 8;
const ALL_KINDS: CampaignKind[] = ['broadcast', 'automation', 'transactional'];

type Content = 'campaign' | 'oneTimeMessage' | 'scores';

const show = { operation: ['exportFiles'] };
const fromEvents = { ...show, content: ['campaign', 'oneTimeMessage'] };

/** Limits shared parameters (period, event input) to the event-based contents of this operation. */
function onlyForEvents(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...fromEvents } as IDisplayOptions['show'],
		},
	}));
}

const properties: INodeProperties[] = [
	{
		displayName: 'Files Of',
		name: 'content',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Campaign (Channel Talk Download)',
				value: 'campaign',
				description:
					'Sheets Campaign, CampaignStat, CampaignUser and User from engagement events; each campaign over its whole duration',
			},
			{
				name: 'One-Time Messages (Channel Talk Download)',
				value: 'oneTimeMessage',
				description: 'Sheets OneTimeMsg, OneTimeMsgUser and User from engagement events',
			},
			{
				name: 'Scores',
				value: 'scores',
				description:
					'Sheets Scores, Bands and BandTrend from scored contacts (Score Contacts or Assign Band output)',
			},
		],
		default: 'campaign',
	},
	{
		displayName: 'Formats',
		name: 'formats',
		type: 'multiOptions',
		displayOptions: { show },
		options: [
			{ name: 'CSV (One File per Sheet)', value: 'csv' },
			{ name: 'Excel Workbook (XLSX)', value: 'xlsx' },
			{ name: 'HTML Report With Charts', value: 'html' },
		],
		default: ['xlsx', 'html'],
		description: 'Which files to make',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		displayOptions: { show },
		default: 'engagement-report',
		description:
			'Start of every file name, e.g. engagement-report.xlsx, engagement-report-Campaign.csv, engagement-report.html',
	},
	{
		displayName: 'Protect With Password',
		name: 'protect',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description:
			'Whether to deliver the files inside one AES-256 encrypted ZIP archive whose password is the Engagement Report Password credential',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. Monthly campaign review for the marketing team',
		description:
			'Why the data is exported. Recorded, with the time, the report, the row counts and the execution ID, in the audit record on the second output.',
	},
	{
		displayName: 'Campaign IDs',
		name: 'campaignIds',
		type: 'string',
		displayOptions: { show: fromEvents },
		default: '',
		placeholder: 'e.g. spring-sale, welcome-2024',
		description:
			'Only these campaigns (comma-separated). Empty: every campaign with activity in the period.',
	},
	...onlyForEvents(periodProperties(['exportFiles'])),
	...onlyForEvents(eventInputProperties(show)),
	...onlyForEvents([botRulesProperty(show)]),
	{
		...timezoneProperty,
		displayOptions: { show: { ...show, content: ['scores'] } },
	},
	{
		displayName: 'Contact ID Field',
		name: 'contactIdField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: { show: { ...show, content: ['scores'] } },
		default: 'contactId',
		description:
			'Name of the item field holding the contact (Score Contacts writes it to contactId). Dots reach nested fields.',
	},
	{
		displayName: 'Band Field',
		name: 'bandField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: { show: { ...show, content: ['scores'] } },
		default: 'band',
		description:
			"Name of the item field holding the band (from Score Contacts or Assign Band): after Assign Band, its Band Field option's name",
	},
	{
		displayName: 'Bands Of',
		name: 'model',
		type: 'options',
		displayOptions: { show: { ...show, content: ['scores'] } },
		options: [
			{ name: 'Bands Found in the Items', value: '', description: 'Sorted by name' },
			...MODEL_OPTIONS,
		],
		default: '',
		description: "List every band of this model in the model's order, with 0 for empty bands",
	},
	{
		displayName: 'Scoring Date Field',
		name: 'dateField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: { show: { ...show, content: ['scores'] } },
		default: 'asOf',
		description:
			'Item field with the scoring date; when the items carry several dates, the files show band counts over time',
	},
	{
		displayName: 'Options',
		name: 'fileOptions',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Campaign Detail Fields',
				name: 'campaignDetailFields',
				type: 'fixedCollection',
				default: {},
				description:
					'Item fields with the name, state, creation and update dates of the campaign an event belongs to',
				options: [
					{
						displayName: 'Fields',
						name: 'fields',
						values: [
							{ displayName: 'Name Field', name: 'name', type: 'string', default: 'campaignName' },
							{
								displayName: 'State Field',
								name: 'state',
								type: 'string',
								default: 'campaignState',
							},
							{
								displayName: 'Created At Field',
								name: 'createdAt',
								type: 'string',
								default: 'campaignCreatedAt',
							},
							{
								displayName: 'Updated At Field',
								name: 'updatedAt',
								type: 'string',
								default: 'campaignUpdatedAt',
							},
						],
					},
				],
			},
			{
				displayName: 'CSV Byte Order Mark',
				name: 'bom',
				type: 'boolean',
				default: true,
				description:
					'Whether CSV files start with a UTF-8 byte order mark, so Excel reads accents and other scripts correctly',
			},
			{
				displayName: 'CSV Delimiter',
				name: 'delimiter',
				type: 'options',
				options: [
					{ name: 'Comma', value: ',' },
					{ name: 'Semicolon', value: ';' },
					{ name: 'Tab', value: '\t' },
				],
				default: ',',
				description: 'Semicolon suits Excel in locales that write decimals with a comma',
			},
			{
				displayName: 'Neutralise Formulas',
				name: 'neutraliseFormulas',
				type: 'boolean',
				default: true,
				description:
					'Whether text starting with =, +, -, @, tab or carriage return gets a leading apostrophe so spreadsheets never run it as a formula',
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'Binary field of each output item that holds its file',
			},
			{
				displayName: 'Report Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Heading of the HTML report. Empty: a title from the content and period.',
			},
			{
				displayName: 'User Fields',
				name: 'userFields',
				type: 'string',
				default: '',
				placeholder: 'e.g. name, email, phone',
				description:
					'Item fields copied to the User sheet (comma-separated), taken from the first item of each contact that has them',
			},
		],
	},
];

export const description = properties;

interface FileOptions {
	campaignDetailFields?: { fields?: Partial<Record<keyof CampaignDetails, string>> };
	bom?: boolean;
	delimiter?: ',' | ';' | '\t';
	neutraliseFormulas?: boolean;
	binaryPropertyName?: string;
	title?: string;
	userFields?: string;
}

interface Prepared {
	tables: Table[];
	html: HtmlReportInput;
	/** Input items the files were made from. */
	usedItems: number[];
	errorItems: INodeExecutionData[];
	period?: IDataObject;
	campaignIds?: string[];
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const content = this.getNodeParameter('content', 0) as Content;
	const formats = this.getNodeParameter('formats', 0, []) as ExportFormat[];
	const baseName = (
		(this.getNodeParameter('fileName', 0, '') as string) || 'engagement-report'
	).trim();
	const protect = this.getNodeParameter('protect', 0, false) as boolean;
	const reason = String(this.getNodeParameter('reason', 0, '') ?? '').trim();
	const options = this.getNodeParameter('fileOptions', 0, {}) as FileOptions;
	const binaryProperty = options.binaryPropertyName?.trim() || 'data';

	if (reason === '') {
		throw new NodeOperationError(node, 'A reason is required to export data', {
			description:
				'Say why the data is exported in the Reason parameter; it is recorded in the audit record',
		});
	}
	if (formats.length === 0) {
		throw new NodeOperationError(node, 'Choose at least one format', {
			description: 'Formats: XLSX, CSV or HTML',
		});
	}
	const password = protect ? await readPassword.call(this) : undefined;

	const prepared =
		content === 'scores'
			? prepareScores.call(this, items)
			: await prepareCampaigns.call(this, items, content, options);
	const timezone = (prepared.period?.timezone as string | undefined) ?? readTimezone.call(this);
	const createdAt = Date.now();

	let result: ReturnType<typeof exportFiles>;
	try {
		result = exportFiles({
			baseName,
			formats,
			tables: prepared.tables,
			html: {
				...prepared.html,
				title: options.title?.trim() || prepared.html.title,
				generatedAt: createdAt,
			},
			timezone,
			createdAt,
			neutraliseFormulas: options.neutraliseFormulas !== false,
			csv: { delimiter: options.delimiter, bom: options.bom },
			password,
		});
	} catch (error) {
		throw new NodeOperationError(node, error as Error, { itemIndex: 0 });
	}

	const paired = pairedWith(
		prepared.usedItems.length > 0 ? prepared.usedItems : items.map((_, i) => i),
	);
	const fileItems: INodeExecutionData[] = [];
	for (const file of result.files) {
		const binary = await this.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
		fileItems.push({
			json: {
				fileName: file.fileName,
				mimeType: file.mimeType,
				fileSize: file.data.length,
				protected: password !== undefined,
				...(password !== undefined
					? { contains: result.contents.map((inner) => inner.fileName) }
					: {}),
			},
			binary: { [binaryProperty]: binary },
			pairedItem: paired,
		});
	}

	const workflow = this.getWorkflow();
	const audit: IDataObject = {
		action: 'engagementReport.export',
		at: new Date(createdAt).toISOString(),
		executionId: this.getExecutionId(),
		workflowId: workflow.id ?? null,
		workflowName: workflow.name ?? null,
		node: node.name,
		report: content,
		reason,
		protected: password !== undefined,
		encryption: password !== undefined ? 'AES-256 (WinZip AE-2)' : null,
		formats,
		files: result.files.map((file) => ({ fileName: file.fileName, fileSize: file.data.length })),
		contents: result.contents.map((file) => file.fileName),
		rowCounts: result.rowCounts,
		inputItems: items.length,
		...(prepared.period !== undefined ? { period: prepared.period } : {}),
		...(prepared.campaignIds !== undefined ? { campaignIds: prepared.campaignIds } : {}),
	};
	return [[...fileItems, ...prepared.errorItems], [{ json: audit, pairedItem: paired }]];
}

/** Credential test of the archive password: there is no service to call, so check the rule the node applies. */
export async function reportPasswordCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const password = credential.data?.password;
	return typeof password === 'string' && password.length >= MIN_PASSWORD_LENGTH
		? { status: 'OK', message: 'The password can protect report archives' }
		: { status: 'Error', message: `The password needs at least ${MIN_PASSWORD_LENGTH} characters` };
}

async function readPassword(this: IExecuteFunctions): Promise<string> {
	const credentials = await this.getCredentials(PASSWORD_CREDENTIAL);
	const password = typeof credentials.password === 'string' ? credentials.password : '';
	if (password.length < MIN_PASSWORD_LENGTH) {
		throw new NodeOperationError(
			this.getNode(),
			`The archive password must have at least ${MIN_PASSWORD_LENGTH} characters`,
			{ description: 'Set a longer password in the Engagement Report Password credential' },
		);
	}
	return password;
}

async function prepareCampaigns(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	content: 'campaign' | 'oneTimeMessage',
	options: FileOptions,
): Promise<Prepared> {
	const node = this.getNode();
	const period = readPeriod.call(this);
	const input = await readEventInput.call(this, items, period.timezone);
	const campaignIds = commaSeparated(this.getNodeParameter('campaignIds', 0, '') as string);
	const machineFilter = readBotRules(this.getNodeParameter('botRules', 0, {}) as IDataObject);

	let report: CampaignReport;
	let rates: ReturnType<typeof engagementRates>;
	let bounds: ReturnType<typeof resolvePeriod>;
	try {
		bounds = resolvePeriod(period);
		// "It downloads the entire period data of the campaign at once regardless of the time period setting" (seed 001):
		// the period picks the campaigns, each is exported whole.
		report = onlyCampaigns(
			buildCampaignReport(input.events, {
				...period,
				machineFilter,
				wholeCampaignKinds: ALL_KINDS,
			}),
			campaignIds,
		);
		rates = engagementRates(
			campaignIds.length === 0
				? input.events
				: input.events.filter(
						(event) => event.campaignId === undefined || campaignIds.includes(event.campaignId),
					),
			{ ...period, machineFilter },
		);
	} catch (error) {
		throw toNodeError(node, error as Error, itemOfLibraryError(error, input.itemOfEvent));
	}
	hintWhenPeriodLeavesOutAll.call(this, input.events, bounds, period);

	const source = this.getNodeParameter('eventSource', 0, 'items') as string;
	const fromItems = source === 'items';
	const sheetsInput = {
		report,
		details: fromItems ? campaignDetails(items, input, options) : undefined,
		users: fromItems
			? userProfiles(items, input, commaSeparated(options.userFields ?? ''))
			: undefined,
		userIdField: 'id',
	};
	const tables =
		content === 'campaign' ? campaignSheets(sheetsInput) : oneTimeMessageSheets(sheetsInput);
	const periodInfo: IDataObject = {
		preset: period.period,
		from: isoOrNull(bounds.from, period.timezone),
		to: isoOrNull(bounds.to, period.timezone),
		timezone: period.timezone,
	};
	const label = content === 'campaign' ? 'Campaign report' : 'One-time message report';
	return {
		tables,
		html: {
			title: label,
			subtitle: periodLabel(bounds.from, bounds.to, period.timezone),
			campaignReport: report,
			rates,
		},
		usedItems: [...new Set(input.itemOfEvent)],
		errorItems: input.errorItems,
		period: periodInfo,
		campaignIds:
			campaignIds.length > 0 ? campaignIds : report.campaigns.map((row) => row.campaignId),
	};
}

function prepareScores(this: IExecuteFunctions, items: INodeExecutionData[]): Prepared {
	const node = this.getNode();
	const timezone = readTimezone.call(this);
	const model = (this.getNodeParameter('model', 0, '') as string) || undefined;
	const dateField = (this.getNodeParameter('dateField', 0, 'asOf') as string) || 'asOf';
	const fields: ScoreFields = {
		contactId: (this.getNodeParameter('contactIdField', 0, 'contactId') as string) || 'contactId',
		band: (this.getNodeParameter('bandField', 0, 'band') as string) || 'band',
	};
	const contacts: ScoredContactRow[] = [];
	const byDate = new Map<string, ScoredContactRow[]>();
	const usedItems: number[] = [];
	const errorItems: INodeExecutionData[] = [];
	items.forEach((item, i) => {
		// Score Contacts' account summary (Account Summary: As the Last Item) is no contact: left out, no error.
		if (isAccountSummary(item)) return;
		try {
			const row = scoredContact(item.json, i, fields);
			contacts.push(row);
			const date = scoringDate(get(item.json, dateField), timezone);
			const rows = byDate.get(date) ?? [];
			rows.push(row);
			byDate.set(date, rows);
			usedItems.push(i);
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(node, error as Error, i);
			errorItems.push(errorItem(node, error as Error, i));
		}
	});
	const latest = [...byDate.keys()].sort().pop() ?? '';
	const distribution = bandDistribution(byDate.get(latest) ?? [], { model });
	const trend = byDate.size > 1 ? bandDistributionOverTime(byDate, { model }) : undefined;
	return {
		tables: scoreSheets({ contacts, distribution, trend }),
		html: {
			title: 'Engagement scores',
			subtitle: latest === '' ? undefined : `Scored as of ${latest}`,
			distribution,
			trend,
		},
		usedItems,
		errorItems,
		period: { timezone },
	};
}

/** The item fields Export Files (Scores) reads the contact and its band from. */
interface ScoreFields {
	contactId: string;
	band: string;
}

function scoredContact(json: IDataObject, index: number, fields: ScoreFields): ScoredContactRow {
	const contactId: unknown = get(json, fields.contactId);
	if (typeof contactId !== 'string' || contactId === '') {
		throw new EngagementInputError('is missing', { index, field: fields.contactId });
	}
	const band: unknown = get(json, fields.band);
	if (typeof band !== 'string' || band === '')
		throw new EngagementInputError('is missing or not a text', { index, field: fields.band });
	const score = json.score;
	if (score !== null && score !== undefined && typeof score !== 'number') {
		throw new EngagementInputError('is not a number', { index, field: 'score' });
	}
	return {
		contactId,
		score: score ?? null,
		band,
		explanation: typeof json.explanation === 'string' ? json.explanation : undefined,
		...(json.previousBand !== undefined
			? { previousBand: json.previousBand as string | null }
			: {}),
		...(typeof json.changed === 'boolean' ? { changed: json.changed } : {}),
	};
}

/** A scoring date as a calendar day in the zone, or the value as given when it is not a date. */
function scoringDate(value: unknown, timezone: string): string {
	if (value === undefined || value === null || value === '') return '';
	const millis = toEpochMillis(value as string | number, timezone);
	return Number.isNaN(millis) ? String(value) : calendarDate(millis, timezone);
}

function onlyCampaigns(report: CampaignReport, campaignIds: readonly string[]): CampaignReport {
	if (campaignIds.length === 0) return report;
	const wanted = new Set(campaignIds);
	return {
		campaigns: report.campaigns.filter((row) => wanted.has(row.campaignId)),
		daily: report.daily.filter((row) => wanted.has(row.campaignId)),
		users: report.users.filter((row) => wanted.has(row.campaignId)),
	};
}

/** Campaign name, state and dates from the first event item of each campaign that carries them. */
function campaignDetails(
	items: INodeExecutionData[],
	input: EventInput,
	options: FileOptions,
): Record<string, CampaignDetails> {
	const fields = {
		name: 'campaignName',
		state: 'campaignState',
		createdAt: 'campaignCreatedAt',
		updatedAt: 'campaignUpdatedAt',
		...options.campaignDetailFields?.fields,
	};
	const details: Record<string, CampaignDetails> = {};
	input.events.forEach((event, k) => {
		if (event.campaignId === undefined) return;
		const json = items[input.itemOfEvent[k]]?.json ?? {};
		const campaign = (details[event.campaignId] ??= {});
		for (const key of ['name', 'state', 'createdAt', 'updatedAt'] as const) {
			const value = fields[key] ? get(json, fields[key]) : undefined;
			if (campaign[key] === undefined && (typeof value === 'string' || typeof value === 'number')) {
				(campaign as Record<string, unknown>)[key] =
					key === 'name' || key === 'state' ? String(value) : value;
			}
		}
	});
	return details;
}

/** The User sheet's profile fields, from the first event item of each contact that has each field. */
function userProfiles(
	items: INodeExecutionData[],
	input: EventInput,
	fields: readonly string[],
): Array<Record<string, unknown>> | undefined {
	if (fields.length === 0) return undefined;
	const profiles = new Map<string, Record<string, unknown>>();
	input.events.forEach((event, k) => {
		const json = items[input.itemOfEvent[k]]?.json ?? {};
		const profile = profiles.get(event.contactId) ?? { id: event.contactId };
		for (const field of fields) {
			const value = get(json, field);
			if (profile[field] === undefined && value !== undefined && value !== null && value !== '') {
				profile[field] = value;
			}
		}
		profiles.set(event.contactId, profile);
	});
	return [...profiles.values()];
}

/** "Campaigns with activity from 2024-03-01 to 2024-03-31 …": the period's first and last calendar day. */
function periodLabel(from: number | null, to: number | null, zone: string): string {
	if (from === null && to === null)
		return 'Campaigns with activity at any time, each over its whole duration';
	const first = from === null ? 'the start' : calendarDate(from, zone);
	const last = to === null ? 'now' : calendarDate(to - 1, zone);
	return `Campaigns with activity from ${first} to ${last}, each over its whole duration`;
}
