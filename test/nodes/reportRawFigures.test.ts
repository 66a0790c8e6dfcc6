/**
 * Build Report's "Include Raw Figures" option (issue 9) through the engine: Campaign Analytics and Engagement Rates
 * put the figures counted with machine events next to the filtered ones.
 */
import type { IDataObject } from 'n8n-workflow';

import { createHarness, loadFixture } from './harness';
import type { Harness, WorkflowFixture } from './harness';

let harness: Harness;
beforeAll(() => {
	harness = createHarness();
});
afterAll(() => harness.close());

/** Events → Campaign Report and Events → Engagement Rates, with the nodes of the decay pipeline fixture. */
function reportWorkflow(): WorkflowFixture {
	const pipeline = loadFixture('decay-pipeline.workflow.json');
	const names = ['Events', 'Campaign Report', 'Engagement Rates'];
	return {
		...pipeline,
		nodes: pipeline.nodes.filter((node) => names.includes(node.name)),
		connections: {
			Events: {
				main: [
					[
						{ node: 'Campaign Report', type: 'main', index: 0 },
						{ node: 'Engagement Rates', type: 'main', index: 0 },
					],
				],
			},
		},
	};
}

const at = (day: number, hour = 0) =>
	`2024-06-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
const EVENTS: IDataObject[] = [
	{ email: 'a@x.io', event: 'sent', at: at(1), campaign: 'c1' },
	{ email: 'b@x.io', event: 'sent', at: at(1), campaign: 'c1' },
	{ email: 'c@x.io', event: 'sent', at: at(1), campaign: 'c1' },
	{ email: 'a@x.io', event: 'email_open', at: at(2, 9), campaign: 'c1' },
	// Apple privacy prefetches and a link scanner, as the webhook trigger flags them.
	{ email: 'b@x.io', event: 'email_open', at: at(1, 1), campaign: 'c1', machine: true },
	{ email: 'c@x.io', event: 'email_open', at: at(1, 1), campaign: 'c1', machine: true },
	{ email: 'c@x.io', event: 'click', at: at(1, 1), campaign: 'c1', machine: true },
];

describe('Build Report: Include Raw Figures', () => {
	test('Campaign Analytics rows carry raw counts; machine opens raise raw view only', async () => {
		const result = await harness.run(reportWorkflow(), {
			parameters: {
				Events: { items: JSON.stringify(EVENTS) },
				'Campaign Report': { options: { includeRawFigures: true } },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json('Campaign Report')).toMatchObject([
			{
				campaignId: 'c1',
				sent: 3,
				view: 1,
				click: 0,
				goal: 0,
				raw: { sent: 3, view: 3, click: 1, goal: 0 },
			},
		]);
		expect(result.json('Engagement Rates')[0]).not.toHaveProperty('raw');
	});

	test('Engagement Rates adds raw rates next to the filtered ones', async () => {
		const result = await harness.run(reportWorkflow(), {
			parameters: {
				Events: { items: JSON.stringify(EVENTS) },
				'Engagement Rates': { options: { includeRawFigures: true } },
			},
		});
		expect(result.error).toBeUndefined();
		const [rates] = result.json('Engagement Rates');
		expect(rates).toMatchObject({ recipients: 3, opened: 1, clicked: 0 });
		expect(rates.openRate).toBeCloseTo(1 / 3, 12);
		expect(rates.raw).toMatchObject({
			recipients: 3,
			opened: 3,
			clicked: 1,
			converted: 0,
			openRate: 1,
			conversionRate: 0,
		});
		expect((rates.raw as IDataObject).clickRate).toBeCloseTo(1 / 3, 12);
		expect(result.json('Campaign Report')[0]).not.toHaveProperty('raw');
	});
});
