import fc from 'fast-check';

import { engagementRates } from '../../lib/reports/engagementRates';
import type { ReportEvent } from '../../lib/reports/types';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const HOUR = 3_600_000;

function event(
	contactId: string,
	type: ReportEvent['type'],
	at: number,
	extra: Partial<ReportEvent> = {},
): ReportEvent {
	return { contactId, type, timestamp: at, campaignId: 'b1', ...extra };
}

describe('Crescendo Lab (seed 000): "If a contact hasn\'t received any broadcasts, they won\'t be included in the analysis"', () => {
	test("rates' denominator excludes contacts who got no broadcast, even when they have events", () => {
		const rates = engagementRates([
			event('a', 'sent', T0),
			event('a', 'open', T0 + HOUR),
			event('b', 'sent', T0),
			// c got only an automation message and opened it; d only visited and converted
			event('c', 'sent', T0, { campaignId: 'auto', campaignKind: 'automation' }),
			event('c', 'open', T0 + HOUR, { campaignId: 'auto', campaignKind: 'automation' }),
			event('d', 'conversion', T0 + HOUR, { campaignId: undefined }),
			event('e', 'sent', T0, { campaignId: 'tx', campaignKind: 'transactional' }),
		]);
		expect(rates).toEqual({
			recipients: 2,
			opened: 1,
			clicked: 0,
			converted: 0,
			openRate: 0.5,
			clickRate: 0,
			conversionRate: 0,
			excludedContacts: 3,
			untrackedRecipients: 0,
		});
	});

	test('an open of a non-broadcast campaign does not make a broadcast recipient "opened"', () => {
		const rates = engagementRates([
			event('a', 'sent', T0),
			event('a', 'sent', T0, { campaignId: 'auto', campaignKind: 'automation' }),
			event('a', 'open', T0 + HOUR, { campaignId: 'auto' }),
		]);
		expect(rates).toMatchObject({ recipients: 1, opened: 0, openRate: 0 });
	});

	test('no recipients gives rates of 0, never NaN', () => {
		const rates = engagementRates([event('a', 'open', T0)]);
		expect(rates).toMatchObject({ recipients: 0, openRate: 0, clickRate: 0, conversionRate: 0 });
		expect(engagementRates([]).openRate).toBe(0);
	});
});

describe('Crescendo Lab (seed 000): Open Rate "opened any broadcast message", Click Rate "clicked on any MAAC short link in a broadcast message"', () => {
	const events = [
		event('a', 'sent', T0),
		event('a', 'open', T0 + HOUR),
		event('a', 'click', T0 + 2 * HOUR),
		event('b', 'sent', T0, { campaignId: 'b2' }),
		event('b', 'open', T0 + HOUR, { campaignId: 'b2' }),
		event('c', 'delivered', T0),
		event('c', 'click', T0 + HOUR, { machine: true }),
		event('d', 'sent', T0),
	];

	test('4 recipients: 2 opened (50 %), 1 clicked (25 %); a machine click is not a click', () => {
		expect(engagementRates(events)).toMatchObject({
			recipients: 4,
			opened: 2,
			clicked: 1,
			openRate: 0.5,
			clickRate: 0.25,
		});
	});

	test('machine clicks count when excludeMachine is false', () => {
		expect(engagementRates(events, { excludeMachine: false })).toMatchObject({
			clicked: 2,
			clickRate: 0.5,
		});
	});

	test('an open before the broadcast was sent is not an open of it', () => {
		const rates = engagementRates([event('a', 'open', T0 - HOUR), event('a', 'sent', T0)]);
		expect(rates).toMatchObject({ recipients: 1, opened: 0 });
	});

	test('events without a campaign id are read as one unnamed broadcast', () => {
		const rates = engagementRates([
			event('a', 'sent', T0, { campaignId: undefined }),
			event('a', 'open', T0 + HOUR, { campaignId: undefined }),
		]);
		expect(rates).toMatchObject({ recipients: 1, opened: 1 });
	});

	test('from/to: only events inside the period count', () => {
		const rates = engagementRates(
			[
				event('a', 'sent', T0),
				event('a', 'open', T0 + 2 * 24 * HOUR),
				event('b', 'sent', T0 - 5 * 24 * HOUR),
			],
			{ from: '2024-05-01', to: '2024-05-02' },
		);
		expect(rates).toMatchObject({ recipients: 1, opened: 0 });
	});
});

