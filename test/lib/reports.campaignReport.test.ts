import fc from 'fast-check';

import { buildCampaignReport } from '../../lib/reports/campaignReport';
import type { ReportEvent } from '../../lib/reports/types';

const DAY = 86_400_000;
const SEND = Date.parse('2024-03-01T09:00:00Z');

function event(
	contactId: string,
	type: ReportEvent['type'],
	at: number,
	extra: Partial<ReportEvent> = {},
): ReportEvent {
	return { contactId, type, timestamp: at, campaignId: 'c1', ...extra };
}

function only<T>(rows: T[]): T {
	expect(rows).toHaveLength(1);
	return rows[0];
}

describe('Channel Talk (seed 001): Viewed — "a view only counts within a week from when the message was sent"', () => {
	test('view on day 7 (exactly 7 days after the send) is counted', () => {
		const report = buildCampaignReport([
			event('u1', 'sent', SEND),
			event('u1', 'open', SEND + 7 * DAY),
		]);
		expect(only(report.campaigns)).toMatchObject({ sent: 1, view: 1 });
		expect(only(report.users).view).toBe(new Date(SEND + 7 * DAY).toISOString());
	});

	test('view on day 8 is not counted', () => {
		const report = buildCampaignReport([
			event('u1', 'sent', SEND),
			event('u1', 'open', SEND + 8 * DAY),
		]);
		expect(only(report.campaigns)).toMatchObject({ sent: 1, view: 0 });
		expect(only(report.users).view).toBeNull();
	});

	test('a week is 7 × 24 hours: one second past day 7 is not counted', () => {
		const report = buildCampaignReport([
			event('u1', 'sent', SEND),
			event('u1', 'open', SEND + 7 * DAY + 1000),
		]);
		expect(only(report.campaigns).view).toBe(0);
	});

	test('the first open inside the week is the view time, a later re-open changes nothing', () => {
		const report = buildCampaignReport([
			event('u1', 'open', SEND + 3 * DAY),
			event('u1', 'sent', SEND),
			event('u1', 'open', SEND + 1 * DAY),
		]);
		expect(only(report.users).view).toBe(new Date(SEND + DAY).toISOString());
	});

	test('an open before the send is not a view', () => {
		const report = buildCampaignReport([
			event('u1', 'open', SEND - 1000),
			event('u1', 'sent', SEND),
		]);
		expect(only(report.campaigns).view).toBe(0);
	});

	test('viewWindowDays changes the week', () => {
		const events = [event('u1', 'sent', SEND), event('u1', 'open', SEND + 8 * DAY)];
		expect(only(buildCampaignReport(events, { viewWindowDays: 10 }).campaigns).view).toBe(1);
	});

	test('machine opens are not views unless asked', () => {
		const events = [event('u1', 'sent', SEND), event('u1', 'open', SEND + DAY, { machine: true })];
		expect(only(buildCampaignReport(events).campaigns).view).toBe(0);
		expect(only(buildCampaignReport(events, { excludeMachine: false }).campaigns).view).toBe(1);
	});

	test('a click is a view only with clickCountsAsView', () => {
		const events = [event('u1', 'sent', SEND), event('u1', 'click', SEND + DAY)];
		expect(only(buildCampaignReport(events).campaigns)).toMatchObject({ view: 0, click: 1 });
		expect(only(buildCampaignReport(events, { clickCountsAsView: true }).campaigns)).toMatchObject({
			view: 1,
			click: 1,
		});
	});
});

