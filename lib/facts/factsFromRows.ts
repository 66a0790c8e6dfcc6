import { EngagementInputError } from '../errors';
import { CAMPAIGN_KINDS, EVENT_TYPES } from '../events/types';
import type { CampaignKind, EventType, Timestamp } from '../events/types';
import { resolveAsOf, toEpochMillis } from '../time';
import { CONTACT_LAST_FIELDS } from './types';
import type { ActivityDayFact, ContactFact, Facts, SendFact } from './types';

export interface FactsFromRowsOptions {
	/** The zone the day rows were built in (the SQL's timezone parameter); default 'UTC'. */
	timezone?: string;
	/** The cut-off the rows were built with, if any. */
	asOf?: Timestamp;
}

const SEND_TIMES = [
	'sentAt',
	'lastSentAt',
	'untrackedSentAt',
	'firstOpenAt',
	'firstClickAt',
	'firstConversionAt',
	'machineOpenAt',
	'machineClickAt',
] as const;
const CONTACT_TIMES = [
	'firstSeenAt',
	'subscribedAt',
	...CONTACT_LAST_FIELDS,
	'lastActiveAt',
] as const;
const DAY_COUNTS = [
	'opens',
	'clicks',
	'machineOpens',
	'machineClicks',
	'conversions',
	'interactions',
	'webVisits',
	'purchases',
] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Flat fact rows (a SQL result, n8n items' json) → Facts. Each row says what it is in `factType` ('send', 'contact',
 * 'day'). Timestamps may be epoch ms, ISO strings or Dates (database drivers return Dates); counts may be numeric
 * strings (bigint columns). An invalid row raises EngagementInputError naming the row index and the field.
 */
export function factsFromRows(
	rows: Iterable<Record<string, unknown>>,
	options: FactsFromRowsOptions = {},
): Facts {
	const timezone = options.timezone ?? 'UTC';
	const facts: Facts = {
		timezone,
		asOf: options.asOf === undefined ? null : resolveAsOf(options.asOf, timezone),
		sends: [],
		contacts: [],
		days: [],
	};
	let index = 0;
	for (const row of rows) {
		if (typeof row !== 'object' || row === null)
			throw new EngagementInputError('a fact row must be an object', { index });
		const contactId = readContactId(row.contactId, index);
		switch (row.factType) {
			case 'send': {
				const kind = row.campaignKind ?? 'broadcast';
				if (!CAMPAIGN_KINDS.includes(kind as CampaignKind)) {
					throw new EngagementInputError(`unknown campaignKind ${JSON.stringify(kind)}`, {
						index,
						field: 'campaignKind',
					});
				}
				if (typeof row.campaignId !== 'string' || row.campaignId === '') {
					throw new EngagementInputError('campaignId is missing', { index, field: 'campaignId' });
				}
				const send = {
					contactId,
					campaignId: row.campaignId,
					campaignKind: kind as CampaignKind,
				} as SendFact;
				for (const field of SEND_TIMES) send[field] = readTime(row[field], index, field, timezone);
				facts.sends.push(send);
				break;
			}
			case 'contact': {
				const contact = { contactId } as ContactFact;
				for (const field of CONTACT_TIMES)
					contact[field] = readTime(row[field], index, field, timezone);
				const firstSeenType = row.firstSeenType ?? null;
				if (firstSeenType !== null && !EVENT_TYPES.includes(firstSeenType as EventType)) {
					throw new EngagementInputError(`unknown event type ${JSON.stringify(firstSeenType)}`, {
						index,
						field: 'firstSeenType',
					});
				}
				contact.firstSeenType = firstSeenType as EventType | null;
				facts.contacts.push(contact);
				break;
			}
			case 'day': {
				const date = row.date instanceof Date ? row.date.toISOString().slice(0, 10) : row.date;
				if (typeof date !== 'string' || !ISO_DATE.test(date)) {
					throw new EngagementInputError(
						`date must be yyyy-MM-dd, got ${JSON.stringify(row.date)}`,
						{ index, field: 'date' },
					);
				}
				const campaignKind = row.campaignKind ?? 'broadcast';
				if (!CAMPAIGN_KINDS.includes(campaignKind as CampaignKind)) {
					throw new EngagementInputError(`unknown campaignKind ${JSON.stringify(campaignKind)}`, {
						index,
						field: 'campaignKind',
					});
				}
				const campaignId =
					row.campaignId === null || row.campaignId === undefined || row.campaignId === ''
						? null
						: String(row.campaignId);
				const day = { contactId, date, campaignId, campaignKind } as ActivityDayFact;
				for (const field of DAY_COUNTS) day[field] = readCount(row[field], index, field);
				day.maxPages =
					row.maxPages === null || row.maxPages === undefined
						? null
						: readNumber(row.maxPages, index, 'maxPages');
				day.purchaseValue =
					row.purchaseValue === null || row.purchaseValue === undefined
						? 0
						: readNumber(row.purchaseValue, index, 'purchaseValue');
				facts.days.push(day);
				break;
			}
			default:
				throw new EngagementInputError(
					`factType must be 'send', 'contact' or 'day', got ${JSON.stringify(row.factType)}`,
					{
						index,
						field: 'factType',
					},
				);
		}
		index++;
	}
	return facts;
}

function readContactId(value: unknown, index: number): string {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new EngagementInputError('contactId is missing', { index, field: 'contactId' });
}

function readTime(value: unknown, index: number, field: string, zone: string): number | null {
	if (value === null || value === undefined || value === '') return null;
	const millis =
		typeof value === 'string' && /^-?\d+$/.test(value)
			? Number(value)
			: toEpochMillis(value as Timestamp, zone);
	if (Number.isNaN(millis))
		throw new EngagementInputError(`cannot read ${JSON.stringify(value)} as a time`, {
			index,
			field,
		});
	return millis;
}

function readNumber(value: unknown, index: number, field: string): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number === 'number' && Number.isFinite(number)) return number;
	throw new EngagementInputError(`must be a number, got ${JSON.stringify(value)}`, {
		index,
		field,
	});
}

function readCount(value: unknown, index: number, field: string): number {
	if (value === null || value === undefined) return 0;
	const count = readNumber(value, index, field);
	if (!Number.isInteger(count) || count < 0)
		throw new EngagementInputError(`must be a whole number ≥ 0, got ${count}`, { index, field });
	return count;
}
