import get from 'lodash/get';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { bandDistribution, bandDistributionOverTime } from '../../../../lib/reports';
import { EngagementInputError } from '../../../../lib/errors';
import { MODEL_OPTIONS } from '../../../shared/descriptions';
import { errorItem, pairedWith, toNodeError } from '../../../shared/errors';
import { isAccountSummary } from '../../../shared/accountSummary';

const show = { operation: ['bandDistribution'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Band Field',
		name: 'bandField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: { show },
		default: 'band',
		description: 'Name of the item field holding the band (from Score Contacts or Assign Band)',
	},
	{
		displayName: 'Bands Of',
		name: 'model',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Bands Found in the Items', value: '', description: 'Sorted by name' },
			...MODEL_OPTIONS,
		],
		default: '',
		description:
			"List every band of this model in the model's order, with 0 for empty bands (bands found in the items but not in the model are added after)",
	},
	{
		displayName: 'Over Time',
		name: 'overTime',
		type: 'boolean',
		displayOptions: { show },
		default: true,
		description:
			'Whether to count per scoring date when the items carry several (e.g. the same events scored at successive As Of dates)',
	},
	{
		displayName: 'Scoring Date Field',
		name: 'dateField',
		type: 'string',
		requiresDataPath: 'single',
		displayOptions: { show: { ...show, overTime: [true] } },
		default: 'asOf',
		description:
			'Name of the item field holding the scoring date (Score Contacts writes it to asOf)',
	},
];

export const description = properties;

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const bandField = (this.getNodeParameter('bandField', 0) as string) || 'band';
	const model = (this.getNodeParameter('model', 0, '') as string) || undefined;
	const overTime = this.getNodeParameter('overTime', 0, true) as boolean;
	const dateField = (this.getNodeParameter('dateField', 0, 'asOf') as string) || 'asOf';

	const rowsByDate = new Map<string, Array<{ band: string }>>();
	const itemsByKey = new Map<string, number[]>();
	const itemsByDate = new Map<string, number[]>();
	const errorItems: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		// Score Contacts' account summary (Account Summary: As the Last Item) is no contact: not counted, no error.
		if (isAccountSummary(items[i])) continue;
		try {
			const band = get(items[i].json, bandField);
			if (typeof band !== 'string' || band === '') {
				throw new EngagementInputError('is missing or not a text', { index: i, field: bandField });
			}
			const dateValue = overTime ? get(items[i].json, dateField) : undefined;
			const date = dateValue === undefined || dateValue === null ? '' : String(dateValue);
			addTo(rowsByDate, date, { band });
			addTo(itemsByKey, `${date}\u0000${band}`, i);
			addTo(itemsByDate, date, i);
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(node, error as Error, i);
			errorItems.push(errorItem(node, error as Error, i));
		}
	}

	// A band nobody is in at a date pairs with every item counted at that date (not with other dates' items), so every
	// row has paired items.
	const paired = (date: string, band: string) =>
		pairedWith(itemsByKey.get(`${date}\u0000${band}`) ?? itemsByDate.get(date) ?? []);
	let rows: INodeExecutionData[];
	if (rowsByDate.size > 1) {
		rows = bandDistributionOverTime(rowsByDate, { model }).map((row) => ({
			json: { ...row } as IDataObject,
			pairedItem: paired(row.date, row.band),
		}));
	} else {
		const [date, bandRows] = [...rowsByDate.entries()][0] ?? ['', []];
		rows = bandDistribution(bandRows, { model }).map((row) => ({
			json: (date === '' ? { ...row } : { date, ...row }) as IDataObject,
			pairedItem: paired(date, row.band),
		}));
	}
	return [[...rows, ...errorItems]];
}

/** Appends `value` to the list kept under `key`. */
function addTo<T>(lists: Map<string, T[]>, key: string, value: T): void {
	const list = lists.get(key);
	if (list === undefined) lists.set(key, [value]);
	else list.push(value);
}
