import { DateTime } from 'luxon';

import { resolvePeriod } from '../../lib/reports/period';

const iso = (millis: number | null, zone: string) =>
	millis === null ? null : DateTime.fromMillis(millis, { zone }).toISO();

describe('Channel Talk (seed 001): period presets and a custom period, in the time zone, relative to asOf', () => {
	test('last7Days / last30Days / last90Days: that many calendar days ending with the day of asOf', () => {
		const asOf = '2024-03-20T12:00:00Z';
		const seven = resolvePeriod({ period: 'last7Days', asOf });
		expect([iso(seven.from, 'UTC'), iso(seven.to, 'UTC')]).toEqual([
			'2024-03-14T00:00:00.000Z',
			'2024-03-21T00:00:00.000Z',
		]);
		const thirty = resolvePeriod({ period: 'last30Days', asOf });
		expect(iso(thirty.from, 'UTC')).toBe('2024-02-20T00:00:00.000Z');
		const ninety = resolvePeriod({ period: 'last90Days', asOf });
		expect(iso(ninety.from, 'UTC')).toBe('2023-12-22T00:00:00.000Z');
	});

	test('days are local: at 23:30 UTC it is already tomorrow in Seoul', () => {
		const zone = 'Asia/Seoul';
		const period = resolvePeriod({
			period: 'last7Days',
			asOf: '2024-03-20T23:30:00Z',
			timezone: zone,
		});
		expect([iso(period.from, zone), iso(period.to, zone)]).toEqual([
			'2024-03-15T00:00:00.000+09:00',
			'2024-03-22T00:00:00.000+09:00',
		]);
	});

	test('across a daylight-saving change the period still starts at local midnight', () => {
		const zone = 'Europe/Berlin';
		const period = resolvePeriod({
			period: 'last7Days',
			asOf: '2024-04-02T10:00:00Z',
			timezone: zone,
		});
		expect(iso(period.from, zone)).toBe('2024-03-27T00:00:00.000+01:00');
		expect(iso(period.to, zone)).toBe('2024-04-03T00:00:00.000+02:00');
	});

	test('thisMonth and lastMonth, lastMonth across a year boundary', () => {
		const asOf = '2024-01-15T08:00:00Z';
		const thisMonth = resolvePeriod({ period: 'thisMonth', asOf });
		expect([iso(thisMonth.from, 'UTC'), iso(thisMonth.to, 'UTC')]).toEqual([
			'2024-01-01T00:00:00.000Z',
			'2024-02-01T00:00:00.000Z',
		]);
		const lastMonth = resolvePeriod({ period: 'lastMonth', asOf });
		expect([iso(lastMonth.from, 'UTC'), iso(lastMonth.to, 'UTC')]).toEqual([
			'2023-12-01T00:00:00.000Z',
			'2024-01-01T00:00:00.000Z',
		]);
	});

	test('custom: a bare date covers that whole local day; an instant is inclusive; open ends allowed', () => {
		const zone = 'America/New_York';
		const days = resolvePeriod({ from: '2024-03-01', to: '2024-03-02', timezone: zone });
		expect([iso(days.from, zone), iso(days.to, zone)]).toEqual([
			'2024-03-01T00:00:00.000-05:00',
			'2024-03-03T00:00:00.000-05:00',
		]);
		const instants = resolvePeriod({ from: '2024-03-01T10:00:00Z', to: 1_709_300_000_000 });
		expect(instants).toEqual({ from: Date.parse('2024-03-01T10:00:00Z'), to: 1_709_300_000_001 });
		expect(resolvePeriod({ from: '2024-03-01' }).to).toBeNull();
		expect(resolvePeriod({})).toEqual({ from: null, to: null });
		expect(resolvePeriod({ period: 'all', from: '2024-03-01' })).toEqual({ from: null, to: null });
	});

	test('bad input names the field', () => {
		expect(() => resolvePeriod({ period: 'yesterday' as never })).toThrow('field "period"');
		expect(() => resolvePeriod({ from: 'soon' })).toThrow('field "from"');
		expect(() => resolvePeriod({ from: '2024-03-02', to: '2024-03-01' })).toThrow('field "to"');
		expect(() => resolvePeriod({ timezone: 'Nowhere/Town' })).toThrow('field "timezone"');
		expect(() => resolvePeriod({ period: 'last7Days', asOf: 'never' })).toThrow('asOf');
	});
});
