import type { EventType } from '../events/types';
import { EventCollector } from './event';
import { jsonRecords } from './jsonBatch';
import { isRecord, stringField } from './request';
import { checkSharedSecret, type SharedSecretCredential } from './sharedSecret';
import { stableKey } from './signature';
import { fromUnixSeconds } from './timestamps';
import { accept, fail, type AdapterResult, type WebhookRequest } from './types';

/** SparkPost event `type` → our type (developers.sparkpost.com/api/message-events); delays and rejections ignored. */
const SPARKPOST_TYPES: Record<string, EventType> = {
	injection: 'sent',
	delivery: 'delivered',
	bounce: 'bounce',
	out_of_band: 'bounce',
	spam_complaint: 'complaint',
	open: 'open',
	initial_open: 'open',
	amp_open: 'open',
	amp_initial_open: 'open',
	click: 'click',
	amp_click: 'click',
	list_unsubscribe: 'unsubscribe',
	link_unsubscribe: 'unsubscribe',
};

/**
 * SparkPost signs nothing; webhooks can use basic auth (or OAuth2) and custom headers, checked here. Bodies are
 * arrays of `{"msys": {"<class>_event": {...}}}`; `{"msys": {}}` is the ping sent when a webhook is created.
 */
export function verifySparkPost(
	request: WebhookRequest,
	credential: SharedSecretCredential | undefined,
): AdapterResult {
	const denied = checkSharedSecret(request, credential);
	if (denied) return denied;
	return parseSparkPost(request);
}

export function parseSparkPost(request: WebhookRequest): AdapterResult {
	const records = jsonRecords(request);
	if (!records) return fail('malformed-body', 'SparkPost body is not JSON');
	const out = new EventCollector();
	let pings = 0;
	records.forEach((wrapper, index) => {
		const msys = isRecord(wrapper) && isRecord(wrapper.msys) ? wrapper.msys : undefined;
		if (!msys) return out.ignore(index, '', 'no msys wrapper');
		const inner = Object.values(msys).find(isRecord);
		if (!inner) {
			pings += 1;
			return out.ignore(index, '', 'ping');
		}
		const name = stringField(inner.type) ?? '';
		const contactId = stringField(inner.rcpt_to) ?? stringField(inner.raw_rcpt_to);
		const timestamp = fromUnixSeconds(inner.timestamp);
		out.add(index, 'sparkpost', name, SPARKPOST_TYPES[name], contactId, timestamp, {
			eventId:
				stringField(inner.event_id) ??
				stableKey('sparkpost', stringField(inner.message_id), name, timestamp, contactId),
			messageId: stringField(inner.message_id),
			campaignId: stringField(inner.campaign_id),
			channel: 'email',
			url: stringField(inner.target_link_url),
			userAgent: stringField(inner.user_agent),
			ip: stringField(inner.ip_address),
		});
	});
	const control = pings > 0 && pings === records.length ? { kind: 'ping' as const } : undefined;
	return accept(out.events, out.ignored, control);
}
