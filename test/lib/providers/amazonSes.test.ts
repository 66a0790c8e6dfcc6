import { createPublicKey, X509Certificate } from 'node:crypto';

import {
	cachedCertificateFetcher,
	isSnsUrl,
	verifyAmazonSes,
	verifyWebhook,
} from '../../../lib/providers';
import { CERT_URL, selfSignedCertificate, signSns, TOPIC_ARN } from './signing';

const { certificate, privateKey } = selfSignedCertificate();
const other = selfSignedCertificate();
const credential = { topicArns: `arn:aws:sns:eu-west-1:123456789012:other, ${TOPIC_ARN}` };

// SES event publishing example (docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-examples.html)
const sesBounce = {
	eventType: 'Bounce',
	bounce: {
		bounceType: 'Permanent',
		bounceSubType: 'General',
		bouncedRecipients: [
			{ emailAddress: 'recipient@example.com' },
			{ emailAddress: 'second@example.com' },
		],
		timestamp: '2017-08-05T00:41:02.669Z',
	},
	mail: {
		timestamp: '2017-08-05T00:40:02.012Z',
		messageId: 'EXAMPLE7c191be45-e9aedb9a',
		destination: ['recipient@example.com', 'second@example.com'],
		tags: { campaign_id: ['spring'] },
	},
};
const sesClick = {
	eventType: 'Click',
	mail: {
		timestamp: '2017-08-09T23:50:05.795Z',
		messageId: 'EXAMPLE7c1',
		destination: ['recipient@example.com'],
		tags: {},
	},
	click: {
		ipAddress: '192.0.2.1',
		link: 'http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html',
		timestamp: '2017-08-09T23:51:25.570Z',
		userAgent: 'Mozilla/5.0',
	},
};

function notification(record: object, version: '1' | '2' = '2', key = privateKey) {
	return signSns(
		{
			Type: 'Notification',
			MessageId: 'a1b2c3',
			TopicArn: TOPIC_ARN,
			Message: JSON.stringify(record),
			Timestamp: '2017-08-05T00:41:03.000Z',
		},
		key,
		version,
	);
}

const request = (message: object, headers: Record<string, string> = {}) => ({
	rawBody: JSON.stringify(message),
	headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers },
});

