import type { CampaignKind, EventType, Timestamp } from '../events/types';

/**
 * Facts: the events of an account summarised to what the scoring models read (issue 8 "Facts input"), so that a
 * database can do the heavy aggregation and n8n only carries a few rows per contact.
 *
 * Three kinds of rows, built by `eventsToFacts` or by the SQL in `examples/sql/`:
 * - `SendFact`: one per (contact, campaign) with a send or an interaction;
 * - `ContactFact`: one per contact: first subscribe and the last time of each kind of event;
 * - `ActivityDayFact`: one per contact, calendar day (in `Facts.timezone`) and campaign (or none) with activity: counts
 *   per kind, so that windowed counts ("2 clicks within 60 days", "visits on 3 distinct days", "emails opened") stay
 *   exact.
 *
 * All timestamps are `null` when there is no such event. Scores from facts equal scores from the events they
 * summarise (`scoreFacts`, proven by property tests over every model), scored in the same time zone.
 */
export interface Facts {
	/** IANA zone of the calendar days of `days`; score in the same zone. */
	timezone: string;
	/** Events after this instant (epoch ms) were left out; null when all were kept. */
	asOf: number | null;
	sends: SendFact[];
	contacts: ContactFact[];
	days: ActivityDayFact[];
}

export interface SendFact {
	contactId: string;
	campaignId: string;
	/** The kind of the campaign (from its first event); 'broadcast' when the events gave none. */
	campaignKind: CampaignKind;
	/** First `sent` or `delivered`; null when the contact only has interactions with the campaign. */
	sentAt: Timestamp | null;
	/** Last `sent` or `delivered` (a resend); equals `sentAt` when the campaign reached the contact once. */
	lastSentAt: Timestamp | null;
	/**
	 * First `sent` or `delivered` marked `tracked: false` (open tracking off, a privacy proxy): from then on the models
	 * read the send as untracked — unknown, not unopened (issue 9). Null when every send of it was tracked. Optional in
	 * fact rows: rows without it read as tracked.
	 */
	untrackedSentAt: Timestamp | null;
	/**
	 * First open not flagged machine at or after `sentAt` — or, when there is none after it, the first one before it
	 * (kept so "has ever opened/clicked this campaign" stays true). Same rule for the four fields below.
	 */
	firstOpenAt: Timestamp | null;
	firstClickAt: Timestamp | null;
	firstConversionAt: Timestamp | null;
	/** First open flagged machine (Apple Mail Privacy Protection and the like). */
	machineOpenAt: Timestamp | null;
	/** First click flagged machine (link scanners). */
	machineClickAt: Timestamp | null;
}

/** Per contact: first subscribe and the last event of each type (opens and clicks: not flagged machine). */
export interface ContactFact {
	contactId: string;
	/** The contact's earliest event not flagged machine (tenure), and its type. */
	firstSeenAt: Timestamp | null;
	firstSeenType: EventType | null;
	subscribedAt: Timestamp | null;
	lastSubscribeAt: Timestamp | null;
	lastUnsubscribeAt: Timestamp | null;
	lastBounceAt: Timestamp | null;
	lastComplaintAt: Timestamp | null;
	lastBlockAt: Timestamp | null;
	lastUnblockAt: Timestamp | null;
	lastInteractionAt: Timestamp | null;
	lastOpenAt: Timestamp | null;
	lastClickAt: Timestamp | null;
	lastMachineOpenAt: Timestamp | null;
	lastMachineClickAt: Timestamp | null;
	lastConversionAt: Timestamp | null;
	lastWebVisitAt: Timestamp | null;
	lastPurchaseAt: Timestamp | null;
	/** Last active interaction with the default active types (interaction, subscribe, unblock, click), for reading. */
	lastActiveAt: Timestamp | null;
}

/** The ContactFact fields that hold the time of the contact's last event of one type (lastActiveAt is derived). */
export const CONTACT_LAST_FIELDS = [
	'lastSubscribeAt',
	'lastUnsubscribeAt',
	'lastBounceAt',
	'lastComplaintAt',
	'lastBlockAt',
	'lastUnblockAt',
	'lastInteractionAt',
	'lastOpenAt',
	'lastClickAt',
	'lastMachineOpenAt',
	'lastMachineClickAt',
	'lastConversionAt',
	'lastWebVisitAt',
	'lastPurchaseAt',
] as const satisfies ReadonlyArray<keyof ContactFact>;

/**
 * Per contact, calendar day and campaign with activity: how many events of each kind. Opens, clicks and conversions
 * of a campaign are counted on the campaign's row; everything else on the row with `campaignId` null.
 */
export interface ActivityDayFact {
	contactId: string;
	/** yyyy-MM-dd in `Facts.timezone`. */
	date: string;
	campaignId: string | null;
	/** The campaign's kind, or the kind the events carried ('broadcast' when none). */
	campaignKind: CampaignKind;
	opens: number;
	clicks: number;
	machineOpens: number;
	machineClicks: number;
	conversions: number;
	interactions: number;
	webVisits: number;
	/** Most pages viewed in one visit that day; null when no visit carried a page count. */
	maxPages: number | null;
	purchases: number;
	/** Sum of the purchase values that day. */
	purchaseValue: number;
}

/**
 * One flat row, as a SQL query returns facts to n8n: `factType` says which of the three it is; the fields of the other
 * two are null or absent.
 */
export type FactRow =
	| ({ factType: 'send' } & SendFact)
	| ({ factType: 'contact' } & ContactFact)
	| ({ factType: 'day' } & ActivityDayFact);