describe('Channel Talk (seed 001): Goal — "up to 30 days after the message is sent"; not viewed or not "within a week of viewing" excluded', () => {
	test('goal without view is not counted', () => {
		const report = buildCampaignReport([
			event('u1', 'sent', SEND),
			event('u1', 'conversion', SEND + 2 * DAY, { campaignId: undefined }),
		]);
		expect(only(report.campaigns)).toMatchObject({ sent: 1, view: 0, goal: 0 });
	});

	test('goal 7 days after the view is counted, 8 days after is not', () => {
		const viewed = [event('u1', 'sent', SEND), event('u1', 'open', SEND + DAY)];
		const within = buildCampaignReport([...viewed, event('u1', 'conversion', SEND + 8 * DAY)]);
		expect(only(within.campaigns).goal).toBe(1);
		expect(only(within.users).goal).toBe(new Date(SEND + 8 * DAY).toISOString());
		const late = buildCampaignReport([...viewed, event('u1', 'conversion', SEND + 9 * DAY)]);
		expect(only(late.campaigns)).toMatchObject({ view: 1, goal: 0 });
	});

	test('goal at day 31 after the send is not counted, day 30 is (view window after view widened to isolate the 30 days)', () => {
		const viewed = [event('u1', 'sent', SEND), event('u1', 'open', SEND + 1 * DAY)];
		const options = { goalAfterViewDays: 60 };
		const day30 = buildCampaignReport(
			[...viewed, event('u1', 'conversion', SEND + 30 * DAY)],
			options,
		);
		expect(only(day30.campaigns).goal).toBe(1);
		const day31 = buildCampaignReport(
			[...viewed, event('u1', 'conversion', SEND + 31 * DAY)],
			options,
		);
		expect(only(day31.campaigns).goal).toBe(0);
	});

	test('a goal before the view is not counted', () => {
		const report = buildCampaignReport([
			event('u1', 'sent', SEND),
			event('u1', 'conversion', SEND + DAY),
			event('u1', 'open', SEND + 2 * DAY),
		]);
		expect(only(report.campaigns)).toMatchObject({ view: 1, goal: 0 });
	});

	test('a goal naming another campaign does not count for this one', () => {
		const report = buildCampaignReport([
			event('u1', 'sent', SEND),
			event('u1', 'open', SEND + DAY),
			event('u1', 'conversion', SEND + 2 * DAY, { campaignId: 'other' }),
		]);
		expect(only(report.campaigns).goal).toBe(0);
	});

	test('goalTypes lets a purchase be the goal', () => {
		const events = [
			event('u1', 'sent', SEND),
			event('u1', 'open', SEND + DAY),
			event('u1', 'purchase', SEND + 2 * DAY),
		];
		expect(only(buildCampaignReport(events).campaigns).goal).toBe(0);
		expect(only(buildCampaignReport(events, { goalTypes: ['purchase'] }).campaigns).goal).toBe(1);
	});
});

