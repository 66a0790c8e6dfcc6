/**
 * The one event schema every source is normalised to (DESIGN.md "Event schema").
 * Webhook adapters, field mapping and file readers all produce `EngagementEvent`s; every model and report consumes them.
 */

export const EVENT_TYPES = [
	'sent',
	'delivered',
	'open',
	'click',
	'conversion',
	'bounce',
	'complaint',
	'unsubscribe',
	'subscribe',
	'interaction',
	'web_visit',
	'purchase',
	'block',
	'unblock',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const CAMPAIGN_KINDS = ['broadcast', 'automation', 'transactional'] as const;

export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export type Timestamp = string | number | Date;

export interface EngagementEvent {
	/** Email address or provider contact id. */
	contactId: string;
	type: EventType;
	/** ISO-8601 string or epoch milliseconds (a Date is accepted too). */
	timestamp: Timestamp;
	campaignId?: string;
	/** Defaults to 'broadcast' when absent. */
	campaignKind?: CampaignKind;
	messageId?: string;
	/** Provider's unique id, used for de-duplication. */
	eventId?: string;
	/** 'email' | 'line' | 'sms' | 'push' | 'web' | ... */
	channel?: string;
	/** Machine-generated open/click (Apple Mail Privacy Protection, link scanners). */
	machine?: boolean;
	/** Clicked url. */
	url?: string;
	/** Purchase amount; for web_visit: pages viewed in the visit. */
	value?: number;
	/** User agent of the open/click, when the source gives it (used by the scanner heuristics). */
	userAgent?: string;
	/** IP address of the open/click, when the source gives it (matched against user-supplied scanner IP ranges). */
	ip?: string;
	/**
	 * On a send: `false` when opens and clicks of this message are not measured (open tracking off, privacy-protected
	 * client). Untracked sends are left out of rates; a contact with only untracked sends is unscored, not 0.
	 */
	tracked?: boolean;
}

/** An event whose timestamp has been resolved to epoch milliseconds: what the models work on. */
export interface TimedEvent extends EngagementEvent {
	time: number;
}
