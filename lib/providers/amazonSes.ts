import type { EventType } from '../events/types';
import { EventCollector } from './event';
import { quoteForLog } from './logText';
import { headerValue, isRecord, parseJson, rawBodyText, stringField } from './request';
import { isSnsUrl, verifySnsSignature, type CertificateFetcher } from './snsSignature';
import { fromIso } from './timestamps';
import { accept, fail, type AdapterResult, type WebhookRequest } from './types';

export interface SnsCredential {
	/** Topic ARNs allowed to post, comma- or newline-separated. `*` allows any topic (not recommended). */
	topicArns: string;
}

export function allowedTopics(credential: SnsCredential | undefined): string[] {
	return (credential?.topicArns ?? '')
		.split(/[\s,]+/)
		.map((arn) => arn.trim())
		.filter((arn) => arn !== '');
}

/**
 * Amazon SES event publishing through an SNS HTTPS subscription. SNS posts `text/plain` JSON envelopes; the
 * signature is checked against the certificate at SigningCertURL (host and path checked before fetching), the
 * topic against the allowlist, and the `x-amz-sns-message-type` / `-id` headers against the body (as anymail does).
 * SNS signs `Timestamp` but retries keep it, so no replay window applies here: replays are caught by MessageId.
 * `now` (epoch ms) is when the signing certificate must be valid.
 */
export async function verifyAmazonSes(
	request: WebhookRequest,
	credential: SnsCredential | undefined,
	fetchCertificate: CertificateFetcher,
	now = Date.now(),
): Promise<AdapterResult> {
	const topics = allowedTopics(credential);
	if (topics.length === 0) return fail('missing-credential', 'SNS topic allowlist is empty');
	const message = parseJson(rawBodyText(request));
	if (!isRecord(message) || typeof message.Type !== 'string') {
		return fail('malformed-body', 'body is not an SNS message');
	}
	const headerType = headerValue(request.headers, 'x-amz-sns-message-type');
	const headerId = headerValue(request.headers, 'x-amz-sns-message-id');
	if ((headerType && headerType !== message.Type) || (headerId && headerId !== message.MessageId)) {
		return fail('malformed-body', 'SNS headers do not match the message');
	}
	const topicArn = stringField(message.TopicArn);
	if (!topicArn) return fail('topic-not-allowed', 'SNS message names no topic');
	if (!(topics.includes('*') || topics.includes(topicArn))) {
		// Not verified yet, so anyone's text: quoted for the log, not pasted into it.
		return fail('topic-not-allowed', `SNS topic ${quoteForLog(topicArn)} is not in the allowlist`);
	}
	const denied = await verifySnsSignature(message, fetchCertificate, now);
	if (denied) return denied;

	if (message.Type === 'SubscriptionConfirmation') {
		const subscribeUrl = stringField(message.SubscribeURL);
		if (!isSnsUrl(subscribeUrl, false))
			return fail('malformed-body', 'SubscribeURL is not an SNS URL');
		return accept([], [], { kind: 'subscription-confirmation', subscribeUrl, topicArn });
	}
	if (message.Type === 'UnsubscribeConfirmation') {
		return accept([], [], { kind: 'unsubscribe-confirmation', topicArn });
	}
	if (message.Type !== 'Notification')
		return fail('malformed-body', `unknown SNS Type ${quoteForLog(message.Type)}`);
	return parseSesNotification(message);
}

function sesType(name: string, record: Record<string, unknown>): EventType | undefined {
	switch (name) {
		case 'Send':
			return 'sent';
		case 'Delivery':
			return 'delivered';
		case 'Open':
			return 'open';
		case 'Click':
			return 'click';
		case 'Complaint':
			return 'complaint';
		case 'Bounce':
			// Transient bounces (mailbox full, …) may still deliver later; only permanent ones count.
			return isRecord(record.bounce) && record.bounce.bounceType === 'Permanent'
				? 'bounce'
				: undefined;
		case 'Subscription': {
			const subscription = isRecord(record.subscription) ? record.subscription : {};
			const preferences = isRecord(subscription.newTopicPreferences)
				? subscription.newTopicPreferences
				: {};
			return preferences.unsubscribeAll === true ? 'unsubscribe' : undefined;
		}
		default:
			return undefined;
	}
}

/** Recipients the event is about: SES sends one notification for all of them, we emit one event each. */
function sesRecipients(record: Record<string, unknown>, mail: Record<string, unknown>): string[] {
	const bounce = isRecord(record.bounce) ? record.bounce : undefined;
	const complaint = isRecord(record.complaint) ? record.complaint : undefined;
	const delivery = isRecord(record.delivery) ? record.delivery : undefined;
	const addresses = (list: unknown) =>
		(Array.isArray(list) ? list : [])
			.map((entry) => (isRecord(entry) ? stringField(entry.emailAddress) : stringField(entry)))
			.filter((email): email is string => email !== undefined);
	if (bounce) return addresses(bounce.bouncedRecipients);
	if (complaint) return addresses(complaint.complainedRecipients);
	if (delivery) return addresses(delivery.recipients);
	return addresses(mail.destination);
}

function firstTag(tags: Record<string, unknown>, ...names: string[]): string | undefined {
	for (const name of names) {
		const value = tags[name];
		const first = Array.isArray(value) ? stringField(value[0]) : stringField(value);
		if (first) return first;
	}
	return undefined;
}

export function parseSesNotification(envelope: Record<string, unknown>): AdapterResult {
	const out = new EventCollector();
	const record = parseJson(String(envelope.Message ?? ''));
	// The one-off "Successfully validated SNS topic for Amazon SES event publishing." message is not JSON.
	if (!isRecord(record))
		return accept([], [{ index: 0, providerEventType: '', reason: 'not an SES event' }]);
	const name = stringField(record.eventType) ?? stringField(record.notificationType) ?? '';
	const type = sesType(name, record);
	const mail = isRecord(record.mail) ? record.mail : {};
	const tags = isRecord(mail.tags) ? mail.tags : {};
	const detail = record[name.charAt(0).toLowerCase() + name.slice(1)];
	const details = isRecord(detail) ? detail : {};
	const timestamp =
		fromIso(details.timestamp) ?? fromIso(mail.timestamp) ?? fromIso(envelope.Timestamp);
	const snsMessageId = stringField(envelope.MessageId);
	const recipients = sesRecipients(record, mail);
	if (recipients.length === 0) out.ignore(0, name, 'no recipient');
	recipients.forEach((recipient, index) => {
		out.add(index, 'amazonSes', name, type, recipient, timestamp, {
			eventId: recipients.length === 1 ? snsMessageId : `${snsMessageId}:${recipient}`,
			messageId: stringField(mail.messageId),
			campaignId: firstTag(tags, 'campaign_id', 'campaignId', 'campaign'),
			channel: 'email',
			url: stringField(details.link),
			userAgent: stringField(details.userAgent),
			ip: stringField(details.ipAddress),
		});
	});
	return accept(out.events, out.ignored);
}
