import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	checkOptionNames,
	columnsRefusal,
	LatestContactFields,
	scoreContacts,
	scoreEventColumns,
} from '../../../../lib/index';
import { partialStatistics } from '../../../../lib/partition/partialStatistics';
import type { AnyScoreResult } from '../../../../lib/models/types';
import { commaSeparated, readAsOf, readJsonObject, readTimezone } from '../../../shared/context';
import { MODEL_OPTIONS, timezoneProperty } from '../../../shared/descriptions';
import { itemOfLibraryError, pairedWith, toNodeError } from '../../../shared/errors';
import {
	eventInputProperties,
	readEventFileColumns,
	readEventInput,
	validItems,
} from '../../../shared/eventInput';
import type { EventInput } from '../../../shared/eventInput';
import { botRulesProperty, readBotRules } from '../../../shared/botRules';
import { inPanelTerms, modelParameterProperties, readModelParameters } from './modelParameters';
import {
	contactItems,
	fieldsOf,
	keptFieldsOf,
	keptFileFieldsOf,
	pairingOf,
	singleItemPairing,
} from './outputs';
import type { Pairing } from './outputs';
import { partitionedAsOf, partitionedRunOptions, readAccountStatisticsOption } from './partitioned';

const show = { operation: ['score'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: MODEL_OPTIONS,
		default: 'decay',
		description: 'How contacts are scored and which bands they fall into',
	},
	...modelParameterProperties(show),
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'dateTime',
		displayOptions: { show },
		default: '',
		description:
			'The moment the scores describe: ages, windows and "days ago" are counted back from here. Leave empty for now. Set a past date to score history (e.g. to compare bands over time).',
	},
	{ ...timezoneProperty, displayOptions: { show } },
	...eventInputProperties(show, { factRows: true }),
	botRulesProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Account Summary',
				name: 'accountSummary',
				type: 'options',
				options: [
					{ name: 'None', value: 'none', description: 'Only the contact items' },
					{
						name: 'On a Second Output',
						value: 'secondOutput',
						description:
							'One item with the account figures on an extra "Account" output; the main output holds only contacts',
					},
					{
						name: 'As the Last Item',
						value: 'lastItem',
						description:
							'One extra item after the contacts, marked accountSummary: true. Assign Band and Build Report leave it out; other nodes (a CRM write-back) would read it as a contact: prefer On a Second Output, or filter it out first.',
					},
				],
				default: 'none',
				description:
					'Account-level figures: average score, total campaigns, thresholds the model derived from your data. The summary item carries accountSummary: true, so it can be told from the contacts.',
			},
			{
				displayName: 'Additional Model Parameters',
				name: 'modelParameters',
				type: 'json',
				default: '{}',
				description:
					'Further parameters passed to the model as JSON, e.g. <code>{"untrackedCampaigns": ["c9"]}</code> for campaigns sent without open tracking. They override the fields above.',
			},
			{
				displayName: 'Exclude Machine Events',
				name: 'excludeMachine',
				type: 'boolean',
				default: true,
				description:
					'Whether to ignore opens and clicks flagged as machine-generated (Apple Mail Privacy Protection, link scanners)',
			},
			{
				displayName: 'Include Evidence',
				name: 'includeEvidence',
				type: 'boolean',
				default: false,
				description:
					'Whether to list in details.evidence the events each score used and those filtered out, with the reason (duplicate, after As Of, machine rule), the 20 most recent of each',
			},
			{
				displayName: 'Include Explanations',
				name: 'includeExplanations',
				type: 'boolean',
				default: true,
				description:
					'Whether each contact item carries the explanation line and the details (counts, dates, rule). Turn off when only contactId, score and band are needed (a write-back at 100 k contacts): the items are several times lighter to hold and to store in the execution log, and the model skips building them.',
			},
			{
				displayName: 'Include Raw Figures',
				name: 'includeRawFigures',
				type: 'boolean',
				default: false,
				description:
					'Whether to add details.raw (score, band, opens, clicks without machine filtering) next to details.filtered, and filtered events per reason to the account figures',
			},
			{
				displayName: 'Keep Contact Fields',
				name: 'keepContactFields',
				type: 'string',
				default: '',
				placeholder: 'e.g. email, crmId',
				description:
					"Comma-separated fields copied to each contact's result from its latest input event item, so the result can be written back (e.g. to a CRM). With a CSV or NDJSON file (node version 2) they come from the contact's latest row (CSV columns, NDJSON fields; dots reach nested ones), and a field the file has nowhere from the item that carried the file; in version 1, all from that item. With fact rows, from the contact's first row item.",
			},
			{
				displayName: 'Machine-Only Opens Are Unknown',
				name: 'machineOpensAsUnknown',
				type: 'boolean',
				default: false,
				description:
					'Whether a send answered only by machine opens (Apple Mail Privacy Protection) counts as unmeasured rather than unopened: left out of rates, and a contact with only such sends gets no score',
			},
			...partitionedRunOptions,
		],
	},
];

export const description = properties;

