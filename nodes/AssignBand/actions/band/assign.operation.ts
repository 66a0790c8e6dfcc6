import get from 'lodash/get';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { prepareBanding, storedBand, withChange } from '../../../../lib/bands';
import { EngagementInputError } from '../../../../lib/errors';
import type { BandableRow, BandMethod, PreparedBanding } from '../../../../lib/bands';
import { isAccountSummary } from '../../../shared/accountSummary';
import { MODEL_OPTIONS } from '../../../shared/descriptions';
import { errorItem, toNodeError } from '../../../shared/errors';

const show = { operation: ['assign'] };
const when = (extra: Record<string, string[]>) => ({ show: { ...show, ...extra } });

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: "Use the Model's Band",
				value: 'model',
				description: 'Keep the band Score Contacts gave each contact (route or flag changes by it)',
			},
			{
				name: 'Relative to Average',
				value: 'relativeToAverage',
				description:
					'Low below a multiple of the average score, High above another, Medium between (Ometria style)',
			},
			{
				name: 'Fixed Thresholds',
				value: 'thresholds',
				description: 'Named score ranges you define, e.g. Cold 0–0.2, Warm 0.2–0.6, Hot 0.6 and up',
			},
			{
				name: 'Quantiles (Top X %)',
				value: 'quantiles',
				description: 'By rank: e.g. the top 10 % are VIP, the next 40 % Regular, the rest Low',
			},
		],
		default: 'model',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		noDataExpression: true,
		displayOptions: when({ method: ['model'] }),
		options: MODEL_OPTIONS,
		default: 'decay',
		description:
			'The model that scored the items: its bands name the outputs and unknown bands are reported',
	},
	{
		displayName: 'Score Field',
		name: 'scoreField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: when({ method: ['relativeToAverage', 'thresholds', 'quantiles'] }),
		default: 'score',
		description: 'Name of the item field holding the score (a number, or empty for no score)',
	},
	{
		displayName: 'Low Band Below × Average',
		name: 'lowMultiplier',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		displayOptions: when({ method: ['relativeToAverage'] }),
		default: 0.5,
		description: 'Scores below this multiple of the average are Low',
	},
	{
		displayName: 'High Band Above × Average',
		name: 'highMultiplier',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		displayOptions: when({ method: ['relativeToAverage'] }),
		default: 1.5,
		description:
			'Scores above this multiple of the average are High; the edges themselves are Medium',
	},
	{
		displayName: 'Average From',
		name: 'averageFrom',
		type: 'options',
		displayOptions: when({ method: ['relativeToAverage'] }),
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description: 'Mean score of the items (those with a score)',
			},
			{
				name: 'Fixed Value',
				value: 'value',
				description: "E.g. the account average from Score Contacts' summary.",
			},
		],
		default: 'items',
	},
	{
		displayName: 'Average',
		name: 'average',
		type: 'number',
		typeOptions: { numberPrecision: 4 },
		displayOptions: when({ method: ['relativeToAverage'], averageFrom: ['value'] }),
		default: 0,
		required: true,
		description:
			"The account average, e.g. an expression reading averageScore from the first item of Score Contacts' second output, its account summary (first(1), not last(): see the docs). An empty value is an error, and so is 0 while some item scores above 0.",
	},
	{
		displayName: 'Band Names',
		name: 'labels',
		type: 'collection',
		placeholder: 'Rename Band',
		displayOptions: when({ method: ['relativeToAverage'] }),
		default: {},
		options: [
			{ displayName: 'High', name: 'high', type: 'string', default: 'High' },
			{ displayName: 'Low', name: 'low', type: 'string', default: 'Low' },
			{ displayName: 'Medium', name: 'medium', type: 'string', default: 'Medium' },
			{
				displayName: 'No Score',
				name: 'null',
				type: 'string',
				default: 'Null',
				description: 'Band of items without a score',
			},
			{
				displayName: 'Zero Score',
				name: 'zero',
				type: 'string',
				default: 'No engagement',
				description: 'Band of items whose score is 0',
			},
		],
	},
	{
		displayName: 'Bands',
		name: 'thresholdBands',
		type: 'fixedCollection',
		placeholder: 'Add Band',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: when({ method: ['thresholds'] }),
		default: {},
		description:
			'Score ranges: Min is included, Max is not (except for the highest band). Leave Min or Max empty for an open end.',
		options: [
			{
				displayName: 'Band',
				name: 'bands',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Hot',
					},
					{
						displayName: 'Min',
						name: 'min',
						type: 'string',
						default: '',
						placeholder: 'e.g. 0.6 (empty: no lower limit)',
					},
					{
						displayName: 'Max',
						name: 'max',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1 (empty: no upper limit)',
					},
				],
			},
		],
	},
	{
		displayName: 'Bands',
		name: 'quantileBands',
		type: 'fixedCollection',
		placeholder: 'Add Band',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: when({ method: ['quantiles'] }),
		default: {},
		description:
			'From the top score down: the first band takes the top X %, the next band the following Y %, and so on',
		options: [
			{
				displayName: 'Band',
				name: 'bands',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. VIP',
					},
					{
						displayName: 'Top %',
						name: 'topPercent',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
						default: 10,
					},
				],
			},
		],
	},
	{
		displayName: 'Other Scores Band',
		name: 'fallbackBand',
		type: 'string',
		displayOptions: when({ method: ['thresholds', 'quantiles'] }),
		default: '',
		placeholder: 'e.g. Other',
		description:
			'Band for scores no range covers (thresholds) or below the last slice (quantiles). Empty: such a score is an error.',
	},
	{
		displayName: 'No Score Band',
		name: 'nullBand',
		type: 'string',
		displayOptions: when({ method: ['thresholds', 'quantiles'] }),
		default: 'Null',
		description: 'Band for items without a score',
	},
	{
		displayName: 'Model Band Field',
		name: 'modelBandField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: when({ method: ['model'] }),
		default: 'band',
		description: 'Name of the item field holding the band Score Contacts assigned',
	},
	{
		displayName: 'Previous Band',
		name: 'previousBandField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: { show },
		default: 'previousBand',
		description:
			'Name of the item field holding the band stored last time (e.g. the CRM property), or an expression giving it. Sets "changed" on each item; empty or missing means first assignment (changed).',
	},
	{
		displayName: 'Routing',
		name: 'routing',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Single Output',
				value: 'singleOutput',
				description: 'All items on one output, each with its band in a field',
			},
			{
				name: 'One Output per Band',
				value: 'outputPerBand',
				description:
					"An output named after each band, so each band can go its own way. With Continue On Fail choose 'Continue (using error output)': under 'Continue' error items would go down the first band's output.",
			},
		],
		default: 'singleOutput',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Band Field',
				name: 'bandField',
				type: 'string',
				default: 'band',
				description: 'Name of the output field the band is written to',
			},
			{
				displayName: 'Only Band Names or IDs',
				name: 'onlyBands',
				type: 'multiOptions',
				typeOptions: {
					loadOptionsMethod: 'getBandNames',
					loadOptionsDependsOn: [
						'method',
						'model',
						'labels',
						'thresholdBands',
						'quantileBands',
						'fallbackBand',
						'nullBand',
					],
				},
				default: [],
				description:
					'Output only items in these bands (e.g. just Low and No engagement for a win-back flow). Empty: all bands. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Move Re-Engaged Contacts to Low',
				name: 'reengagedToLow',
				type: 'boolean',
				default: true,
				displayOptions: { show: { '/method': ['relativeToAverage', 'model'] } },
				description:
					'Whether a contact whose previous band was No engagement and who now scores Medium or High goes to Low for this run, as Ometria does ("unengaged contacts that start engaging are transferred to the low engagement band"). Needs the Previous Band; with Use the Model\'s Band it applies to the decay model.',
			},
			{
				displayName: 'Only Changed Contacts',
				name: 'onlyChanged',
				type: 'boolean',
				default: false,
				description:
					'Whether to output only items whose band differs from the previous band (or had none), e.g. to write back to a CRM only what changed',
			},
		],
	},
];

