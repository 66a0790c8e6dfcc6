/**
 * Partitioned scoring through n8n's engine (issue 8 item 3): Score Contacts with Output "Partial Statistics" on each
 * partition, the Merge Statistics operation, then Score Contacts on each partition with the merged Account Statistics
 * — every contact item equals the one a single Score Contacts run over all events outputs.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { partitionOfContact } from '../../lib/partition';
import { createHarness, sourceThenNode } from './harness';
import type { Harness } from './harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateDataset } = require('../../scripts/data/generator') as {
	generateDataset(options: object): { events: IDataObject[] };
};

const AS_OF = '2026-11-01T00:00:00.000Z';
const PARTITIONS = 3;
const { events } = generateDataset({ seed: 8, contacts: 150, campaigns: 20 });
const partitions = Array.from({ length: PARTITIONS }, (_, p) =>
	events.filter((event) => partitionOfContact(String(event.contactId), PARTITIONS) === p),
);

let harness: Harness;
beforeAll(() => (harness = createHarness()));
afterAll(() => harness.close());

const workflow = (items: unknown[], parameters: INodeParameters) =>
	sourceThenNode(items, 'Step', 'scoreContacts', parameters);

async function step(items: unknown[], parameters: INodeParameters): Promise<IDataObject[]> {
	const result = await harness.run(workflow(items, parameters));
	if (result.error) throw result.error;
	return result.json('Step');
}

describe('Score Contacts: partitioned run in the engine', () => {
	for (const model of ['decay', 'clickShare', 'lifecycle']) {
		test(`${model}: partial statistics → Merge Statistics → banding equals one run over all events`, async () => {
			const score = { operation: 'score', model, asOf: AS_OF, timezone: 'UTC' };
			const single = await step(events, score);

			const partials = [];
			for (const part of partitions) {
				const output = await step(part, { ...score, options: { output: 'partialStatistics' } });
				expect(output).toHaveLength(1);
				partials.push(output[0]);
			}
			const [merged] = await step(partials, { operation: 'mergeStatistics' });
			expect(merged.partitions).toBe(PARTITIONS);
			expect(merged.contacts).toBe(single.length);

			const banded: IDataObject[] = [];
			for (const part of partitions) {
				// As Of left empty: the merged statistics carry it.
				const options = { accountStatistics: JSON.stringify(merged.accountStatistics) };
				banded.push(...(await step(part, { ...score, asOf: '', options })));
			}
			banded.sort((a, b) => (String(a.contactId) < String(b.contactId) ? -1 : 1));
			expect(banded).toEqual(single);
			expect(new Set(single.map((c) => c.band)).size).toBeGreaterThan(2);
		});
	}

	test('Include Explanations off in every step: the compact items of one run over all events', async () => {
		const score = { operation: 'score', model: 'decay', asOf: AS_OF, timezone: 'UTC' };
		const compact = { includeExplanations: false };
		const single = await step(events, score);
		const partials = [];
		for (const part of partitions) {
			const options = { ...compact, output: 'partialStatistics' };
			const [partial] = await step(part, { ...score, options });
			expect(partial).toEqual(
				(await step(part, { ...score, options: { output: 'partialStatistics' } }))[0],
			);
			partials.push(partial);
		}
		const [merged] = await step(partials, { operation: 'mergeStatistics' });
		const banded: IDataObject[] = [];
		for (const part of partitions) {
			const options = { ...compact, accountStatistics: JSON.stringify(merged.accountStatistics) };
			banded.push(...(await step(part, { ...score, asOf: '', options })));
		}
		banded.sort((a, b) => (String(a.contactId) < String(b.contactId) ? -1 : 1));
		expect(banded).toEqual(
			single.map(({ contactId, score, band, model, asOf }) => ({
				contactId,
				score,
				band,
				model,
				asOf,
			})),
		);
	});

	test('partial statistics with Include Evidence and Include Explanations off: no conflict (no contact items)', async () => {
		const score = { operation: 'score', model: 'decay', asOf: AS_OF, timezone: 'UTC' };
		const options = {
			output: 'partialStatistics',
			includeExplanations: false,
			includeEvidence: true,
		};
		expect(await step(partitions[0], { ...score, options })).toEqual(
			await step(partitions[0], { ...score, options: { output: 'partialStatistics' } }),
		);
	});

	test('partial statistics without a fixed As Of are refused', async () => {
		await expect(
			step(partitions[0], {
				operation: 'score',
				model: 'decay',
				options: { output: 'partialStatistics' },
			}),
		).rejects.toMatchObject({ message: expect.stringMatching(/fixed As Of/) });
	});

	test('Account Statistics that is not a JSON object is refused with a hint', async () => {
		const score = { operation: 'score', model: 'decay', asOf: AS_OF };
		await expect(
			step(partitions[0], { ...score, options: { accountStatistics: '{not json' } }),
		).rejects.toMatchObject({ message: 'Account Statistics is not valid JSON' });
		await expect(
			step(partitions[0], { ...score, options: { accountStatistics: '[1, 2]' } }),
		).rejects.toMatchObject({
			message: 'Account Statistics must be a JSON object',
			description: 'Use the accountStatistics field of the Merge Statistics output',
		});
	});

	test('Merge Statistics names the item that is not statistics', async () => {
		await expect(step([{ foo: 1 }], { operation: 'mergeStatistics' })).rejects.toMatchObject({
			message: 'Item 0 has no statistics in "statistics"',
		});
	});
});
