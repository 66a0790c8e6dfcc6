import fc from 'fast-check';

import { EVENT_TYPES } from '../../lib/events/types';
import type { CampaignKind, EngagementEvent } from '../../lib/events/types';
import type { CompactContactScore, ScoreResult } from '../../lib/models/types';

/* Shared by test/lib/facts.test.ts and test/db/facts.*.test.ts: random event logs and what "same scores" means. */

export const DAY = 86_400_000;
export const AS_OF = Date.UTC(2026, 10, 1);
const CAMPAIGNS: Array<[string, CampaignKind]> = [
	['b1', 'broadcast'],
	['b2', 'broadcast'],
	['b3', 'broadcast'],
	['a1', 'automation'],
	['t1', 'transactional'],
];
const NON_SEND_TYPES = EVENT_TYPES.filter((type) => type !== 'sent' && type !== 'delivered');

/**
 * What must be identical: every contact, its band, and its score — up to the last bits of a floating-point sum, whose
 * order follows the order the contacts and sends are first seen in (facts are ordered by contactId, events by time).
 */
export function essentials(result: ScoreResult<CompactContactScore>) {
	return result.contacts.map(({ contactId, score, band }) => ({
		contactId,
		band,
		score: score === null ? null : Number(score.toPrecision(12)),
	}));
}

/**
 * Random event logs: few contacts and campaigns so that they collide; sends always carry a campaign, and about one
 * send in five is marked `tracked: false`.
 */
export const eventArbitrary: fc.Arbitrary<EngagementEvent> = fc
	.record({
		contact: fc.integer({ min: 1, max: 6 }),
		send: fc.boolean(),
		type: fc.constantFrom(...NON_SEND_TYPES),
		campaign: fc.option(fc.integer({ min: 0, max: CAMPAIGNS.length - 1 }), { nil: undefined }),
		sendCampaign: fc.integer({ min: 0, max: CAMPAIGNS.length - 1 }),
		// within ~220 days before asOf, clustered on a few days so that windows and same-day counts are exercised
		day: fc.integer({ min: 0, max: 220 }),
		millisOfDay: fc.oneof(
			fc.integer({ min: 0, max: DAY - 1 }),
			fc.constantFrom(0, 3_600_000, DAY - 1),
		),
		machine: fc.boolean(),
		untracked: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
		value: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
	})
	.map(
		({
			contact,
			send,
			type,
			campaign,
			sendCampaign,
			day,
			millisOfDay,
			machine,
			untracked,
			value,
		}) => {
			const timestamp = AS_OF - day * DAY + millisOfDay - DAY;
			if (send) {
				const [campaignId, campaignKind] = CAMPAIGNS[sendCampaign];
				const sendEvent: EngagementEvent = {
					contactId: `c${contact}`,
					type: millisOfDay % 2 ? 'sent' : 'delivered',
					timestamp,
					campaignId,
					campaignKind,
				};
				if (untracked) sendEvent.tracked = false;
				return sendEvent;
			}
			const event: EngagementEvent = { contactId: `c${contact}`, type, timestamp };
			if (campaign !== undefined && ['open', 'click', 'conversion'].includes(type)) {
				[event.campaignId, event.campaignKind] = CAMPAIGNS[campaign];
			}
			if (machine && (type === 'open' || type === 'click')) event.machine = true;
			if (value !== undefined && (type === 'web_visit' || type === 'purchase')) event.value = value;
			return event;
		},
	);

export const logArbitrary = fc
	.array(eventArbitrary, { minLength: 0, maxLength: 60 })
	.chain((list) =>
		// replay some events (webhook retries): same eventId, same content
		fc.subarray(list.map((_, index) => index)).map((repeats) => {
			const withIds = list.map((event, index) => ({ ...event, eventId: `e${index}` }));
			return [...withIds, ...repeats.map((index) => ({ ...withIds[index] }))];
		}),
	);

export const optionsArbitrary = fc.record({
	timezone: fc.constantFrom('UTC', 'Asia/Taipei', 'America/New_York'),
	excludeMachine: fc.boolean(),
	asOfShiftDays: fc.constantFrom(0, 0, 3, 40),
	activeTypes: fc.option(
		fc.constantFrom(
			['interaction', 'open'],
			['web_visit', 'purchase', 'click'],
			['unsubscribe', 'conversion'],
		),
		{
			nil: undefined,
		},
	),
});
