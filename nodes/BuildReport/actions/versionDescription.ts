import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as report from './report/Report.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Build Report',
	name: 'buildReport',
	icon: { light: 'file:buildReport.svg', dark: 'file:buildReport.dark.svg' },
	group: ['transform'],
	version: [1],
	subtitle: '={{ $parameter["operation"] }}',
	description: 'Campaign analytics, engagement rates and band distribution from engagement events or scored contacts',
	defaults: { name: 'Build Report' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [...report.description],
};
