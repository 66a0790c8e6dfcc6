import { config } from '@n8n/node-cli/eslint';

/**
 * The tests are linted too, with the TypeScript and JavaScript rules of the shipped code. n8n's community-node rules
 * (no Node built-ins, no dependencies, no secrets, node description checks) are about the code n8n loads, so they are
 * off there: tests read files, start processes and carry providers' published test secrets.
 */
const communityNodeRules = Object.keys(
	Object.assign({}, ...config.map((block) => block.rules ?? {})),
).filter((rule) => rule.startsWith('@n8n/community-nodes/'));

export default [
	...config,
	{
		files: ['test/**/*.ts'],
		rules: {
			...Object.fromEntries(communityNodeRules.map((rule) => [rule, 'off'])),
			// `const { dropped: _dropped, ...kept } = row` and `({ tracked, ...event }) => event` leave a field out
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
];
