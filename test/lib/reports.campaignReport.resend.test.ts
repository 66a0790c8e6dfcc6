import fc from 'fast-check';

import { buildCampaignReport } from '../../lib/reports/campaignReport';
import type { CampaignReportOptions, ReportEvent } from '../../lib/reports/types';

/**
 * Seed 001 when a campaign reaches the same contact more than once (an automation, a re-send): every send opens its
 * own view window, and every valid view its own goal window.
 */

const DAY = 86_400_000;
const T0 = Date.parse('2024-03-01T10:00:00Z');
const at = (day: number): number => T0 + day * DAY;
const iso = (day: number): string => new Date(at(day)).toISOString();

function event(
	type: ReportEvent['type'],
	day: number,
	extra: Partial<ReportEvent> = {},
): ReportEvent {
	return { contactId: 'u1', type, timestamp: at(day), campaignId: 'c1', ...extra };
}

function only<T>(rows: T[]): T {
	expect(rows).toHaveLength(1);
	return rows[0];
}

/** The user row of u1 for c1, with the days (from T0) of its send, view, click and goal, null for none. */
function userRow(...days: Array<number | null>) {
	const [sent, view, click, goal] = days.map((day) => (day === null ? null : iso(day)));
	return { campaignId: 'c1', userId: 'u1', sent, view, click, goal };
}

function figures(report: ReturnType<typeof buildCampaignReport>) {
	const { sent, view, click, goal } = only(report.campaigns);
	return { sent, view, click, goal };
}

/** Sent day 0, opened day 1; sent again day 20, opened day 21; converted day 22. */
const RESENT: ReportEvent[] = [
	event('sent', 0),
	event('open', 1),
	event('sent', 20),
	event('open', 21),
	event('conversion', 22),
];
/** 2024-03-15 .. 2024-03-31 covers days 20–22 (the 21st to the 23rd) and not days 0–1. */
const LATE_PERIOD: CampaignReportOptions = { from: '2024-03-15', to: '2024-03-31' };

describe('Channel Talk (seed 001), re-sends: "A view only counts within a week from when the message was sent to the customer"', () => {
	test('an open a week after the re-send is a view even though the first send is three weeks old', () => {
		const report = buildCampaignReport([event('sent', 0), event('sent', 20), event('open', 27)]);
		expect(figures(report)).toEqual({ sent: 1, view: 1, click: 0, goal: 0 });
		expect(only(report.users)).toMatchObject({ sent: iso(0), view: iso(27) });
	});

	test('an open 8 days after the first send and before the re-send is not a view', () => {
		const report = buildCampaignReport([event('sent', 0), event('open', 8), event('sent', 20)]);
		expect(figures(report).view).toBe(0);
	});

	test('with a period, the valid view of the re-send inside it counts although the first view lies before it', () => {
		const report = buildCampaignReport(RESENT, LATE_PERIOD);
		expect(figures(report)).toEqual({ sent: 1, view: 1, click: 0, goal: 1 });
		expect(only(report.users)).toEqual(userRow(20, 21, null, 22));
	});

	test('with a period, a valid view inside it counts when the only send lies before it', () => {
		const report = buildCampaignReport([event('sent', 0), event('open', 1), event('open', 5)], {
			from: '2024-03-04',
			to: '2024-03-10',
		});
		expect(figures(report)).toEqual({ sent: 0, view: 1, click: 0, goal: 0 });
		expect(only(report.users)).toMatchObject({ sent: null, view: iso(5) });
	});

	test('clicks too: a click of the re-send inside the period counts when the first click lies before it', () => {
		const events = [event('sent', 0), event('click', 1), event('sent', 20), event('click', 21)];
		expect(figures(buildCampaignReport(events))).toMatchObject({ click: 1 });
		const report = buildCampaignReport(events, LATE_PERIOD);
		expect(figures(report)).toEqual({ sent: 1, view: 0, click: 1, goal: 0 });
		expect(only(report.users).click).toBe(iso(21));
	});

	test('wholeCampaignKinds: a campaign whose only activity in the period is a later valid view is listed', () => {
		const events = [event('sent', 0), event('open', 1), event('open', 5)];
		const report = buildCampaignReport(events, {
			from: '2024-03-06',
			to: '2024-03-06',
			wholeCampaignKinds: ['broadcast'],
		});
		expect(figures(report)).toEqual({ sent: 1, view: 1, click: 0, goal: 0 });
		expect(only(report.users)).toMatchObject({ sent: iso(0), view: iso(1) });
	});
});

