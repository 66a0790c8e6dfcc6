/** @type {import('jest').Config} */
// Type-checking is tsc's job (npm run typecheck: lib, nodes, credentials, test); jest transpiles each file on its own
// (isolatedModules, tsconfig.test.json).
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false }];

module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/lib/**/*.test.ts'],
		},
		{
			displayName: 'nodes',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/nodes/**/*.test.ts'],
		},
		{
			displayName: 'db',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/db/**/*.test.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
		},
	],
};
