import { scoreContacts } from '../../lib/scoreContacts';
import { EngagementInputError } from '../../lib/errors';
import { checkSuppressBands, sunsetContacts } from '../../lib/sunset';

import { AS_OF, contactRow as decision, ev, sends } from './scoringFixtures';

describe('sunsetContacts', () => {
	const graymailEvents = [
		...sends('never11', 11, 100),
		...sends('never10', 10, 100),
		...sends('was16', 17, 100),
		ev('was16', 'open', 99, { campaignId: 'k1' }),
		...sends('dark', 30, 100, 'k', { tracked: false }),
		...sends('spam', 2, 100),
		ev('spam', 'complaint', 3),
		...sends('gone', 2, 100),
		ev('gone', 'subscribe', 200),
		ev('gone', 'unsubscribe', 5),
		...sends('back', 2, 100),
		ev('back', 'unsubscribe', 50),
		ev('back', 'subscribe', 40),
	];

	test('hubspotGraymail preset: suppress with the reason, dry-run counts per reason, unknown kept', () => {
		const result = sunsetContacts(graymailEvents, { preset: 'hubspotGraymail', asOf: AS_OF });
		expect(decision(result, 'never11')).toMatchObject({
			suppress: true,
			reason: 'graymailNeverEngaged',
			band: 'Graymail',
			score: 11,
		});
		expect(decision(result, 'never11').explanation).toBe(
			'Never engaged with any of 11 sends; never engaged limit 11 → Graymail; suppress (graymailNeverEngaged)',
		);
		expect(decision(result, 'never10')).toMatchObject({ suppress: false, reason: null });
		expect(decision(result, 'was16')).toMatchObject({
			suppress: true,
			reason: 'graymailPreviouslyEngaged',
		});
		expect(decision(result, 'dark')).toMatchObject({ suppress: false, band: 'Unknown' });
		expect(decision(result, 'spam')).toMatchObject({ suppress: true, reason: 'complaint' });
		expect(decision(result, 'gone')).toMatchObject({ suppress: true, reason: 'unsubscribed' });
		expect(decision(result, 'back')).toMatchObject({ suppress: false });
		expect(result.summary).toEqual({
			preset: 'hubspotGraymail',
			dryRun: true,
			contacts: 7,
			suppress: 4,
			keep: 3,
			byReason: {
				graymailNeverEngaged: 1,
				graymailPreviouslyEngaged: 1,
				complaint: 1,
				unsubscribed: 1,
			},
			unknownKept: 1,
		});
	});

	test('suppressOptOuts false leaves opt-outs to the preset alone', () => {
		const result = sunsetContacts(graymailEvents, {
			preset: 'hubspotGraymail',
			asOf: AS_OF,
			suppressOptOuts: false,
		});
		expect(result.summary.byReason).toEqual({
			graymailNeverEngaged: 1,
			graymailPreviouslyEngaged: 1,
		});
		expect(decision(result, 'spam').suppress).toBe(false);
	});

	test('from a score result of the matching model; a mismatched model is refused', () => {
		const scored = scoreContacts(graymailEvents, { model: 'hubspotGraymail', asOf: AS_OF });
		const result = sunsetContacts(scored, { preset: 'hubspotGraymail' });
		expect(result.summary.byReason).toEqual({
			graymailNeverEngaged: 1,
			graymailPreviouslyEngaged: 1,
		});
		const decayed = scoreContacts(graymailEvents, { model: 'decay', asOf: AS_OF });
		expect(() => sunsetContacts(decayed, { preset: 'hubspotGraymail' })).toThrow(
			"preset hubspotGraymail reads the hubspotGraymail model's bands; the result was scored with decay",
		);
		expect(() => sunsetContacts(scored, { preset: 'klaviyoSunset' })).toThrow('needs the events');
	});

	test('a score result with compact rows (explain: false) is refused: the decisions extend its explanations', () => {
		const compact = scoreContacts(graymailEvents, {
			model: 'hubspotGraymail',
			asOf: AS_OF,
			explain: false,
		});
		// a JavaScript caller (a Code node) is not stopped by the types
		const input = compact as unknown as Parameters<typeof sunsetContacts>[0];
		for (const options of [
			{ preset: 'hubspotGraymail' as const },
			{ preset: 'bands' as const, suppressBands: ['Graymail'] },
		]) {
			expect(() => sunsetContacts(input, options)).toThrow(
				expect.objectContaining({ field: 'explain' }),
			);
		}
	});

	test('klaviyoUnengaged preset: ≥ 5 received and no open or click in 90 days', () => {
		const result = sunsetContacts(
			[
				...sends('five', 5, 300),
				...sends('four', 4, 300),
				...sends('opened', 5, 300),
				ev('opened', 'open', 80, { campaignId: 'k1' }),
			],
			{ preset: 'klaviyoUnengaged', asOf: AS_OF },
		);
		expect(decision(result, 'five')).toMatchObject({ suppress: true, reason: 'klaviyoUnengaged' });
		expect(decision(result, 'four').suppress).toBe(false);
		expect(decision(result, 'opened').suppress).toBe(false);
		expect(result.summary.byReason.klaviyoUnengaged).toBe(1);
	});

	test('klaviyoSunset preset: ≥ 10 received in 180 days and no open, click or order ever', () => {
		const result = sunsetContacts(
			[
				...sends('ten', 10, 180),
				...sends('tenButOld', 10, 181),
				...sends('buyer', 10, 100),
				ev('buyer', 'purchase', 400, { value: 5 }),
				...sends('openedLongAgo', 10, 100),
				ev('openedLongAgo', 'open', 700),
			],
			{ preset: 'klaviyoSunset', asOf: AS_OF },
		);
		expect(decision(result, 'ten')).toMatchObject({ suppress: true, reason: 'klaviyoSunset' });
		expect(decision(result, 'ten').explanation).toBe(
			'Received 10 tracked emails in the last 180 days, 0 opens or clicks and 0 orders ever (≥ 10, none engaged); suppress (klaviyoSunset)',
		);
		expect(decision(result, 'tenButOld').suppress).toBe(false); // the first of its 10 sends was 181 days ago
		expect(decision(result, 'buyer').suppress).toBe(false);
		expect(decision(result, 'openedLongAgo').suppress).toBe(false);
	});

	test('mailpoetInactive preset: no engagement in 365 days, ≥ 3 received in them and ≥ 10 ever', () => {
		const result = sunsetContacts(
			[
				...sends('inactive', 7, 900, 'old'),
				...sends('inactive', 3, 300),
				...sends('fewRecent', 8, 900, 'old'),
				...sends('fewRecent', 2, 300),
				...sends('fewEver', 9, 300),
				...sends('opened', 12, 300),
				ev('opened', 'open', 365, { campaignId: 'k1' }),
			],
			{ preset: 'mailpoetInactive', asOf: AS_OF },
		);
		expect(decision(result, 'inactive')).toMatchObject({
			suppress: true,
			reason: 'mailpoetInactive',
		});
		expect(decision(result, 'fewRecent').suppress).toBe(false);
		expect(decision(result, 'fewEver').suppress).toBe(false);
		expect(decision(result, 'opened').suppress).toBe(false);
	});

	test('bands preset: any model, suppress the listed bands', () => {
		const events = [
			...sends('cold', 6, 100),
			...sends('warm', 6, 100),
			ev('warm', 'click', 99, { campaignId: 'k1' }),
		];
		const result = sunsetContacts(events, {
			preset: 'bands',
			model: 'decay',
			suppressBands: ['No engagement'],
			asOf: AS_OF,
		});
		expect(decision(result, 'cold')).toMatchObject({
			suppress: true,
			reason: 'band',
			band: 'No engagement',
		});
		expect(decision(result, 'warm').suppress).toBe(false);
		expect(() => sunsetContacts(events, { preset: 'bands', model: 'decay', asOf: AS_OF })).toThrow(
			'suppressBands',
		);
	});

	test("bands preset: a band the model never gives is refused, naming it and listing the model's bands", () => {
		const events = sends('cold', 6, 100);
		const typo = new EngagementInputError(
			'"No engagment" is not a band of the decay model; its bands: Null, New, No engagement, Low, Medium, High',
			{ field: 'suppressBands' },
		);
		expect(() =>
			sunsetContacts(events, {
				preset: 'bands',
				model: 'decay',
				suppressBands: ['Low', 'No engagment'],
				asOf: AS_OF,
			}),
		).toThrow(typo);
		// a score result: checked against the model it was scored with
		const scored = scoreContacts(events, { model: 'decay', asOf: AS_OF });
		expect(() =>
			sunsetContacts(scored, { preset: 'bands', suppressBands: ['No engagment'] }),
		).toThrow(typo);
		expect(() => checkSuppressBands('decay', ['no engagement'])).toThrow(
			'(did you mean "No engagement"?)',
		);
		expect(() => checkSuppressBands('decay', ['No engagement', 'Low'])).not.toThrow();
		// a model without known labels (a custom one) is not checked
		expect(() => checkSuppressBands('myModel', ['Anything'])).not.toThrow();
	});

	test('machineOpensAsUnknown: an all-Apple contact is kept as never measured, not sunset', () => {
		const apple = [
			...sends('apple', 12, 100),
			...Array.from({ length: 12 }, (_, i) =>
				ev('apple', 'open', 100 - i, { campaignId: `k${i + 1}`, machine: true }),
			),
		];
		expect(
			decision(sunsetContacts(apple, { preset: 'hubspotGraymail', asOf: AS_OF }), 'apple').suppress,
		).toBe(true);
		const result = sunsetContacts(apple, {
			preset: 'hubspotGraymail',
			asOf: AS_OF,
			machineOpensAsUnknown: true,
		});
		expect(decision(result, 'apple')).toMatchObject({ suppress: false, band: 'Unknown' });
		expect(result.summary.unknownKept).toBe(1);
	});

	test('an unknown preset is refused, naming the valid ones', () => {
		expect(() => sunsetContacts([], { preset: 'nope' as never })).toThrow(
			'field "preset": preset must be one of hubspotGraymail, klaviyoUnengaged, klaviyoSunset, mailpoetInactive, bands',
		);
	});
});