describe('Amazon SES via SNS (RSA signature with the SigningCertURL certificate)', () => {
	const fetched: string[] = [];
	const fetcher = async (url: string) => {
		fetched.push(url);
		return certificate;
	};

	it.each(['1', '2'] as const)(
		'verifies SignatureVersion %s and fans a bounce out per recipient',
		async (version) => {
			const message = notification(sesBounce, version);
			const result = await verifyAmazonSes(
				request(message, {
					'x-amz-sns-message-type': 'Notification',
					'x-amz-sns-message-id': 'a1b2c3',
				}),
				credential,
				fetcher,
			);
			expect(result).toMatchObject({
				ok: true,
				events: [
					{
						type: 'bounce',
						contactId: 'recipient@example.com',
						eventId: 'a1b2c3:recipient@example.com',
						timestamp: '2017-08-05T00:41:02.669Z',
						messageId: 'EXAMPLE7c191be45-e9aedb9a',
						campaignId: 'spring',
					},
					{ type: 'bounce', contactId: 'second@example.com', eventId: 'a1b2c3:second@example.com' },
				],
			});
			expect(fetched.at(-1)).toBe(CERT_URL);
		},
	);

	it('normalises a click: click time, link, user agent; the SNS MessageId is the event id', async () => {
		const result = await verifyAmazonSes(request(notification(sesClick)), credential, fetcher);
		expect(result).toMatchObject({
			ok: true,
			events: [
				{
					type: 'click',
					contactId: 'recipient@example.com',
					eventId: 'a1b2c3',
					timestamp: '2017-08-09T23:51:25.570Z',
					url: sesClick.click.link,
					userAgent: 'Mozilla/5.0',
				},
			],
		});
	});

	it('returns a verified SubscriptionConfirmation as a control message with its SubscribeURL', async () => {
		const subscribeUrl = `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC_ARN}&Token=2336`;
		const message = signSns(
			{
				Type: 'SubscriptionConfirmation',
				MessageId: 'm0',
				Token: '2336',
				TopicArn: TOPIC_ARN,
				Message: 'You have chosen to subscribe…',
				SubscribeURL: subscribeUrl,
				Timestamp: '2017-08-05T00:00:00.000Z',
			},
			privateKey,
		);
		expect(await verifyAmazonSes(request(message), credential, fetcher)).toEqual({
			ok: true,
			events: [],
			ignored: [],
			control: { kind: 'subscription-confirmation', subscribeUrl, topicArn: TOPIC_ARN },
		});
	});

	it('ignores the non-JSON "Successfully validated SNS topic" message and transient bounces', async () => {
		const validated = signSns(
			{
				Type: 'Notification',
				MessageId: 'v',
				TopicArn: TOPIC_ARN,
				Message: 'Successfully validated SNS topic for Amazon SES event publishing.',
				Timestamp: '2017-08-05T00:00:00.000Z',
			},
			privateKey,
		);
		const transient = notification({
			...sesBounce,
			bounce: { ...sesBounce.bounce, bounceType: 'Transient' },
		});
		expect(await verifyAmazonSes(request(validated), credential, fetcher)).toMatchObject({
			ok: true,
			events: [],
		});
		expect(await verifyAmazonSes(request(transient), credential, fetcher)).toMatchObject({
			ok: true,
			events: [],
			ignored: [{ providerEventType: 'Bounce' }, { providerEventType: 'Bounce' }],
		});
	});

	it('rejects a message signed by another key, a tampered message, a foreign topic and mismatched headers', async () => {
		expect(
			await verifyAmazonSes(
				request(notification(sesBounce, '2', other.privateKey)),
				credential,
				fetcher,
			),
		).toMatchObject({ reason: 'bad-signature' });
		const tampered = {
			...notification(sesBounce),
			Message: JSON.stringify({ ...sesBounce, eventType: 'Complaint' }),
		};
		expect(await verifyAmazonSes(request(tampered), credential, fetcher)).toMatchObject({
			reason: 'bad-signature',
		});
		const foreign = signSns(
			{
				Type: 'Notification',
				MessageId: 'x',
				TopicArn: 'arn:aws:sns:us-east-1:999999999999:evil',
				Message: '{}',
				Timestamp: 'T',
			},
			privateKey,
		);
		expect(await verifyAmazonSes(request(foreign), credential, fetcher)).toMatchObject({
			reason: 'topic-not-allowed',
		});
		expect(
			await verifyAmazonSes(
				request(notification(sesBounce), { 'x-amz-sns-message-id': 'other' }),
				credential,
				fetcher,
			),
		).toMatchObject({
			reason: 'malformed-body',
		});
		expect(
			await verifyAmazonSes(request(notification(sesBounce)), { topicArns: '' }, fetcher),
		).toMatchObject({ reason: 'missing-credential' });
	});

	it('never fetches a certificate from a non-SNS host, over http, or off the SimpleNotificationService path', async () => {
		const spy = jest.fn(fetcher);
		for (const url of [
			'https://evil.example.com/cert.pem',
			'http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem',
			'https://sns.us-east-1.amazonaws.com/cert.txt',
			'https://sns.us-east-1.amazonaws.com.evil.com/SimpleNotificationService-abc.pem',
			'https://user@sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem',
			'https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-abc.pem',
			// S3's legacy endpoint for a bucket named "sns": its owner serves any file
			'https://sns.s3-ap-southeast-2.amazonaws.com/SimpleNotificationService-abc.pem',
			'https://sns.s3.amazonaws.com/SimpleNotificationService-abc.pem',
			// China regions are served from .amazonaws.com.cn only
			'https://sns.cn-north-1.amazonaws.com/SimpleNotificationService-abc.pem',
			'https://sns.us-east-1.amazonaws.com.cn/SimpleNotificationService-abc.pem',
			// an SNS host, but not its certificate path
			'https://sns.us-east-1.amazonaws.com/cert.pem',
			'https://sns.us-east-1.amazonaws.com/uploads/SimpleNotificationService-abc.pem',
			'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem?Action=x',
			'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-a.b.pem',
		]) {
			const message = { ...notification(sesBounce), SigningCertURL: url };
			expect(await verifyAmazonSes(request(message), credential, spy)).toMatchObject({
				reason: 'bad-certificate',
			});
		}
		expect(spy).not.toHaveBeenCalled();
		for (const host of [
			'sns.us-east-1.amazonaws.com',
			'sns.ap-southeast-2.amazonaws.com',
			'sns.us-gov-west-1.amazonaws.com',
			'sns.cn-north-1.amazonaws.com.cn',
			'sns.cn-northwest-1.amazonaws.com.cn',
		]) {
			expect(isSnsUrl(`https://${host}/SimpleNotificationService-f3ecfb7224c7233f.pem`, true)).toBe(
				true,
			);
		}
	});

	it('accepts only an X.509 certificate issued to the SNS signing name of the URL region', async () => {
		const verifyWith = async (pem: string, key: string, url = CERT_URL) =>
			await verifyAmazonSes(
				request({ ...notification(sesBounce, '2', key), SigningCertURL: url }),
				credential,
				async () => pem,
			);
		// The key itself, public or private, instead of a certificate.
		const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string;
		expect(await verifyWith(publicKey, privateKey)).toMatchObject({ reason: 'bad-certificate' });
		expect(await verifyWith(privateKey, privateKey)).toMatchObject({ reason: 'bad-certificate' });
		// A certificate for another name; the regional endpoint's own name is not SNS's signing name either.
		for (const names of [
			['evil.example.com'],
			['sns.us-east-1.amazonaws.com'],
			['amazonaws.com'],
		]) {
			const foreign = selfSignedCertificate(names);
			expect(await verifyWith(foreign.certificate, foreign.privateKey)).toMatchObject({
				reason: 'bad-certificate',
				message: expect.stringContaining('not issued to an SNS signing name'),
			});
		}
		// Opt-in, GovCloud and China regions sign with their own names (as the AWS SDK for Java v2 expects them).
		const regional: Array<[string, string]> = [
			['sns.af-south-1.amazonaws.com', 'sns-signing.af-south-1.amazonaws.com'],
			['sns.us-gov-east-1.amazonaws.com', 'sns-us-gov-west-1.amazonaws.com'],
			['sns.cn-north-1.amazonaws.com.cn', 'sns-cn-north-1.amazonaws.com.cn'],
			['sns.cn-northwest-1.amazonaws.com.cn', 'sns.amazonaws.com.cn'],
		];
		for (const [host, name] of regional) {
			const signer = selfSignedCertificate([name]);
			const url = `https://${host}/SimpleNotificationService-0123abcd.pem`;
			expect(await verifyWith(signer.certificate, signer.privateKey, url)).toMatchObject({
				ok: true,
			});
			// The same certificate from another region's endpoint is refused.
			expect(await verifyWith(signer.certificate, signer.privateKey, CERT_URL)).toMatchObject({
				reason: 'bad-certificate',
			});
		}
		expect(await verifyWith(certificate, privateKey)).toMatchObject({ ok: true });
	});

	it('refuses a signing certificate outside its validity period, at the time the request is checked', async () => {
		const { validFrom, validTo } = new X509Certificate(certificate);
		const signed = request(notification(sesBounce));
		const at = async (now: number) => await verifyAmazonSes(signed, credential, fetcher, now);
		expect(await at(Date.parse(validFrom))).toMatchObject({ ok: true });
		expect(await at(Date.parse(validTo))).toMatchObject({ ok: true });
		expect(await at(Date.parse(validTo) + 1000)).toMatchObject({
			reason: 'bad-certificate',
			message: `the SNS signing certificate expired on ${validTo}`,
		});
		expect(await at(Date.parse(validFrom) - 1000)).toMatchObject({
			reason: 'bad-certificate',
			message: `the SNS signing certificate is valid only from ${validFrom}`,
		});
		// verifyWebhook passes its clock (the node's: now) through
		const context = { fetchCertificate: fetcher, now: Date.parse(validTo) + 86_400_000 };
		expect(await verifyWebhook('amazonSes', signed, credential, context)).toMatchObject({
			reason: 'bad-certificate',
		});
	});

	it('rejects a missing signature, an unknown SignatureVersion and a certificate that cannot be fetched', async () => {
		const { Signature: _unused, ...unsigned } = notification(sesBounce);
		expect(await verifyAmazonSes(request(unsigned), credential, fetcher)).toMatchObject({
			reason: 'missing-signature',
		});
		expect(
			await verifyAmazonSes(
				request({ ...notification(sesBounce), SignatureVersion: '3' }),
				credential,
				fetcher,
			),
		).toMatchObject({
			reason: 'bad-signature',
		});
		const failing = async () => {
			throw new Error('network down');
		};
		expect(
			await verifyAmazonSes(request(notification(sesBounce)), credential, failing),
		).toMatchObject({ reason: 'bad-certificate' });
	});

	it('caches certificates by URL and does not cache failures', async () => {
		let calls = 0;
		let fail = true;
		const cached = cachedCertificateFetcher(async () => {
			calls += 1;
			if (fail) throw new Error('once');
			return certificate;
		});
		await expect(cached(CERT_URL)).rejects.toThrow('once');
		fail = false;
		await cached(CERT_URL);
		await cached(CERT_URL);
		expect(calls).toBe(2);
	});

	it('quotes an unknown topic in the failure message (it is not verified yet): one line, capped', async () => {
		const forgedLine = '\n2026-01-01T00:00:00.000Z | info | Engagement Webhook Trigger: confirmed';
		const spy = jest.fn(fetcher);
		const result = await verifyAmazonSes(
			request({ ...notification(sesBounce), TopicArn: `arn:x${forgedLine}${'y'.repeat(5000)}` }),
			credential,
			spy,
		);
		expect(result).toMatchObject({ ok: false, reason: 'topic-not-allowed' });
		const message = result.ok ? '' : result.message;
		expect(message).not.toMatch(/[\r\n]/);
		expect(message).toContain('"arn:x\\n2026-01-01T00:00:00.000Z | info |');
		expect(message.length).toBeLessThan(200);
		expect(spy).not.toHaveBeenCalled();
		const topicless: Record<string, string> = { ...notification(sesBounce) };
		delete topicless.TopicArn;
		expect(await verifyAmazonSes(request(topicless), credential, spy)).toMatchObject({
			reason: 'topic-not-allowed',
			message: 'SNS message names no topic',
		});
	});
});
