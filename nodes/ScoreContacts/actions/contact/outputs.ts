/**
 * Outputs follow the Account Summary option: a second "Account" output when asked for. n8n evaluates this as an
 * expression, so the function must be self-contained.
 */
const configuredOutputs = (parameters: { options?: { accountSummary?: string } }) =>
	parameters.options && parameters.options.accountSummary === 'secondOutput'
		? [
				{ type: 'main', displayName: 'Contacts' },
				{ type: 'main', displayName: 'Account' },
			]
		: [{ type: 'main' }];

export const outputsExpression: `={{${string}}}` = `={{(${configuredOutputs})($parameter)}}`;
