import { buildCampaignReport } from '../../lib/reports/campaignReport';
import { engagementRates } from '../../lib/reports/engagementRates';
import type { ReportEvent } from '../../lib/reports/types';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function event(
	contactId: string,
	type: ReportEvent['type'],
	at: number,
	extra: Partial<ReportEvent> = {},
): ReportEvent {
	return { contactId, type, timestamp: at, campaignId: 'b1', ...extra };
}

/**
 * Four recipients of b1: a opened for real; b's only open is an Apple privacy prefetch; c's only click is a link
 * scanner, followed by a conversion; d did nothing. b2 has one recipient with a machine open only.
 */
const EVENTS: ReportEvent[] = [
	...['a', 'b', 'c', 'd'].map((contact) => event(contact, 'sent', T0)),
	event('a', 'open', T0 + HOUR),
	event('b', 'open', T0 + MINUTE, { machine: true }),
	event('c', 'open', T0 + MINUTE, { machine: true }),
	event('c', 'click', T0 + MINUTE, { machine: true }),
	event('c', 'conversion', T0 + 2 * HOUR),
	event('e', 'sent', T0, { campaignId: 'b2' }),
	event('e', 'open', T0 + MINUTE, { campaignId: 'b2', machine: true }),
];

describe('buildCampaignReport includeRawFigures: raw and filtered figures side by side', () => {
	test('machine opens inflate the raw view count but not the filtered one', () => {
		const report = buildCampaignReport(EVENTS, { includeRawFigures: true });
		expect(
			report.campaigns.map(({ campaignId, sent, view, click, goal, raw }) => ({
				campaignId,
				filtered: { sent, view, click, goal },
				raw,
			})),
		).toEqual([
			{
				campaignId: 'b1',
				filtered: { sent: 4, view: 1, click: 0, goal: 0 },
				raw: { sent: 4, view: 3, click: 1, goal: 1 },
			},
			{
				campaignId: 'b2',
				filtered: { sent: 1, view: 0, click: 0, goal: 0 },
				raw: { sent: 1, view: 1, click: 0, goal: 0 },
			},
		]);
	});

	test('the filtered figures and the other sheets are those of the report without the option', () => {
		const plain = buildCampaignReport(EVENTS);
		const withRaw = buildCampaignReport(EVENTS, { includeRawFigures: true });
		expect(withRaw.campaigns.map(({ raw: _raw, ...row }) => row)).toEqual(plain.campaigns);
		expect(withRaw.daily).toEqual(plain.daily);
		expect(withRaw.users).toEqual(plain.users);
		expect(plain.campaigns[0]).not.toHaveProperty('raw');
	});

	test('raw equals the report run with excludeMachine false, also for a one-shot iterable and a period', () => {
		const options = { from: '2024-05-01', to: '2024-05-01', timezone: 'Asia/Seoul' };
		const unfiltered = buildCampaignReport(EVENTS, { ...options, excludeMachine: false });
		const report = buildCampaignReport(
			(function* () {
				yield* EVENTS;
			})(),
			{ ...options, includeRawFigures: true },
		);
		expect(report.campaigns.map((row) => [row.campaignId, row.raw])).toEqual(
			unfiltered.campaigns.map(({ campaignId, sent, view, click, goal }) => [
				campaignId,
				{ sent, view, click, goal },
			]),
		);
	});

	test('a machine open before the period does not hide the human view inside it: raw counts that view too', () => {
		const DAY = 24 * HOUR;
		const report = buildCampaignReport(
			[
				event('a', 'sent', T0),
				event('a', 'open', T0 + MINUTE, { machine: true }),
				event('a', 'open', T0 + DAY),
			],
			{ from: T0 + DAY - HOUR, includeRawFigures: true },
		);
		expect(report.campaigns).toMatchObject([
			{ campaignId: 'b1', sent: 0, view: 1, raw: { sent: 0, view: 1, click: 0, goal: 0 } },
		]);
	});

	test('with machine events already included, raw repeats the figures', () => {
		const report = buildCampaignReport(EVENTS, { excludeMachine: false, includeRawFigures: true });
		for (const { sent, view, click, goal, raw } of report.campaigns)
			expect(raw).toEqual({ sent, view, click, goal });
	});
});

describe('engagementRates includeRawFigures: raw and filtered figures side by side', () => {
	test('machine opens and scanner clicks inflate the raw rates but not the filtered ones', () => {
		const rates = engagementRates(EVENTS, { includeRawFigures: true });
		expect(rates).toEqual({
			recipients: 5,
			opened: 1,
			clicked: 0,
			converted: 0,
			openRate: 0.2,
			clickRate: 0,
			conversionRate: 0,
			excludedContacts: 0,
			untrackedRecipients: 0,
			raw: {
				recipients: 5,
				untrackedRecipients: 0,
				opened: 4,
				clicked: 1,
				converted: 1,
				openRate: 0.8,
				clickRate: 0.2,
				conversionRate: 0.2,
			},
		});
	});

	test('without the option there is no raw, and the filtered figures are unchanged', () => {
		const { raw: _raw, ...filtered } = engagementRates(EVENTS, { includeRawFigures: true });
		expect(engagementRates(EVENTS)).toEqual(filtered);
	});

	test('raw equals the rates with excludeMachine false', () => {
		const { raw } = engagementRates(new Set(EVENTS), { includeRawFigures: true });
		const { excludedContacts: _excluded, ...unfiltered } = engagementRates(EVENTS, {
			excludeMachine: false,
		});
		expect(raw).toEqual(unfiltered);
	});
});
