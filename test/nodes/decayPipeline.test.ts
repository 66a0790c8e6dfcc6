/**
 * Events → Score Contacts (decay) → Assign Band / Build Report, run by n8n's own engine (see harness.ts).
 * Fixture: workflows/decay-pipeline.workflow.json — three broadcasts (1, 10, 20 June 2024) to a, b, c (d only the
 * third), scored as of 30 June; items use their own field names (email, event, at, campaign) and "email_open" for open (translated in Event Type Values);
 * item 5 has an unknown event type and item 20 an unreadable timestamp.
 */
import type { NodeOperationError } from 'n8n-workflow';

import { createHarness, loadFixture } from './harness';
import type { Harness, WorkflowResult } from './harness';

const fixture = loadFixture('decay-pipeline.workflow.json');
let harness: Harness;
let result: WorkflowResult;

beforeAll(async () => {
	harness = createHarness();
	result = await harness.run(fixture);
});
afterAll(() => harness.close());

// Ometria's rule by hand: decay d = 1 − age/180 for sends 29, 20 and 10 days old; a opened and clicked all three,
// b opened only the first; c and d never engaged; the average is over all four raw scores; with 3 < 6 sends the
// score is pulled halfway (3 of 6) towards the average.
const decays = [1 - 29 / 180, 1 - 20 / 180, 1 - 10 / 180];
const rawB = decays[0] / (3 * (decays[0] + decays[1] + decays[2]));
const average = (1 + rawB + 0 + 0) / 4;
const scoreA = (3 * 1 + 3 * average) / 6;
const scoreB = (3 * rawB + 3 * average) / 6;
const pairs = (...items: number[]) => items.map((item) => ({ item }));

describe('Score Contacts in the engine', () => {
	test('runs the whole workflow without stopping', () => {
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
	});

	test('one item per contact with score, band, explanation, details, and the kept CRM fields', () => {
		const contacts = result.json('Score Contacts');
		expect(contacts.map((c) => c.contactId)).toEqual(['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io']);
		expect(contacts.map((c) => c.band)).toEqual(['High', 'Medium', 'No engagement', 'New']);
		expect(contacts[0].score).toBeCloseTo(scoreA, 10);
		expect(contacts[1].score).toBeCloseTo(scoreB, 10);
		expect(contacts.map((c) => c.crmId)).toEqual(['crm-a', 'crm-b', 'crm-c', 'crm-d']);
		expect(contacts[2]).not.toHaveProperty('crmBand');
		for (const contact of contacts) {
			expect(typeof contact.explanation).toBe('string');
			expect(contact.explanation).not.toBe('');
			expect(contact.details).toEqual(expect.any(Object));
			expect(contact.model).toBe('decay');
			expect(contact.asOf).toBe('2024-06-30T00:00:00.000Z');
		}
	});

	test('each contact pairs with exactly its own event items (the email_open → open translation included)', () => {
		const paired = result.output('Score Contacts').map((item) => item.pairedItem);
		expect(paired).toEqual([
			pairs(0, 3, 4, 7, 10, 11, 12, 16, 17, 18),
			pairs(1, 6, 8, 13),
			pairs(2, 9, 14),
			pairs(15, 19),
		]);
	});

	test('the account summary comes on the second output, paired with every valid event item', () => {
		expect(result.outputNames('Score Contacts')).toEqual(['Contacts', 'Account', 'Error']);
		const [summary] = result.output('Score Contacts', 1);
		expect(summary.json.model).toBe('decay');
		expect(summary.json.contacts).toBe(4);
		expect(summary.json.averageScore).toBeCloseTo(average, 10);
		expect(summary.pairedItem).toEqual(
			pairs(...[...Array(21).keys()].filter((i) => i !== 5 && i !== 20)),
		);
	});

	test('with Continue On Fail (error output) bad items go to the error output, naming the field, and the rest are scored', () => {
		const errors = result.output('Score Contacts', 2);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 5 }, { item: 20 }]);
		expect(errors[0].json.error).toMatch(/bogus/);
		expect(errors[1].json.error).toMatch(/timestamp/);
		expect((errors[1].error as NodeOperationError).description).toMatch(
			/field "at" \(mapped to timestamp\) of item 20/,
		);
		const scoredItems = new Set(
			result
				.output('Score Contacts')
				.flatMap((item) => (item.pairedItem as Array<{ item: number }>).map((p) => p.item)),
		);
		expect(scoredItems.size).toBe(19);
		expect(scoredItems.has(5) || scoredItems.has(20)).toBe(false);
	});

	test('without Continue On Fail the first bad item stops the run with its item index and field', async () => {
		const stopped = await harness.run(fixture, {
			nodes: { 'Score Contacts': { onError: 'stopWorkflow' } },
		});
		const error = stopped.error as NodeOperationError;
		expect(error).toBeDefined();
		expect(error.message).toMatch(/unknown event type "bogus"/);
		expect(error.context.itemIndex).toBe(5);
		expect(error.description).toMatch(/field "event" \(mapped to type\) of item 5/);
	});

	test('Continue On Fail with the regular output keeps the error items after the contacts', async () => {
		const regular = await harness.run(fixture, {
			nodes: { 'Score Contacts': { onError: 'continueRegularOutput' } },
		});
		const items = regular.output('Score Contacts');
		expect(items.slice(0, 4).map((item) => item.json.contactId)).toEqual([
			'a@x.io',
			'b@x.io',
			'c@x.io',
			'd@x.io',
		]);
		expect(items.slice(4).map((item) => item.pairedItem)).toEqual([{ item: 5 }, { item: 20 }]);
	});
});