describe('Channel Talk (seed 001): sheets', () => {
	const events: ReportEvent[] = [
		event('u1', 'sent', SEND, { campaignName: 'Spring sale', campaignState: 'finished' }),
		event('u2', 'sent', SEND + 3600_000),
		event('u3', 'delivered', SEND + 2 * DAY),
		event('u1', 'open', SEND + 4 * DAY),
		event('u1', 'click', SEND + 4 * DAY + 60_000),
		event('u1', 'conversion', SEND + 5 * DAY, { campaignId: undefined }),
		event('u9', 'open', SEND),
		event('u2', 'sent', SEND, { campaignId: 'c2' }),
	];

	test('Campaign data: counts of contacts, start and end of the sends, name and state passed through', () => {
		const report = buildCampaignReport(events);
		expect(report.campaigns).toEqual([
			{
				campaignId: 'c1',
				name: 'Spring sale',
				state: 'finished',
				sent: 3,
				view: 1,
				click: 1,
				goal: 1,
				startAt: '2024-03-01T09:00:00.000Z',
				endAt: '2024-03-03T09:00:00.000Z',
			},
			{
				campaignId: 'c2',
				sent: 1,
				view: 0,
				click: 0,
				goal: 0,
				startAt: '2024-03-01T09:00:00.000Z',
				endAt: '2024-03-01T09:00:00.000Z',
			},
		]);
	});

	test('columns come in the sheet order (campaignId first, name and state next to it)', () => {
		const report = buildCampaignReport(events);
		expect(Object.keys(report.campaigns[0])).toEqual([
			'campaignId',
			'name',
			'state',
			'sent',
			'view',
			'click',
			'goal',
			'startAt',
			'endAt',
		]);
		expect(Object.keys(report.daily[0])).toEqual([
			'campaignId',
			'date',
			'sent',
			'view',
			'click',
			'goal',
		]);
		expect(Object.keys(report.users[0])).toEqual([
			'campaignId',
			'userId',
			'sent',
			'view',
			'click',
			'goal',
		]);
	});

	test('CampaignStat "shows the entire duration of the campaign per day", days without activity included', () => {
		const daily = buildCampaignReport(events).daily.filter((row) => row.campaignId === 'c1');
		expect(
			daily.map(({ date, sent, view, click, goal }) => [date, sent, view, click, goal]),
		).toEqual([
			['2024-03-01', 2, 0, 0, 0],
			['2024-03-02', 0, 0, 0, 0],
			['2024-03-03', 1, 0, 0, 0],
			['2024-03-04', 0, 0, 0, 0],
			['2024-03-05', 0, 1, 1, 0],
			['2024-03-06', 0, 0, 0, 1],
		]);
	});

	test('CampaignUser: one row per contact sent to, times as ISO-8601 or null; contacts never sent to are left out', () => {
		const users = buildCampaignReport(events).users;
		expect(users.map((row) => `${row.campaignId}/${row.userId}`)).toEqual([
			'c1/u1',
			'c1/u2',
			'c1/u3',
			'c2/u2',
		]);
		expect(users[0]).toEqual({
			campaignId: 'c1',
			userId: 'u1',
			sent: '2024-03-01T09:00:00.000Z',
			view: '2024-03-05T09:00:00.000Z',
			click: '2024-03-05T09:01:00.000Z',
			goal: '2024-03-06T09:00:00.000Z',
		});
		expect(users[1]).toMatchObject({ userId: 'u2', view: null, click: null, goal: null });
	});

	test('daily rows follow the time zone across its midnight', () => {
		const lateEvening = Date.parse('2024-03-01T23:30:00Z');
		const sendAndOpen = [
			event('u1', 'sent', lateEvening),
			event('u1', 'open', lateEvening + 3600_000),
		];
		const utc = buildCampaignReport(sendAndOpen).daily;
		expect(utc.map(({ date, sent, view }) => [date, sent, view])).toEqual([
			['2024-03-01', 1, 0],
			['2024-03-02', 0, 1],
		]);
		const seoul = buildCampaignReport(sendAndOpen, { timezone: 'Asia/Seoul' }).daily;
		expect(seoul.map(({ date, sent, view }) => [date, sent, view])).toEqual([['2024-03-02', 1, 1]]);
		const newYork = buildCampaignReport(sendAndOpen, { timezone: 'America/New_York' }).daily;
		expect(newYork.map(({ date, sent, view }) => [date, sent, view])).toEqual([
			['2024-03-01', 1, 1],
		]);
	});

	test('daily rows across a daylight-saving change keep one row per calendar day', () => {
		const beforeChange = Date.parse('2024-03-09T12:00:00-05:00');
		const daily = buildCampaignReport(
			[event('u1', 'sent', beforeChange), event('u1', 'open', beforeChange + 2 * DAY)],
			{ timezone: 'America/New_York' },
		).daily;
		expect(daily.map((row) => row.date)).toEqual(['2024-03-09', '2024-03-10', '2024-03-11']);
		expect(daily[2].view).toBe(1);
	});

	test('ISO timestamps without an offset are read in the report time zone', () => {
		const report = buildCampaignReport(
			[
				{ contactId: 'u1', type: 'sent', timestamp: '2024-03-01T08:00:00', campaignId: 'c1' },
				{ contactId: 'u1', type: 'open', timestamp: '2024-03-08T08:00:00+09:00', campaignId: 'c1' },
			],
			{ timezone: 'Asia/Seoul' },
		);
		expect(only(report.users)).toMatchObject({
			sent: '2024-02-29T23:00:00.000Z',
			view: '2024-03-07T23:00:00.000Z',
		});
		expect(report.daily.map((row) => row.date)).toEqual([
			'2024-03-01',
			'2024-03-02',
			'2024-03-03',
			'2024-03-04',
			'2024-03-05',
			'2024-03-06',
			'2024-03-07',
			'2024-03-08',
		]);
	});

	test('sheets: only the sheets asked for are built, with the same figures', () => {
		const full = buildCampaignReport(events);
		const campaignsOnly = buildCampaignReport(events, { sheets: ['campaigns'] });
		expect(campaignsOnly).toEqual({ campaigns: full.campaigns, daily: [], users: [] });
		const dailyAndUsers = buildCampaignReport(events, { sheets: ['daily', 'users'] });
		expect(dailyAndUsers).toEqual({ campaigns: [], daily: full.daily, users: full.users });
		expect(() => buildCampaignReport(events, { sheets: ['people' as never] })).toThrow(
			'field "sheets"',
		);
	});

	test('events without a campaign are left out of the campaign sheets', () => {
		const report = buildCampaignReport([event('u1', 'sent', SEND, { campaignId: undefined })]);
		expect(report).toEqual({ campaigns: [], daily: [], users: [] });
	});

	test('an invalid event names its index and field', () => {
		expect(() =>
			buildCampaignReport([event('u1', 'sent', SEND), event('u1', 'open', Number.NaN)]),
		).toThrow('event 1, field "timestamp"');
		expect(() =>
			buildCampaignReport([{ ...event('u1', 'sent', SEND), type: 'opened' as never }]),
		).toThrow('event 0, field "type"');
		expect(() => buildCampaignReport([], { viewWindowDays: -1 })).toThrow('viewWindowDays');
		const brokenClock = [
			event('u1', 'sent', SEND),
			event('u2', 'sent', Date.parse('9999-01-01T00:00:00Z')),
		];
		expect(() => buildCampaignReport(brokenClock)).toThrow(
			/campaign "c1" spans \d+ days \(2024-03-01 to 9999-01-01\)/,
		);
		expect(buildCampaignReport(brokenClock, { sheets: ['campaigns'] }).campaigns[0].sent).toBe(2);
		expect(() => buildCampaignReport([], { timezone: 'Mars/Olympus' })).toThrow('timezone');
	});
});

