import type { EngagementEvent, EventType } from '../../lib/events/types';
import { modelNames } from '../../lib/models/registry';
import { scoreContacts } from '../../lib/scoreContacts';

const T0 = Date.parse('2026-11-01T10:00:00Z');
const DAY = 86_400_000;
const AS_OF = T0 + 10 * DAY;

function ev(
	contactId: string,
	type: EventType,
	offsetMs: number,
	extra: Partial<EngagementEvent> = {},
): EngagementEvent {
	return { contactId, type, timestamp: T0 + offsetMs, campaignId: 'k1', ...extra };
}

const log: EngagementEvent[] = [
	ev('ana', 'sent', 0, { eventId: 's1' }),
	ev('ana', 'open', 1000, { machine: true, eventId: 'o1' }), // Apple privacy open
	ev('ana', 'click', 1500, { userAgent: 'Mimecast', eventId: 'c1' }), // scanner
	ev('ana', 'click', 1500, { userAgent: 'Mimecast', eventId: 'c1' }), // webhook retry
	ev('ana', 'open', 20 * DAY), // after asOf
	ev('bo', 'sent', 0),
	ev('bo', 'open', 3 * 3_600_000),
	ev('bo', 'click', 4 * 3_600_000),
];

describe('raw and filtered figures side by side (includeRawFigures)', () => {
	test('details.raw vs details.filtered: score, band, opens and clicks; account counts filtered events by reason', () => {
		const result = scoreContacts(log, {
			model: 'klaviyoEngagement',
			asOf: AS_OF,
			machineFilter: { scannerUserAgents: true },
			includeRawFigures: true,
		});
		const ana = result.contacts.find((row) => row.contactId === 'ana');
		expect(ana?.details.raw).toEqual({ score: 2, band: 'Engaged', opens: 1, clicks: 1 });
		expect(ana?.details.filtered).toEqual({ score: 1, band: 'Neither', opens: 0, clicks: 0 });
		const bo = result.contacts.find((row) => row.contactId === 'bo');
		expect(bo?.details.raw).toEqual({ score: 2, band: 'Engaged', opens: 1, clicks: 1 });
		expect(bo?.details.filtered).toEqual(bo?.details.raw);
		expect(result.account.filteredEventsByReason).toEqual({
			flagged: 1,
			scannerUserAgent: 1,
			duplicateEventId: 1,
			afterAsOf: 1,
		});
		expect(result.account.raw).toEqual({
			averageScore: null,
			bandCounts: { Engaged: 2, Neither: 0, Unengaged: 0, Unknown: 0 },
		});
	});

	test('the scores themselves are those of a plain run', () => {
		const options = { model: 'decay', asOf: AS_OF, machineFilter: { scannerUserAgents: true } };
		const plain = scoreContacts(log, options);
		const withRaw = scoreContacts(log, { ...options, includeRawFigures: true });
		expect(
			withRaw.contacts.map(({ contactId, score, band }) => ({ contactId, score, band })),
		).toEqual(plain.contacts.map(({ contactId, score, band }) => ({ contactId, score, band })));
	});
});

describe('explanations list the events that counted and those filtered out (includeEvidence)', () => {
	test('used and filtered-out events with reasons and evidence, most recent first', () => {
		const result = scoreContacts(log, {
			model: 'decay',
			asOf: AS_OF,
			machineFilter: { scannerUserAgents: true },
			includeEvidence: true,
		});
		const ana = result.contacts.find((row) => row.contactId === 'ana');
		expect(ana?.details.evidence).toEqual({
			used: {
				total: 1,
				recent: [{ index: 0, type: 'sent', at: '2026-11-01T10:00:00.000Z', campaignId: 'k1' }],
			},
			filteredOut: {
				total: 4,
				byReason: { flagged: 1, scannerUserAgent: 1, duplicateEventId: 1, afterAsOf: 1 },
				recent: [
					{
						index: 4,
						type: 'open',
						at: '2026-11-21T10:00:00.000Z',
						campaignId: 'k1',
						reason: 'afterAsOf',
					},
					{
						index: 2,
						type: 'click',
						at: '2026-11-01T10:00:01.500Z',
						campaignId: 'k1',
						reason: 'scannerUserAgent',
						detail: 'user agent matches "mimecast"',
					},
					{
						index: 3,
						type: 'click',
						at: '2026-11-01T10:00:01.500Z',
						campaignId: 'k1',
						reason: 'duplicateEventId',
					},
					{
						index: 1,
						type: 'open',
						at: '2026-11-01T10:00:01.000Z',
						campaignId: 'k1',
						reason: 'flagged',
						detail: 'flagged machine by the source',
					},
				],
			},
		});
	});

	test('lists are bounded by evidenceLimit, totals stay exact', () => {
		const many = Array.from({ length: 50 }, (_, i) =>
			ev('busy', 'sent', i * 1000, { campaignId: `k${i}` }),
		);
		const result = scoreContacts(many, {
			model: 'mailpoet',
			asOf: AS_OF,
			includeEvidence: true,
			evidenceLimit: 5,
		});
		const evidence = result.contacts[0].details.evidence as {
			used: { total: number; recent: Array<{ index: number }> };
		};
		expect(evidence.used.total).toBe(50);
		expect(evidence.used.recent.map((item) => item.index)).toEqual([49, 48, 47, 46, 45]);
	});

	test.each(modelNames())(
		'%s: every row gets its evidence and a specific explanation with numbers',
		(model) => {
			const result = scoreContacts(log, {
				model,
				asOf: AS_OF,
				includeEvidence: true,
				includeRawFigures: true,
			});
			for (const row of result.contacts) {
				expect(row.details.evidence).toBeDefined();
				expect(row.details.raw).toBeDefined();
				expect(row.explanation).toMatch(/\d/);
			}
		},
	);
});
