import type { INodeExecutionData } from 'n8n-workflow';

/**
 * Score Contacts' account summary item (Options › Account Summary: As the Last Item), marked `accountSummary: true`:
 * the operations that take scored contacts leave it out instead of reading it as a contact without a band.
 */
export function isAccountSummary(item: INodeExecutionData): boolean {
	return item.json.accountSummary === true;
}
