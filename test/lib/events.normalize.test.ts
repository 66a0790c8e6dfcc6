import { EngagementInputError } from '../../lib/errors';
import { normalizeEvent, normalizeEvents } from '../../lib/events/normalizeEvent';
import { numericTimestampToMillis, readTimestamp } from '../../lib/events/timestamps';
import { resolveAsOf } from '../../lib/time';

const MS = Date.UTC(2026, 2, 1, 10, 30);

describe('normalisation from arbitrary records', () => {
	test('fields mapped by name, by dotted path and by accessor', () => {
		const record = {
			email: 'Ana@Example.com',
			event: 'opened',
			ts: MS / 1000,
			data: { campaign: { id: 42 } },
			'msg.id': 'm-1',
		};
		const event = normalizeEvent(record, {
			fields: {
				contactId: 'email',
				type: 'event',
				timestamp: 'ts',
				campaignId: 'data.campaign.id',
				messageId: 'msg.id', // a key that contains a dot is read as it is
				eventId: (r) => `${r.email}/${r.ts}`,
			},
			lowercaseContactId: true,
		});
		expect(event).toEqual({
			contactId: 'ana@example.com',
			type: 'open',
			timestamp: MS,
			campaignId: '42',
			messageId: 'm-1',
			eventId: `Ana@Example.com/${MS / 1000}`,
		});
	});

	test('soft bounces are skipped unless mapped (a temporary failure is not a bounce); hard bounces are bounces', () => {
		const base = { contactId: 'a', timestamp: MS };
		expect(normalizeEvent({ ...base, type: 'soft_bounce' })).toBeNull();
		expect(normalizeEvent({ ...base, type: 'SoftBounce' })).toBeNull();
		expect(normalizeEvent({ ...base, type: 'hard_bounce' })?.type).toBe('bounce');
		expect(normalizeEvent({ ...base, type: 'bounced' })?.type).toBe('bounce');
		expect(
			normalizeEvent({ ...base, type: 'soft_bounce' }, { typeValues: { soft_bounce: 'bounce' } })
				?.type,
		).toBe('bounce');
	});

	test('event-type values: built-in synonyms (opened → open, clicked → click …), case-insensitive, plus your own map', () => {
		const base = { contactId: 'a', timestamp: MS };
		expect(normalizeEvent({ ...base, type: 'opened' })?.type).toBe('open');
		expect(normalizeEvent({ ...base, type: 'Clicked ' })?.type).toBe('click');
		expect(normalizeEvent({ ...base, type: 'hard_bounce' })?.type).toBe('bounce');
		expect(normalizeEvent({ ...base, type: 'spamreport' })?.type).toBe('complaint');
		expect(
			normalizeEvent({ ...base, type: 'Lien cliqué' }, { typeValues: { 'lien cliqué': 'click' } })
				?.type,
		).toBe('click');
	});

	test('a type mapped to null is skipped; unknown types are an error unless unknownTypes is skip', () => {
		const base = { contactId: 'a', timestamp: MS };
		expect(
			normalizeEvent({ ...base, type: 'deferred' }, { typeValues: { deferred: null } }),
		).toBeNull();
		expect(() => normalizeEvent({ ...base, type: 'deferred' }, {}, 4)).toThrow(
			new EngagementInputError('unknown event type "deferred"; map it with typeValues', {
				index: 4,
				field: 'type',
			}),
		);
		expect(normalizeEvent({ ...base, type: 'deferred' }, { unknownTypes: 'skip' })).toBeNull();
		expect(
			normalizeEvents(
				[
					{ ...base, type: 'open' },
					{ ...base, type: 'deferred' },
					{ ...base, type: 'click' },
				],
				{ unknownTypes: 'skip' },
			).map((event) => event.type),
		).toEqual(['open', 'click']);
	});

	test('campaign kinds: synonyms (newsletter → broadcast, flow → automation) and your own map', () => {
		const base = { contactId: 'a', type: 'sent', timestamp: MS };
		expect(normalizeEvent({ ...base, campaignKind: 'Newsletter' })?.campaignKind).toBe('broadcast');
		expect(normalizeEvent({ ...base, campaignKind: 'flow' })?.campaignKind).toBe('automation');
		expect(
			normalizeEvent(
				{ ...base, campaignKind: 'receipt' },
				{ campaignKindValues: { receipt: 'transactional' } },
			)?.campaignKind,
		).toBe('transactional');
		expect(() => normalizeEvent({ ...base, campaignKind: 'receipt' })).toThrow(/campaignKind/);
	});

	test('machine flags and values from text', () => {
		const base = { contactId: 'a', type: 'open', timestamp: MS };
		expect(normalizeEvent({ ...base, machine: 'TRUE' })?.machine).toBe(true);
		expect(normalizeEvent({ ...base, machine: 'no' })?.machine).toBeUndefined();
		expect(normalizeEvent({ ...base, value: ' 12.5 ' })?.value).toBe(12.5);
		expect(() => normalizeEvent({ ...base, value: 'lots' }, {}, 2)).toThrow(
			/event 2, field "value"/,
		);
	});

	test('errors name the record index, the event field and the source field', () => {
		expect(() =>
			normalizeEvent(
				{ mail: '', type: 'open', timestamp: MS },
				{ fields: { contactId: 'mail' } },
				9,
			),
		).toThrow('event 9, field "contactId": contactId is missing (from "mail")');
		expect(() =>
			normalizeEvent(
				{ contactId: 'a', type: 'open', when: 'tomorrow' },
				{ fields: { timestamp: 'when' } },
			),
		).toThrow(/field "timestamp": cannot read timestamp "tomorrow".*\(from "when"\)/);
	});
});

