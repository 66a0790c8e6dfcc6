import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** Test-only downstream node: passes its input through, so the run data shows what the trigger delivered. */
export class CollectNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Collect',
		name: 'collect',
		group: ['transform'],
		version: 1,
		description: 'Passes items through (tests only)',
		defaults: { name: 'Collect' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