export const description = properties;

function readNumber(text: unknown, field: string): number | undefined {
	if (text === undefined || text === null || text === '') return undefined;
	const value = typeof text === 'number' ? text : Number(String(text).trim());
	if (!Number.isFinite(value)) {
		throw new EngagementInputError(`must be a number or empty (got ${JSON.stringify(text)})`, {
			field,
		});
	}
	return value;
}

/** A fixed average: a number; empty (an expression that found nothing, e.g. the wrong output) is an error. */
function readAverage(value: unknown): number {
	const average = readNumber(value, 'Average');
	if (average === undefined) {
		throw new EngagementInputError(
			"is empty: give the account average, e.g. {{ $('Score Contacts').first(1).json.averageScore }} (the summary on Score Contacts' second output)",
			{ field: 'Average' },
		);
	}
	return average;
}

/** The band method from the parameters, read once. */
function readMethod(this: IExecuteFunctions): BandMethod {
	const method = this.getNodeParameter('method', 0) as BandMethod['method'];
	switch (method) {
		case 'model':
			return {
				method,
				model: this.getNodeParameter('model', 0) as string,
				reengagedToLow: this.getNodeParameter('options.reengagedToLow', 0, true) as boolean,
			};
		case 'relativeToAverage': {
			const fixed = this.getNodeParameter('averageFrom', 0) === 'value';
			return {
				method,
				lowMultiplier: this.getNodeParameter('lowMultiplier', 0) as number,
				highMultiplier: this.getNodeParameter('highMultiplier', 0) as number,
				average: fixed ? readAverage(this.getNodeParameter('average', 0, null)) : undefined,
				labels: this.getNodeParameter('labels', 0, {}) as IDataObject as Record<string, string>,
				reengagedToLow: this.getNodeParameter('options.reengagedToLow', 0, true) as boolean,
			};
		}
		case 'thresholds': {
			const bands = this.getNodeParameter('thresholdBands.bands', 0, []) as IDataObject[];
			return {
				method,
				bands: bands.map((band, index) => ({
					name: String(band.name ?? ''),
					min: readNumber(band.min, `Bands[${index + 1}].Min`),
					max: readNumber(band.max, `Bands[${index + 1}].Max`),
				})),
				fallback: (this.getNodeParameter('fallbackBand', 0, '') as string) || undefined,
				nullBand: (this.getNodeParameter('nullBand', 0, '') as string) || undefined,
			};
		}
		case 'quantiles': {
			const bands = this.getNodeParameter('quantileBands.bands', 0, []) as IDataObject[];
			return {
				method,
				bands: bands.map((band) => ({
					name: String(band.name ?? ''),
					topPercent: Number(band.topPercent),
				})),
				fallback: (this.getNodeParameter('fallbackBand', 0, '') as string) || undefined,
				nullBand: (this.getNodeParameter('nullBand', 0, '') as string) || undefined,
			};
		}
		default:
			throw new NodeOperationError(this.getNode(), `Unknown method "${String(method)}"`);
	}
}

