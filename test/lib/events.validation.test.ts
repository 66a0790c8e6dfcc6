import { EngagementInputError } from '../../lib/errors';
import { validateEvent } from '../../lib/events/validateEvent';
import { prepareEvents } from '../../lib/events/prepareEvents';
import { dedupeEvents } from '../../lib/events/dedupeEvents';
import { scoreContacts } from '../../lib/scoreContacts';
import { modelNames } from '../../lib/models/registry';
import type { EngagementEvent } from '../../lib/events/types';

const T = '2026-03-01T10:00:00Z';
const good: EngagementEvent = {
	contactId: 'a@x.com',
	type: 'open',
	timestamp: T,
	campaignId: 'c1',
};

function thrown(run: () => unknown): EngagementInputError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(EngagementInputError);
		return error as EngagementInputError;
	}
	throw new Error('expected an EngagementInputError');
}

describe('event validation: "Invalid events raise an error naming the event index and field"', () => {
	test.each([
		[
			'unknown type',
			{ ...good, type: 'opened' },
			'type',
			/unknown event type "opened"; expected one of sent, delivered/,
		],
		['missing contactId', { ...good, contactId: undefined }, 'contactId', /contactId is missing/],
		['empty contactId', { ...good, contactId: '' }, 'contactId', /contactId is missing/],
		[
			'unparseable timestamp',
			{ ...good, timestamp: 'yesterday' },
			'timestamp',
			/cannot read timestamp "yesterday"/,
		],
		['missing timestamp', { ...good, timestamp: undefined }, 'timestamp', /timestamp is missing/],
		[
			'bad campaignKind',
			{ ...good, campaignKind: 'newsletter' },
			'campaignKind',
			/unknown campaignKind "newsletter"/,
		],
		[
			'non-boolean machine',
			{ ...good, machine: 'yes' },
			'machine',
			/machine must be true or false/,
		],
		['non-numeric value', { ...good, value: '12' }, 'value', /value must be a finite number/],
		['object campaignId', { ...good, campaignId: {} }, 'campaignId', /campaignId must be a string/],
	])('%s → field named in the error', (_name, event, field, message) => {
		const error = thrown(() => validateEvent(event, 7));
		expect(error.index).toBe(7);
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(new RegExp(`^event 7, field "${field}": `));
	});

	test('a valid event comes back with its time resolved; numbers are epoch ms, Dates and ISO strings are read', () => {
		expect(validateEvent(good).time).toBe(Date.UTC(2026, 2, 1, 10));
		expect(validateEvent({ ...good, timestamp: 1_700_000_000_000 }).time).toBe(1_700_000_000_000);
		expect(validateEvent({ ...good, timestamp: new Date(5) }).time).toBe(5);
		expect(validateEvent({ ...good, timestamp: '2026-03-01T10:00:00.250+02:00' }).time).toBe(
			Date.UTC(2026, 2, 1, 8, 0, 0, 250),
		);
	});

	test('ISO timestamps without an offset are read in the given zone', () => {
		expect(
			validateEvent({ ...good, timestamp: '2026-03-01T10:00:00' }, 0, 'Europe/Paris').time,
		).toBe(Date.UTC(2026, 2, 1, 9));
		expect(validateEvent({ ...good, timestamp: '2026-03-01T10:00:00' }).time).toBe(
			Date.UTC(2026, 2, 1, 10),
		);
	});

	test('impossible dates are rejected, not rolled over', () => {
		expect(() => validateEvent({ ...good, timestamp: '2026-02-31T10:00:00Z' })).toThrow(
			EngagementInputError,
		);
	});

	test('scoreContacts names the index of the offending event in its input', () => {
		const events = [good, good, { ...good, type: 'bogus' } as unknown as EngagementEvent];
		const error = thrown(() => scoreContacts(events, { model: 'decay' }));
		expect(error.index).toBe(2);
		expect(error.field).toBe('type');
	});

	test('scoreContacts accepts any iterable, a generator included', () => {
		function* events() {
			yield good;
			yield { ...good, contactId: 'b@x.com' };
		}
		expect(scoreContacts(events(), { model: 'clickShare' }).contacts).toHaveLength(2);
	});

	test('an unknown model is a clear error listing the valid models', () => {
		expect(() => scoreContacts([good], { model: 'rfm-ish' })).toThrow(
			`Unknown scoring model "rfm-ish"; valid models: ${modelNames().join(', ')}`,
		);
		expect(modelNames()).toEqual(expect.arrayContaining(['decay', 'clickShare']));
	});

	test('an unknown time zone and an unreadable asOf are errors', () => {
		expect(() => scoreContacts([good], { model: 'decay', timezone: 'Mars/Olympus' })).toThrow(
			/Mars\/Olympus/,
		);
		expect(() => scoreContacts([good], { model: 'decay', asOf: 'soon' })).toThrow(/asOf/);
	});
});

describe('de-duplication by eventId', () => {
	test('dedupeEvents keeps the first event of each eventId and every event without one', () => {
		const a = { ...good, eventId: 'e1' };
		const b = { ...good, eventId: 'e2' };
		const noId = { ...good };
		const later = { ...good, eventId: 'e1', timestamp: '2026-03-02T00:00:00Z' };
		expect(dedupeEvents([a, noId, b, later, noId])).toEqual([a, noId, b, noId]);
	});

	test('scoreContacts counts the duplicates it left out', () => {
		const result = scoreContacts(
			[
				{ ...good, type: 'delivered', eventId: 'e1' },
				{ ...good, type: 'delivered', eventId: 'e1' },
			],
			{ model: 'decay', asOf: '2026-03-02T00:00:00Z' },
		);
		expect(result.account.duplicateEvents).toBe(1);
		expect(result.contacts[0].details.sends).toBe(1);
	});

	test('prepareEvents: validated, timed, de-duplicated, machine events dropped unless asked', () => {
		const events = [
			{ ...good, eventId: 'e1' },
			{ ...good, eventId: 'e1' },
			{ ...good, eventId: 'e2', machine: true },
		];
		expect(prepareEvents(events)).toEqual([
			{ ...good, eventId: 'e1', time: Date.UTC(2026, 2, 1, 10) },
		]);
		expect(prepareEvents(events, { excludeMachine: false })).toHaveLength(2);
		expect(prepareEvents(events, { dedupe: false, excludeMachine: false })).toHaveLength(3);
	});
});
