/**
 * "Parameters read once per execution": the number of parameter reads must not grow with the number of items (only
 * expression-mapped fields are evaluated per item). Counted on n8n-core's own parameter resolution.
 */
import { createHarness, loadFixture } from './harness';
import type { Harness } from './harness';

let harness: Harness;
let reads: jest.SpyInstance;

beforeAll(() => {
	harness = createHarness();
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const core = require('n8n-core') as { ExecuteContext: { prototype: object } };
	reads = jest.spyOn(
		core.ExecuteContext.prototype as { _getNodeParameter: () => unknown },
		'_getNodeParameter',
	);
});
afterAll(() => {
	reads.mockRestore();
	harness.close();
});

const fixture = loadFixture('decay-pipeline.workflow.json');

/** Parameter reads per node for a run with the fixture's events repeated `copies` times. */
async function readsPerNode(copies: number): Promise<Record<string, number>> {
	const events = JSON.parse(fixture.nodes[0].parameters.items as string) as unknown[];
	const items = Array.from({ length: copies }, () => events).flat();
	reads.mockClear();
	const result = await harness.run(fixture, {
		parameters: { Events: { items: JSON.stringify(items) } },
	});
	expect(result.error).toBeUndefined();
	const counts: Record<string, number> = {};
	for (const context of reads.mock.contexts as Array<{ node: { name: string } }>) {
		counts[context.node.name] = (counts[context.node.name] ?? 0) + 1;
	}
	return counts;
}

test('Score Contacts, Assign Band and Build Report read their parameters a fixed number of times, whatever the item count', async () => {
	const small = await readsPerNode(1);
	const large = await readsPerNode(20);
	for (const node of [
		'Score Contacts',
		'Route by Band',
		'Changed Only',
		'Band Distribution',
		'Campaign Report',
		'Engagement Rates',
	]) {
		expect([node, large[node]]).toEqual([node, small[node]]);
		expect(small[node]).toBeGreaterThan(0);
	}
});
