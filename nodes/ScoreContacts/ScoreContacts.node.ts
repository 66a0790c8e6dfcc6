import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as contact from './actions/contact/Contact.resource';

import { outputsExpression } from './actions/contact/outputs';
import { router } from './actions/router';

export class ScoreContacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Score Contacts',
		name: 'scoreContacts',
		icon: { light: 'file:scoreContacts.svg', dark: 'file:scoreContacts.dark.svg' },
		group: ['transform'],
		// 2: Keep Contact Fields reads a file's own columns (version 1: the JSON of the item that carried the file)
		version: [1, 2],
		defaultVersion: 2,
		// per operation: the model scored with, the sunset preset (and, for model bands, its model), or the merge
		subtitle:
			'={{ $parameter["operation"] === "sunset" ? "sunset: " + ($parameter["preset"] === "bands" ? $parameter["sunsetModel"] + " bands" : $parameter["preset"]) : $parameter["operation"] === "mergeStatistics" ? "merge statistics" : "model: " + $parameter["model"] }}',
		description:
			'Score contacts from engagement events (decay, click share, recency, lifecycle) and put each in a band',
		defaults: { name: 'Score Contacts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression,
		properties: [...contact.description],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
