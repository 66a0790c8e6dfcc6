import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Test-only start node: emits the items given in its `items` parameter (a JSON array of `{ json, binary? }` or plain
 * objects). Binary entries carry base64 `data`, as n8n keeps small files in memory.
 */
export class TestSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Source',
		name: 'testSource',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items (tests only)',
		defaults: { name: 'Test Source' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as unknown[];
		return [
			items.map((entry) => {
				const item = entry as { json?: object; binary?: INodeExecutionData['binary'] };
				const isWrapped = item.json !== undefined || item.binary !== undefined;
				return {
					json: (isWrapped ? (item.json ?? {}) : entry) as INodeExecutionData['json'],
					...(isWrapped && item.binary ? { binary: item.binary } : {}),
					pairedItem: { item: 0 },
				};
			}),
		];
	}
}
