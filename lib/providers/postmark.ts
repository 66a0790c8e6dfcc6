import type { EventType } from '../events/types';
import { mapJsonRecords } from './jsonBatch';
import { isRecord, stringField } from './request';
import { checkSharedSecret, type SharedSecretCredential } from './sharedSecret';
import { stableKey } from './signature';
import { fromIso } from './timestamps';
import type { AdapterResult, WebhookRequest } from './types';

/** Bounce `Type`s that say the mailbox did not refuse the message for good; they are not bounces for scoring. */
const TEMPORARY_BOUNCES = new Set([
	'Transient',
	'SoftBounce',
	'DnsError',
	'AutoResponder',
	'AddressChange',
	'ChallengeVerification',
	'OpenRelayTest',
]);

function postmarkType(record: Record<string, unknown>): EventType | undefined {
	switch (record.RecordType) {
		case 'Delivery':
			return 'delivered';
		case 'Open':
			return 'open';
		case 'Click':
			return 'click';
		case 'SpamComplaint':
			return 'complaint';
		case 'Bounce':
			return TEMPORARY_BOUNCES.has(String(record.Type)) ? undefined : 'bounce';
		case 'SubscriptionChange':
			if (record.SuppressSending === false) return 'subscribe';
			return record.SuppressionReason === 'ManualSuppression' ? 'unsubscribe' : undefined;
		default:
			return undefined;
	}
}

/**
 * Postmark signs nothing: it offers basic auth in the webhook URL and custom headers
 * (postmarkapp.com/developer/webhooks/webhooks-overview), so the request must carry the shared secret.
 * One event per POST; only bounces have an `ID`, other events get a key hashed from their identifying fields.
 */
export function verifyPostmark(
	request: WebhookRequest,
	credential: SharedSecretCredential | undefined,
): AdapterResult {
	const denied = checkSharedSecret(request, credential);
	if (denied) return denied;
	return parsePostmark(request);
}

export function parsePostmark(request: WebhookRequest): AdapterResult {
	return mapJsonRecords(request, 'Postmark body is not JSON', (record, index, out) => {
		const name = stringField(record.RecordType) ?? '';
		const contactId = stringField(record.Recipient) ?? stringField(record.Email);
		const timestamp = fromIso(
			record.ReceivedAt ?? record.DeliveredAt ?? record.BouncedAt ?? record.ChangedAt,
		);
		const metadata = isRecord(record.Metadata) ? record.Metadata : {};
		const messageId = stringField(record.MessageID);
		const url = stringField(record.OriginalLink);
		out.add(index, 'postmark', name, postmarkType(record), contactId, timestamp, {
			eventId:
				stringField(record.ID) ?? stableKey('postmark', messageId, name, timestamp, contactId, url),
			messageId,
			campaignId:
				stringField(metadata.campaign_id) ??
				stringField(metadata.campaignId) ??
				stringField(record.Tag),
			channel: 'email',
			url,
			userAgent: stringField(record.UserAgent),
		});
	});
}