describe('Assign Band in the engine', () => {
	test("one output per band, named after the model's bands", () => {
		expect(result.outputNames('Route by Band')).toEqual([
			'Null',
			'New',
			'No engagement',
			'Low',
			'Medium',
			'High',
		]);
		const byOutput = [0, 1, 2, 3, 4, 5].map((o) =>
			result.json('Route by Band', o).map((c) => c.contactId),
		);
		expect(byOutput).toEqual([[], ['d@x.io'], ['c@x.io'], [], ['b@x.io'], ['a@x.io']]);
		expect(result.output('Route by Band', 5)[0].pairedItem).toEqual({ item: 0 });
		expect(result.output('Route by Band', 1)[0].pairedItem).toEqual({ item: 3 });
	});

	test('changed compares the band with previousBand (missing = first assignment = changed)', () => {
		const all = [0, 1, 2, 3, 4, 5].flatMap((o) => result.json('Route by Band', o));
		const changed = Object.fromEntries(all.map((c) => [c.contactId, [c.previousBand, c.changed]]));
		expect(changed).toEqual({
			'a@x.io': ['High', false],
			'b@x.io': ['Low', true],
			'c@x.io': [null, true],
			'd@x.io': ['New', false],
		});
	});

	test('Only Changed Contacts outputs just the contacts whose band changed, on a single output', () => {
		expect(result.outputNames('Changed Only')).toEqual(['main']);
		expect(result.json('Changed Only').map((c) => [c.contactId, c.band])).toEqual([
			['b@x.io', 'Medium'],
			['c@x.io', 'No engagement'],
		]);
		expect(result.output('Changed Only').map((item) => item.pairedItem)).toEqual([
			{ item: 1 },
			{ item: 2 },
		]);
	});
});

describe('Build Report in the engine', () => {
	test('band distribution lists every decay band in order, zero-filled, paired with the counted contacts', () => {
		const rows = result.output('Band Distribution');
		expect(rows.map((row) => [row.json.band, row.json.count, row.json.share])).toEqual([
			['Null', 0, 0],
			['New', 1, 0.25],
			['No engagement', 1, 0.25],
			['Low', 0, 0],
			['Medium', 1, 0.25],
			['High', 1, 0.25],
		]);
		expect(rows[5].pairedItem).toEqual(pairs(0));
		expect(rows[0].pairedItem).toEqual(pairs(0, 1, 2, 3));
	});

	test('campaign analytics: sent, view, click and goal per campaign, paired with the campaign events', () => {
		const rows = result.output('Campaign Report');
		expect(
			rows.map((row) => [
				row.json.campaignId,
				row.json.sent,
				row.json.view,
				row.json.click,
				row.json.goal,
			]),
		).toEqual([
			['c1', 3, 2, 1, 0],
			['c2', 3, 1, 1, 0],
			['c3', 4, 1, 1, 1],
		]);
		expect(rows[1].pairedItem).toEqual(pairs(7, 8, 9, 10, 11));
		expect(result.output('Campaign Report', 1).map((item) => item.pairedItem)).toEqual([
			{ item: 5 },
			{ item: 20 },
		]);
	});

	test('engagement rates among the contacts who received a broadcast', () => {
		const [rates] = result.json('Engagement Rates');
		expect(rates).toMatchObject({
			recipients: 4,
			opened: 2,
			clicked: 1,
			converted: 1,
			openRate: 0.5,
			clickRate: 0.25,
			conversionRate: 0.25,
		});
	});
});