describe('Channel Talk (seed 001), re-sends: "Goals measures goals achieved for up to 30 days after the message is sent" and "Targets that have not been viewed by customers or achieved within a week of viewing the marketing message are excluded"', () => {
	test('a goal a day after the view of the re-send counts, though it is three weeks after the first view', () => {
		const report = buildCampaignReport(RESENT);
		expect(figures(report)).toEqual({ sent: 1, view: 1, click: 0, goal: 1 });
		expect(only(report.users)).toEqual(userRow(0, 1, null, 22));
	});

	test('a goal after a re-send that was not viewed is excluded (the earlier view is more than a week before it)', () => {
		const report = buildCampaignReport([
			event('sent', 0),
			event('open', 1),
			event('sent', 20),
			event('conversion', 22),
		]);
		expect(figures(report)).toEqual({ sent: 1, view: 1, click: 0, goal: 0 });
	});

	test('the goal window runs from the latest send before the goal', () => {
		// The conversion is 22 days after the first send but 2 after the re-send.
		expect(figures(buildCampaignReport(RESENT, { goalWindowDays: 2 })).goal).toBe(1);
		expect(figures(buildCampaignReport(RESENT, { goalWindowDays: 1.9 })).goal).toBe(0);
	});

	test('the week after the view is counted from the nearest view before the goal', () => {
		// Views on days 1 and 21; the conversion on day 28 is 7 days after the second one, day 29 is 8 days after.
		const viewed = RESENT.slice(0, 4);
		expect(figures(buildCampaignReport([...viewed, event('conversion', 28)])).goal).toBe(1);
		expect(figures(buildCampaignReport([...viewed, event('conversion', 29)])).goal).toBe(0);
	});

	test('a goal naming another campaign still does not count after a re-send', () => {
		const events = [...RESENT.slice(0, 4), event('conversion', 22, { campaignId: 'other' })];
		expect(figures(buildCampaignReport(events)).goal).toBe(0);
	});

	test('a goal without a campaign counts for each campaign whose view qualifies it', () => {
		const events = [
			...RESENT.slice(0, 4),
			event('sent', 19, { campaignId: 'c2' }),
			event('open', 19.5, { campaignId: 'c2' }),
			event('conversion', 22, { campaignId: undefined }),
		];
		const report = buildCampaignReport(events);
		expect(report.campaigns.map((row) => [row.campaignId, row.goal])).toEqual([
			['c1', 1],
			['c2', 1],
		]);
	});

	test('with clickCountsAsView, a click of the re-send is the view the goal needs', () => {
		const events = [
			event('sent', 0),
			event('click', 1),
			event('sent', 20),
			event('click', 21),
			event('conversion', 22),
		];
		expect(figures(buildCampaignReport(events)).goal).toBe(0);
		expect(figures(buildCampaignReport(events, { clickCountsAsView: true }))).toEqual({
			sent: 1,
			view: 1,
			click: 1,
			goal: 1,
		});
	});

	test('several qualifying goals count once, at the first; with a period, at the first inside it', () => {
		const events = [...RESENT, event('conversion', 2), event('conversion', 3)];
		const whole = buildCampaignReport(events);
		expect(figures(whole).goal).toBe(1);
		expect(only(whole.users).goal).toBe(iso(2));
		expect(whole.daily.reduce((sum, row) => sum + row.goal, 0)).toBe(1);
		const late = buildCampaignReport(events, LATE_PERIOD);
		expect(figures(late).goal).toBe(1);
		expect(only(late.users).goal).toBe(iso(22));
	});
});