type AccountSummary = 'none' | 'secondOutput' | 'lastItem';

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const model = this.getNodeParameter('model', 0) as string;
	const timezone = readTimezone.call(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const output = String(options.output ?? 'contacts');
	const accountStatistics = readAccountStatisticsOption.call(this, options.accountStatistics);
	const statisticsAsOf = partitionedAsOf.call(this, output, accountStatistics);
	const asOf =
		statisticsAsOf === undefined ? readAsOf.call(this, timezone) : Date.parse(statisticsAsOf);
	const accountSummary = (options.accountSummary ?? 'none') as AccountSummary;
	const keepFields = commaSeparated(String(options.keepContactFields ?? ''));
	const modelParameters = {
		...readModelParameters(model, (name) => this.getNodeParameter(name, 0)),
		...readJsonObject.call(this, options.modelParameters, 'Additional Model Parameters'),
	};

	const botRules = readBotRules(this.getNodeParameter('botRules', 0, {}) as IDataObject);
	// Evidence and raw figures go into contact items' details: a conflict only where contact items are output.
	if (options.includeExplanations === false && output === 'contacts') {
		const detailOption = [
			['includeEvidence', 'Include Evidence'],
			['includeRawFigures', 'Include Raw Figures'],
		].find(([name]) => options[name] === true);
		if (detailOption !== undefined) {
			throw new NodeOperationError(
				node,
				`${detailOption[1]} adds to each contact's details, which Include Explanations off leaves out`,
				{ description: `Turn Include Explanations on, or ${detailOption[1]} off` },
			);
		}
	}

	const scoreOptions = {
		...modelParameters,
		model,
		asOf,
		timezone,
		excludeMachine: options.excludeMachine !== false,
		...(options.includeEvidence === true ? { includeEvidence: true } : {}),
		...(options.includeRawFigures === true ? { includeRawFigures: true } : {}),
		...(options.includeExplanations === false ? { explain: false } : {}),
		...(options.machineOpensAsUnknown === true ? { machineOpensAsUnknown: true } : {}),
		...(botRules === undefined
			? {}
			: { machineFilter: { ...(modelParameters.machineFilter as IDataObject), ...botRules } }),
		accountStatistics,
	};
	// Only Additional Model Parameters can name an unknown parameter: say so before any input is read.
	try {
		checkOptionNames(model, scoreOptions);
	} catch (error) {
		throw new NodeOperationError(node, `Additional Model Parameters: ${(error as Error).message}`);
	}
	const source = this.getNodeParameter('eventSource', 0, 'items') as string;
	// Version 1 took a file's kept fields from the item that carried it; version 2 reads the file's rows (only for
	// contact items: partial statistics keep no fields).
	const fileFields =
		source === 'binaryFile' &&
		keepFields.length > 0 &&
		node.typeVersion >= 2 &&
		output === 'contacts'
			? new LatestContactFields(keepFields)
			: undefined;
	let input: EventInput;
	if (
		source === 'binaryFile' &&
		items.length === 1 &&
		output === 'contacts' &&
		columnsRefusal(scoreOptions) === undefined
	) {
		// One file, a columnar model, no option that needs event objects: the file goes straight into event columns,
		// with no object per event (docs/scale.md, "CSV and NDJSON straight into columns").
		const file = await readEventFileColumns.call(
			this,
			timezone,
			scoreOptions.excludeMachine,
			fileFields,
		);
		if (file.columns !== undefined) {
			let fileResult: AnyScoreResult;
			try {
				fileResult = scoreEventColumns(file.columns, scoreOptions);
			} catch (error) {
				throw toNodeError(node, inPanelTerms(error) as Error, 0);
			}
			const pairing = singleItemPairing(file.columns.eventsRead > 0);
			// version 1: every contact's latest input item is the one item
			const kept = fileFields
				? keptFileFieldsOf(fileFields, items)
				: keepFields.length === 0
					? undefined
					: () => fieldsOf(items[0], keepFields);
			return outputItems(fileResult, { model, asOf, timezone, accountSummary, pairing, kept }, []);
		}
		// the file failed under Continue On Fail: nothing to score, as on the object path
		input = { events: [], itemOfEvent: [], errorItems: file.errorItems };
	} else input = await readEventInput.call(this, items, timezone, fileFields);
	let result: AnyScoreResult;
	try {
		if (output === 'partialStatistics') {
			const statistics = partialStatistics(input.events, scoreOptions);
			const statisticsItem: INodeExecutionData = {
				json: { statistics: statistics as unknown as IDataObject },
				pairedItem: pairedWith(validItems(input)),
			};
			return [[statisticsItem, ...input.errorItems]];
		}
		result = scoreContacts(input.events, scoreOptions);
	} catch (error) {
		throw toNodeError(
			node,
			inPanelTerms(error) as Error,
			itemOfLibraryError(error, input.itemOfEvent),
		);
	}

	return outputItems(
		result,
		{
			model,
			asOf,
			timezone,
			accountSummary,
			pairing: pairingOf(input, items.length),
			kept: fileFields
				? keptFileFieldsOf(fileFields, items)
				: keptFieldsOf(input, items, keepFields),
		},
		input.errorItems,
	);
}

/** The contact items, the account summary where asked, and the error items. */
function outputItems(
	result: AnyScoreResult,
	{
		model,
		asOf,
		timezone,
		accountSummary,
		pairing,
		kept,
	}: {
		model: string;
		asOf: number;
		timezone: string;
		accountSummary: AccountSummary;
		pairing: Pairing;
		kept?: (contactId: string) => IDataObject;
	},
	errorItems: INodeExecutionData[],
): INodeExecutionData[][] {
	const asOfIso = DateTime.fromMillis(asOf, { zone: timezone }).toISO();
	const contacts = contactItems(result.contacts, { model, asOf: asOfIso, kept, pairing });
	const summary = (): INodeExecutionData => {
		const json: IDataObject = {
			accountSummary: true,
			model,
			asOf: asOfIso,
			contacts: contacts.length,
			...(result.account as IDataObject),
		};
		// The library's asOf is UTC: the summary states it in the time zone, as every contact item does.
		json.asOf = asOfIso;
		json.accountSummary = true;
		return { json, pairedItem: pairing.all() };
	};
	if (accountSummary === 'secondOutput') return [[...contacts, ...errorItems], [summary()]];
	if (accountSummary === 'lastItem') return [[...contacts, summary(), ...errorItems]];
	return [[...contacts, ...errorItems]];
}