describe('Channel Talk (seed 001): "breakdown through time ... using preset times or through a custom user period"', () => {
	const asOf = '2024-03-20T12:00:00Z';
	const events = [
		event('u1', 'sent', Date.parse('2024-02-10T10:00:00Z')),
		event('u1', 'open', Date.parse('2024-02-12T10:00:00Z')),
		event('u2', 'sent', Date.parse('2024-03-13T10:00:00Z')),
		event('u2', 'open', Date.parse('2024-03-14T10:00:00Z')),
		event('u3', 'sent', Date.parse('2024-03-12T23:30:00Z')),
	];

	test('last7Days covers the 7 calendar days ending today in the time zone', () => {
		const lateSend = event('u3', 'sent', Date.parse('2024-03-13T23:30:00Z')); // 08:30 on the 14th in Seoul
		const utc = buildCampaignReport([...events, lateSend], { period: 'last7Days', asOf });
		expect(only(utc.campaigns)).toMatchObject({ sent: 0, view: 1 });
		expect(utc.daily.map((row) => row.date)).toEqual(['2024-03-14']);
		const seoul = buildCampaignReport([...events, lateSend], {
			period: 'last7Days',
			asOf,
			timezone: 'Asia/Seoul',
		});
		expect(only(seoul.campaigns)).toMatchObject({ sent: 1, view: 1 });
		expect(seoul.users.map((row) => [row.userId, row.sent !== null])).toEqual([
			['u2', false],
			['u3', true],
		]);
	});

	test('last30Days, thisMonth and lastMonth', () => {
		expect(
			only(buildCampaignReport(events, { period: 'last30Days', asOf }).campaigns),
		).toMatchObject({
			sent: 2,
			view: 1,
		});
		expect(
			only(buildCampaignReport(events, { period: 'thisMonth', asOf }).campaigns),
		).toMatchObject({
			sent: 2,
			view: 1,
		});
		const lastMonth = buildCampaignReport(events, { period: 'lastMonth', asOf });
		expect(only(lastMonth.campaigns)).toMatchObject({ sent: 1, view: 1 });
		expect(lastMonth.users.map((row) => row.userId)).toEqual(['u1']);
		expect(lastMonth.daily.at(-1)?.date).toBe('2024-02-29');
	});

	test('a custom period with bare dates includes both whole days, in the time zone', () => {
		const report = buildCampaignReport(events, { from: '2024-03-13', to: '2024-03-13' });
		expect(only(report.campaigns)).toMatchObject({ sent: 1, view: 0 });
		expect(report.daily.map((row) => row.date)).toEqual(['2024-03-13']);
		const seoul = buildCampaignReport(events, {
			from: '2024-03-13',
			to: '2024-03-13',
			timezone: 'Asia/Seoul',
		});
		expect(only(seoul.campaigns)).toMatchObject({ sent: 2 });
	});

	test('a send before the period with its view inside counts the view only', () => {
		const report = buildCampaignReport(events, { from: '2024-02-11', to: '2024-02-29' });
		expect(only(report.campaigns)).toMatchObject({ sent: 0, view: 1 });
		expect(only(report.users)).toMatchObject({ userId: 'u1', sent: null });
	});

	test('wholeCampaignKinds: such campaigns with activity in the period are reported over their entire duration', () => {
		const broadcast = buildCampaignReport(events, {
			from: '2024-03-13',
			to: '2024-03-13',
			wholeCampaignKinds: ['broadcast'],
		});
		expect(only(broadcast.campaigns)).toMatchObject({ sent: 3, view: 2 });
		expect(broadcast.daily[0].date).toBe('2024-02-10');
		const automationOnly = buildCampaignReport(events, {
			from: '2024-03-13',
			to: '2024-03-13',
			wholeCampaignKinds: ['automation'],
		});
		expect(only(automationOnly.campaigns)).toMatchObject({ sent: 1 });
		const elsewhere = buildCampaignReport(events, {
			from: '2024-01-01',
			to: '2024-01-31',
			wholeCampaignKinds: ['broadcast'],
		});
		expect(elsewhere.campaigns).toEqual([]);
	});

	test('a period that ends before it starts is an error naming "to"', () => {
		expect(() => buildCampaignReport(events, { from: '2024-03-13', to: '2024-03-12' })).toThrow(
			'"to"',
		);
	});
});