describe('Channel Talk (seed 001), re-sends: CampaignStat "A number of customers who viewed messages for each day"', () => {
	const row = (
		daily: ReturnType<typeof buildCampaignReport>['daily'],
	): Array<[string, number, number, number, number]> =>
		daily
			.filter((day) => day.sent + day.view + day.click + day.goal > 0)
			.map(({ date, sent, view, click, goal }) => [date, sent, view, click, goal]);

	test('whole duration: sent on both send days, the view on the day of the first view, the goal on its day', () => {
		const report = buildCampaignReport(RESENT);
		expect(row(report.daily)).toEqual([
			['2024-03-01', 1, 0, 0, 0],
			['2024-03-02', 0, 1, 0, 0],
			['2024-03-21', 1, 0, 0, 0],
			['2024-03-23', 0, 0, 0, 1],
		]);
		expect(report.daily).toHaveLength(23);
		// `sent` counts contacts per day, so its daily rows add up to more than the campaign's one contact.
		expect(report.daily.reduce((sum, day) => sum + day.sent, 0)).toBe(2);
		expect(figures(report).sent).toBe(1);
	});

	test('with a period: the rows use the view and goal inside it', () => {
		const report = buildCampaignReport(RESENT, LATE_PERIOD);
		expect(row(report.daily)).toEqual([
			['2024-03-21', 1, 0, 0, 0],
			['2024-03-22', 0, 1, 0, 0],
			['2024-03-23', 0, 0, 0, 1],
		]);
		// The rows start with the period, not with the campaign's first send on 2024-03-01.
		expect(report.daily[0].date).toBe('2024-03-15');
	});

	test('a period of one day between the two views has nothing for that day but a send', () => {
		const report = buildCampaignReport(RESENT, { from: '2024-03-21', to: '2024-03-21' });
		expect(figures(report)).toEqual({ sent: 1, view: 0, click: 0, goal: 0 });
		expect(row(report.daily)).toEqual([['2024-03-21', 1, 0, 0, 0]]);
	});
});

/**
 * The rules written out the slow way, one (campaign, contact) at a time, to check the columnar code against: every
 * figure is the first of its kind in [from, to), and a contact is counted at most once per figure.
 */
function reference(
	events: ReportEvent[],
	options: { from: number; to: number; clickCountsAsView: boolean; goalWindowDays: number },
) {
	const time = (e: ReportEvent) => e.timestamp as number;
	const firstIn = (times: number[]) => {
		const inside = times.filter((t) => t >= options.from && t < options.to);
		return inside.length === 0 ? null : Math.min(...inside);
	};
	const rows = new Map<
		string,
		{ sent: number | null; view: number | null; click: number | null; goal: number | null }
	>();
	const keys = new Set(
		events
			.filter((e) => e.campaignId !== undefined && (e.type === 'sent' || e.type === 'delivered'))
			.map((e) => `${e.campaignId}\u0000${e.contactId}`),
	);
	for (const key of keys) {
		const [campaignId, contactId] = key.split('\u0000');
		const own = events.filter((e) => e.campaignId === campaignId && e.contactId === contactId);
		const sends = own.filter((e) => e.type === 'sent' || e.type === 'delivered').map(time);
		const latestSend = (t: number) => Math.max(...sends.filter((s) => s <= t));
		const viewTypes = options.clickCountsAsView ? ['open', 'click'] : ['open'];
		const views = own
			.filter((e) => viewTypes.includes(e.type) && time(e) - latestSend(time(e)) <= 7 * DAY)
			.map(time);
		const clicks = own.filter((e) => e.type === 'click' && time(e) >= Math.min(...sends)).map(time);
		const goals = events
			.filter(
				(e) =>
					e.type === 'conversion' &&
					e.contactId === contactId &&
					(e.campaignId === undefined || e.campaignId === campaignId) &&
					views.some((v) => v <= time(e) && time(e) - v <= 7 * DAY) &&
					time(e) - latestSend(time(e)) <= options.goalWindowDays * DAY,
			)
			.map(time);
		rows.set(key, {
			sent: firstIn(sends),
			view: firstIn(views),
			click: firstIn(clicks),
			goal: firstIn(goals),
		});
	}
	return rows;
}