describe('timestamps: epoch seconds, epoch milliseconds or ISO-8601', () => {
	test('numbers below 1e11 are seconds, below 1e14 milliseconds, then microseconds, then nanoseconds', () => {
		expect(numericTimestampToMillis(1_772_361_000)).toBe(1_772_361_000_000); // seconds (2026)
		expect(numericTimestampToMillis(1_772_361_000_123)).toBe(1_772_361_000_123); // milliseconds
		expect(numericTimestampToMillis(1_772_361_000_123_456)).toBe(1_772_361_000_123.456); // microseconds
		// eslint-disable-next-line no-loss-of-precision -- nanoseconds past 2^53, as a JSON number arrives
		expect(numericTimestampToMillis(1_772_361_000_123_456_789)).toBeCloseTo(
			1_772_361_000_123.4568,
			3,
		); // ns
		expect(numericTimestampToMillis(99_999_999_999)).toBe(99_999_999_999_000); // just below the edge: seconds
		expect(numericTimestampToMillis(100_000_000_000)).toBe(100_000_000_000); // the edge: milliseconds (1973)
	});

	test('timestampUnit forces the unit', () => {
		expect(numericTimestampToMillis(5000, 'milliseconds')).toBe(5000);
		expect(numericTimestampToMillis(2e12, 'seconds')).toBe(2e15);
	});

	describe('spreadsheetDays: serial date-times of Excel and Google Sheets, in the zone', () => {
		test('whole days are midnight, the fraction the time of day', () => {
			expect(numericTimestampToMillis(45413, 'spreadsheetDays')).toBe(Date.UTC(2024, 4, 1));
			expect(numericTimestampToMillis(45413.4375, 'spreadsheetDays')).toBe(
				Date.UTC(2024, 4, 1, 10, 30),
			);
			// 10:31 is no exact binary fraction of a day: read to the nearest millisecond
			expect(numericTimestampToMillis(45413 + 631 / 1440, 'spreadsheetDays')).toBe(
				Date.UTC(2024, 4, 1, 10, 31),
			);
			expect(numericTimestampToMillis(25569, 'spreadsheetDays')).toBe(0);
		});

		test('a wall-clock time: read in the zone, the DST overlap and gap as PostgreSQL reads them', () => {
			const serial = (utc: number) => utc / 86_400_000 + 25569;
			const berlin = (utc: number) =>
				numericTimestampToMillis(serial(utc), 'spreadsheetDays', 'Europe/Berlin');
			expect(berlin(Date.UTC(2024, 4, 1, 10, 30))).toBe(Date.UTC(2024, 4, 1, 8, 30)); // CEST
			expect(berlin(Date.UTC(2024, 0, 15, 10, 30))).toBe(Date.UTC(2024, 0, 15, 9, 30)); // CET
			expect(berlin(Date.UTC(2026, 9, 25, 2, 30))).toBe(Date.UTC(2026, 9, 25, 1, 30)); // twice: the later
			expect(berlin(Date.UTC(2026, 2, 29, 2, 30))).toBe(Date.UTC(2026, 2, 29, 1, 30)); // never: offset before
			expect(readTimestamp('45413.4375', 'spreadsheetDays', 'America/New_York')).toBe(
				Date.UTC(2024, 4, 1, 14, 30),
			);
			expect(readTimestamp(' 45413.4375 ', 'spreadsheetDays')).toBe(Date.UTC(2024, 4, 1, 10, 30));
		});

		test('from 1 March 1900 (serial 61, where Excel stops counting a 29 February 1900) to 9999', () => {
			expect(numericTimestampToMillis(61, 'spreadsheetDays')).toBe(Date.UTC(1900, 2, 1));
			expect(numericTimestampToMillis(60.5, 'spreadsheetDays')).toBeNaN();
			expect(numericTimestampToMillis(0, 'spreadsheetDays')).toBeNaN();
			expect(numericTimestampToMillis(2_958_465.5, 'spreadsheetDays')).toBe(
				Date.UTC(9999, 11, 31, 12),
			);
			expect(numericTimestampToMillis(2_958_466, 'spreadsheetDays')).toBeNaN();
			// an epoch number under this unit is out of range, not a date in the far future
			expect(readTimestamp('1714559400', 'spreadsheetDays')).toBeNaN();
		});

		test('ISO text is still ISO text', () => {
			expect(readTimestamp('2024-05-01T10:30:00Z', 'spreadsheetDays')).toBe(
				Date.UTC(2024, 4, 1, 10, 30),
			);
		});
	});

	test('numeric strings are numbers; ISO strings with or without offset; anything else NaN', () => {
		expect(readTimestamp('1772361000')).toBe(1_772_361_000_000);
		expect(readTimestamp('2026-03-01T10:30:00Z')).toBe(MS);
		expect(readTimestamp('2026-03-01 10:30:00.000+00:00')).toBe(MS);
		expect(readTimestamp('2026-03-01T11:30:00+0100')).toBe(MS);
		expect(readTimestamp('2026-03-01T10:30')).toBe(MS);
		expect(readTimestamp('2026-03-01T11:30', 'auto', 'Europe/Berlin')).toBe(MS);
		expect(readTimestamp('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
		expect(readTimestamp('not a date')).toBeNaN();
		expect(readTimestamp({})).toBeNaN();
	});

	test('a space instead of T (SQL and spreadsheet exports), with or without an offset', () => {
		expect(readTimestamp('2026-03-01 10:30:00')).toBe(MS);
		expect(readTimestamp('2026-03-01 10:30')).toBe(MS);
		expect(readTimestamp('2026-03-01 10:30:00.000')).toBe(MS);
		expect(readTimestamp('2026-03-01 11:30:00', 'auto', 'Europe/Berlin')).toBe(MS);
		expect(readTimestamp('2026-07-01 12:30:00', 'auto', 'Europe/Berlin')).toBe(
			Date.UTC(2026, 6, 1, 10, 30),
		);
		expect(readTimestamp('2026-03-01 11:30:00+01')).toBe(MS);
		expect(readTimestamp('2026-03-01 10:30:00Z')).toBe(MS);
		expect(resolveAsOf('2026-03-01 11:30:00', 'Europe/Berlin')).toBe(MS);
		// still refused: an impossible day, two spaces, a space before the offset
		expect(readTimestamp('2026-02-31 10:30:00')).toBeNaN();
		expect(readTimestamp('2026-03-01  10:30:00')).toBeNaN();
		expect(readTimestamp('2026-03-01 10:30:00 +01:00')).toBeNaN();
	});

	test('timestampFormat reads text in that format, in the zone unless the format has an offset; numbers stay epoch', () => {
		const berlin = { timestampFormat: 'dd.MM.yyyy HH:mm', timezone: 'Europe/Berlin' };
		const timeOf = (timestamp: unknown, mapping: object) =>
			normalizeEvent({ contactId: 'a', type: 'open', timestamp }, mapping)?.timestamp;
		expect(timeOf('01.03.2026 11:30', berlin)).toBe(MS);
		expect(timeOf(' 01.03.2026 11:30 ', berlin)).toBe(MS);
		expect(timeOf(MS, berlin)).toBe(MS);
		expect(timeOf('03/01/2026 5:30 AM -0500', { timestampFormat: 'MM/dd/yyyy h:mm a ZZZ' })).toBe(
			MS,
		);
		expect(timeOf('20260301103000', { timestampFormat: 'yyyyMMddHHmmss' })).toBe(MS);
		expect(() => timeOf('2026-03-01T10:30:00Z', berlin)).toThrow(
			'event 0, field "timestamp": cannot read timestamp "2026-03-01T10:30:00Z" (expected the format "dd.MM.yyyy HH:mm")',
		);
		expect(() => timeOf('01.03.2026 11:30', { timestampFormat: ' - ' })).toThrow(
			'field "timestampFormat": "-" has no date or time token',
		);
	});

	test('an unknown time zone or timestamp unit is a mapping error naming the option', () => {
		const event = { contactId: 'a', type: 'open', timestamp: '2026-03-01 11:30' };
		expect(() => normalizeEvent(event, { timezone: 'Mars/Olympus' })).toThrow(
			'field "timezone": unknown time zone "Mars/Olympus"',
		);
		expect(() =>
			normalizeEvent(event, { timestampUnit: 'days' as unknown as 'seconds' }),
		).toThrow(
			'field "timestampUnit": must be one of auto, seconds, milliseconds, spreadsheetDays, not "days"',
		);
		expect(normalizeEvent(event, { timezone: '' })?.timestamp).toBe(Date.UTC(2026, 2, 1, 11, 30));
	});

	test('normalizeEvent writes epoch milliseconds whatever the source used', () => {
		for (const timestamp of [
			MS / 1000,
			MS,
			String(MS / 1000),
			'2026-03-01T10:30:00.000Z',
			new Date(MS),
		]) {
			expect(normalizeEvent({ contactId: 'a', type: 'open', timestamp })?.timestamp).toBe(MS);
		}
	});
});