describe('campaign report invariants (property-based)', () => {
	const types: ReportEvent['type'][] = ['sent', 'delivered', 'open', 'click', 'conversion'];
	const arbitraryEvent = fc.record({
		contactId: fc.constantFrom('a', 'b', 'c', 'd'),
		type: fc.constantFrom(...types),
		timestamp: fc.integer({ min: SEND, max: SEND + 60 * DAY }),
		campaignId: fc.constantFrom('c1', 'c2', undefined),
	}) as fc.Arbitrary<ReportEvent>;
	const arbitraryOptions = fc.record({
		timezone: fc.constantFrom('UTC', 'Asia/Seoul', 'America/New_York', 'Asia/Kathmandu'),
		from: fc.constantFrom(undefined, '2024-03-10'),
		to: fc.constantFrom(undefined, '2024-04-10'),
	});

	test('campaign totals equal the sum of the daily rows and the non-null user times; views ≤ sends', () => {
		fc.assert(
			fc.property(
				fc.array(arbitraryEvent, { maxLength: 60 }),
				arbitraryOptions,
				(events, options) => {
					const report = buildCampaignReport(events, options);
					for (const campaign of report.campaigns) {
						const daily = report.daily.filter((row) => row.campaignId === campaign.campaignId);
						const users = report.users.filter((row) => row.campaignId === campaign.campaignId);
						for (const field of ['view', 'click', 'goal'] as const) {
							expect(daily.reduce((sum, row) => sum + row[field], 0)).toBe(campaign[field]);
							expect(users.filter((row) => row[field] !== null)).toHaveLength(campaign[field]);
						}
						expect(users.filter((row) => row.sent !== null)).toHaveLength(campaign.sent);
						expect(campaign.goal).toBeLessThanOrEqual(users.length);
						const dates = daily.map((row) => row.date);
						expect([...dates].sort()).toEqual(dates);
						expect(new Set(dates).size).toBe(dates.length);
					}
				},
			),
			{ numRuns: 200 },
		);
	});

	test('events repeated with the same eventId (webhook retries) change nothing', () => {
		fc.assert(
			fc.property(
				fc.array(arbitraryEvent, { maxLength: 40 }),
				fc.array(fc.nat(), { maxLength: 10 }),
				(events, picks) => {
					const withIds = events.map((e, i) => ({ ...e, eventId: `e${i}` }));
					const retried = [...withIds];
					for (const pick of picks) {
						if (withIds.length > 0) retried.push({ ...withIds[pick % withIds.length] });
					}
					expect(buildCampaignReport(retried)).toEqual(buildCampaignReport(withIds));
				},
			),
			{ numRuns: 200 },
		);
	});

	test('the order of the events does not matter', () => {
		fc.assert(
			fc.property(
				fc
					.array(arbitraryEvent, { maxLength: 40 })
					.chain((events) =>
						fc.tuple(
							fc.constant(events),
							fc.shuffledSubarray(events, { minLength: events.length }),
						),
					),
				([events, shuffled]) => {
					expect(buildCampaignReport(shuffled)).toEqual(buildCampaignReport(events));
				},
			),
			{ numRuns: 200 },
		);
	});
});