/** How errors name a field parameter: its path, or "<Display Name> (expression)" when it is an expression. */
function fieldLabel(
	this: IExecuteFunctions,
	parameter: string,
	displayName: string,
	fallbackPath: string,
): string {
	const raw = this.getNode().parameters[parameter];
	if (typeof raw === 'string' && raw.startsWith('=')) return `${displayName} (expression)`;
	return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : fallbackPath;
}

/** Reads a field path once, or evaluates the parameter per item when it holds an expression. */
function fieldReader(
	this: IExecuteFunctions,
	parameter: string,
	fallbackPath: string,
): (item: INodeExecutionData, index: number) => unknown {
	const raw = this.getNode().parameters[parameter];
	if (typeof raw === 'string' && raw.startsWith('=')) {
		return (_item, index) => this.getNodeParameter(parameter, index);
	}
	const path = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : fallbackPath;
	return (item) => get(item.json, path);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	let method: BandMethod;
	try {
		method = readMethod.call(this);
	} catch (error) {
		throw toNodeError(node, error as Error, 0);
	}
	const routing = this.getNodeParameter('routing', 0) as 'singleOutput' | 'outputPerBand';
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const bandField = (options.bandField as string) || 'band';
	const onlyChanged = options.onlyChanged === true;
	const onlyBands = new Set((options.onlyBands as string[] | undefined) ?? []);
	const scoreOf = fieldReader.call(this, 'scoreField', 'score');
	const modelBandOf = fieldReader.call(this, 'modelBandField', 'band');
	const previousBandOf = fieldReader.call(this, 'previousBandField', 'previousBand');
	const scoreField =
		method.method === 'model'
			? fieldLabel.call(this, 'modelBandField', 'Model Band Field', 'band')
			: fieldLabel.call(this, 'scoreField', 'Score Field', 'score');

	// Rows first (bad ones go to the error output), so population methods see only the good ones.
	const rows: BandableRow[] = [];
	const rowItems: number[] = [];
	const errorItems: INodeExecutionData[] = [];
	const fail = (error: Error, itemIndex: number) => {
		if (!this.continueOnFail()) throw toNodeError(node, error, itemIndex);
		errorItems.push(errorItem(node, error, itemIndex));
	};
	for (let i = 0; i < items.length; i++) {
		if (isAccountSummary(items[i])) continue;
		try {
			const row: BandableRow = {
				score: null,
				previousBand: storedBand(previousBandOf(items[i], i)),
			};
			if (method.method === 'model') {
				const band = modelBandOf(items[i], i);
				if (typeof band !== 'string' || band === '') {
					throw new EngagementInputError('is missing; expected the band from Score Contacts', {
						index: i,
						field: scoreField,
					});
				}
				row.band = band;
			} else {
				const score = scoreOf(items[i], i);
				const number = score === '' || score === null || score === undefined ? null : Number(score);
				if (number !== null && (typeof score === 'boolean' || !Number.isFinite(number))) {
					throw new EngagementInputError(
						`must be a number or empty (got ${JSON.stringify(score)})`,
						{
							index: i,
							field: scoreField,
						},
					);
				}
				row.score = number;
			}
			rows.push(row);
			rowItems.push(i);
		} catch (error) {
			fail(error as Error, i);
		}
	}

	let banding: PreparedBanding;
	try {
		if (method.method === 'relativeToAverage' && method.average === 0) {
			const scored = rows.findIndex((row) => row.score !== null && row.score > 0);
			if (scored >= 0) {
				throw new EngagementInputError(
					`is 0 while item ${rowItems[scored]} scores ${rows[scored].score}: every score above 0 would be High. Give the account average, e.g. {{ $('Score Contacts').first(1).json.averageScore }}`,
					{ field: 'Average' },
				);
			}
		}
		banding = prepareBanding(method, rows);
	} catch (error) {
		throw toNodeError(node, error as Error, 0);
	}
	// The library's labels are the ones the outputs expression names (test/nodes checks they agree).
	const outputNames = routing === 'outputPerBand' ? banding.labels : [];
	const outputs: INodeExecutionData[][] =
		routing === 'outputPerBand' ? outputNames.map(() => []) : [[]];

	rows.forEach((row, r) => {
		const itemIndex = rowItems[r];
		try {
			const { band, previousBand, changed } = withChange(banding.bandOf(row, r), row);
			if (onlyChanged && !changed) return;
			if (onlyBands.size > 0 && !onlyBands.has(band)) return;
			const output = routing === 'outputPerBand' ? outputNames.indexOf(band) : 0;
			if (output === -1) {
				throw new EngagementInputError(
					`band "${band}" has no output; the outputs are ${outputNames.join(', ')}`,
					{ index: itemIndex, field: scoreField },
				);
			}
			outputs[output].push({
				json: {
					...items[itemIndex].json,
					[bandField]: band,
					previousBand,
					changed,
				},
				pairedItem: { item: itemIndex },
			});
		} catch (error) {
			fail(error as Error, itemIndex);
		}
	});
	outputs[0].push(...errorItems);
	return outputs;
}