describe('campaign report with re-sends: nothing counted twice (property-based, against the rules written out)', () => {
	// Few contacts and campaigns over a few weeks, times on a coarse grid (quarter days, some exactly on a window's
	// edge): the same campaign reaches a contact several times, with views and goals around each send.
	const arbitraryEvent = fc.record({
		contactId: fc.constantFrom('a', 'b'),
		type: fc.constantFrom<ReportEvent['type']>('sent', 'delivered', 'open', 'click', 'conversion'),
		timestamp: fc.integer({ min: 0, max: 45 * 4 }).map((quarter) => T0 + (quarter * DAY) / 4),
		campaignId: fc.constantFrom('c1', 'c1', 'c2', undefined),
	}) as fc.Arbitrary<ReportEvent>;
	const arbitraryOptions = fc.record({
		period: fc.constantFrom(
			[undefined, undefined],
			[iso(10), undefined],
			[undefined, iso(25)],
			[iso(15), iso(35)],
		),
		clickCountsAsView: fc.boolean(),
		goalWindowDays: fc.constantFrom(30, 3),
	});

	test('user rows, campaign rows and daily rows agree with the reference; each contact once per row and figure', () => {
		fc.assert(
			fc.property(
				fc.array(arbitraryEvent, { minLength: 5, maxLength: 50 }),
				arbitraryOptions,
				(events, { period, clickCountsAsView, goalWindowDays }) => {
					const [fromIso, toIso] = period as [string | undefined, string | undefined];
					const report = buildCampaignReport(events, {
						from: fromIso,
						to: toIso,
						clickCountsAsView,
						goalWindowDays,
					});
					const periodFrom = fromIso === undefined ? -Infinity : Date.parse(fromIso);
					// An instant `to` is inclusive.
					const periodTo = toIso === undefined ? Infinity : Date.parse(toIso) + 1;
					const expected = reference(events, {
						from: periodFrom,
						to: periodTo,
						clickCountsAsView,
						goalWindowDays,
					});
					const isoOrNull = (t: number | null) => (t === null ? null : new Date(t).toISOString());
					const expectedUsers = [...expected]
						.filter(([, row]) => Object.values(row).some((t) => t !== null))
						.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
						.map(([key, row]) => {
							const [campaignId, userId] = key.split('\u0000');
							return {
								campaignId,
								userId,
								sent: isoOrNull(row.sent),
								view: isoOrNull(row.view),
								click: isoOrNull(row.click),
								goal: isoOrNull(row.goal),
							};
						});
					expect(report.users).toEqual(expectedUsers);
					expect(report.campaigns.map((row) => row.campaignId)).toEqual([
						...new Set(expectedUsers.map((row) => row.campaignId)),
					]);

					for (const campaign of report.campaigns) {
						const users = expectedUsers.filter((row) => row.campaignId === campaign.campaignId);
						const daily = report.daily.filter((row) => row.campaignId === campaign.campaignId);
						for (const field of ['sent', 'view', 'click', 'goal'] as const) {
							expect(campaign[field]).toBe(users.filter((row) => row[field] !== null).length);
							expect(campaign[field]).toBeLessThanOrEqual(users.length);
						}
						for (const field of ['view', 'click', 'goal'] as const) {
							const perDay = new Map<string, number>();
							for (const user of users) {
								const value = user[field];
								if (value === null) continue;
								const date = value.slice(0, 10);
								perDay.set(date, (perDay.get(date) ?? 0) + 1);
							}
							for (const day of daily) expect(day[field]).toBe(perDay.get(day.date) ?? 0);
							expect(daily.reduce((sum, day) => sum + day[field], 0)).toBe(campaign[field]);
						}
						// Daily `sent`: the contacts with a send in the period that day, each once however many sends.
						for (const day of daily) {
							const sentThatDay = new Set(
								events
									.filter(
										(e) =>
											e.campaignId === campaign.campaignId &&
											(e.type === 'sent' || e.type === 'delivered') &&
											(e.timestamp as number) >= periodFrom &&
											(e.timestamp as number) < periodTo &&
											new Date(e.timestamp as number).toISOString().startsWith(day.date),
									)
									.map((e) => e.contactId),
							);
							expect(day.sent).toBe(sentThatDay.size);
						}
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});
