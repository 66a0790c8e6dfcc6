import type { INodeExecutionData } from 'n8n-workflow';

/**
 * Score Contacts' account summary item (Options › Account Summary: As the Last Item), marked `accountSummary: true`:
 * the nodes that take scored contacts (Assign Band, Build Report's Band Distribution and Export Files) leave it out
 * instead of reading it as a contact without a band.
 */
export function isAccountSummary(item: INodeExecutionData): boolean {
	return item.json.accountSummary === true;
}