describe('Crescendo Lab (seed 000): Conversion Rate "performed a defined conversion action ... after clicking a short link in a broadcast"', () => {
	test('conversion without prior click is not counted', () => {
		const rates = engagementRates([
			event('a', 'sent', T0),
			event('a', 'open', T0 + HOUR),
			event('a', 'conversion', T0 + 2 * HOUR, { campaignId: undefined }),
			event('a', 'click', T0 + 3 * HOUR),
		]);
		expect(rates).toMatchObject({ recipients: 1, clicked: 1, converted: 0, conversionRate: 0 });
	});

	test('conversion after a click of a broadcast is counted', () => {
		const rates = engagementRates([
			event('a', 'sent', T0),
			event('a', 'click', T0 + HOUR),
			event('a', 'conversion', T0 + 2 * HOUR, { campaignId: undefined }),
			event('b', 'sent', T0),
		]);
		expect(rates).toMatchObject({ recipients: 2, converted: 1, conversionRate: 0.5 });
	});

	test('conversion after a click of an automation message is not counted', () => {
		const rates = engagementRates([
			event('a', 'sent', T0),
			event('a', 'sent', T0, { campaignId: 'auto', campaignKind: 'automation' }),
			event('a', 'click', T0 + HOUR, { campaignId: 'auto' }),
			event('a', 'conversion', T0 + 2 * HOUR, { campaignId: undefined }),
		]);
		expect(rates).toMatchObject({ recipients: 1, clicked: 0, converted: 0 });
	});

	test('a conversion naming a campaign needs a click of that campaign', () => {
		const events = [
			event('a', 'sent', T0),
			event('a', 'sent', T0, { campaignId: 'b2' }),
			event('a', 'click', T0 + HOUR),
		];
		expect(
			engagementRates([...events, event('a', 'conversion', T0 + 2 * HOUR, { campaignId: 'b2' })])
				.converted,
		).toBe(0);
		expect(
			engagementRates([...events, event('a', 'conversion', T0 + 2 * HOUR, { campaignId: 'b1' })])
				.converted,
		).toBe(1);
	});

	test('an invalid event names its index and field', () => {
		expect(() => engagementRates([event('a', 'sent', T0), { ...event('', 'open', T0) }])).toThrow(
			'event 1, field "contactId"',
		);
	});
});

describe('engagement rates invariants (property-based)', () => {
	const arbitraryEvent = fc.record({
		contactId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
		type: fc.constantFrom<ReportEvent['type']>('sent', 'open', 'click', 'conversion', 'subscribe'),
		timestamp: fc.integer({ min: T0, max: T0 + 100 * HOUR }),
		campaignId: fc.constantFrom('b1', 'b2', undefined),
		campaignKind: fc.constantFrom<ReportEvent['campaignKind']>(
			undefined,
			'broadcast',
			'automation',
		),
	}) as fc.Arbitrary<ReportEvent>;

	test('converted ≤ clicked ≤ recipients, opened ≤ recipients, rates in 0..1, order irrelevant', () => {
		fc.assert(
			fc.property(fc.array(arbitraryEvent, { maxLength: 50 }), (events) => {
				const rates = engagementRates(events);
				expect(rates.converted).toBeLessThanOrEqual(rates.clicked);
				expect(rates.clicked).toBeLessThanOrEqual(rates.recipients);
				expect(rates.opened).toBeLessThanOrEqual(rates.recipients);
				for (const rate of [rates.openRate, rates.clickRate, rates.conversionRate]) {
					expect(rate).toBeGreaterThanOrEqual(0);
					expect(rate).toBeLessThanOrEqual(1);
				}
				expect(engagementRates([...events].reverse())).toEqual(rates);
			}),
			{ numRuns: 300 },
		);
	});
});
