/**
 * Test-side signers: each builds what the provider would send, from the provider's documented scheme, using
 * node:crypto directly (not our verification code), so a test fails if our verifier reads the scheme differently.
 */
import { execFileSync } from 'node:child_process';
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NOW_SECONDS = 1_764_000_000;
export const NOW = NOW_SECONDS * 1000;

export function sendGridKeys() {
	const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	return {
		publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
		privateKey,
	};
}

export function sendGridHeaders(
	privateKey: KeyObject,
	body: string,
	timestamp = String(NOW_SECONDS),
) {
	const signature = sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64');
	return {
		'x-twilio-email-event-webhook-signature': signature,
		'x-twilio-email-event-webhook-timestamp': timestamp,
	};
}

export function mailgunBody(
	key: string,
	eventData: object,
	timestamp = String(NOW_SECONDS),
	token = 'a'.repeat(50),
	parentKey?: string,
) {
	const sign = (secret: string) =>
		createHmac('sha256', secret)
			.update(timestamp + token)
			.digest('hex');
	// A subaccount's event also carries `parent-signature`: the same HMAC with the primary account's key.
	const parent = parentKey === undefined ? {} : { 'parent-signature': sign(parentKey) };
	return JSON.stringify({
		signature: { timestamp, token, signature: sign(key), ...parent },
		'event-data': eventData,
	});
}

export function mandrillRequest(key: string, url: string, events: object[]) {
	const value = JSON.stringify(events);
	const signature = createHmac('sha1', key)
		.update(`${url}mandrill_events${value}`)
		.digest('base64');
	return {
		rawBody: new URLSearchParams({ mandrill_events: value }).toString(),
		headers: {
			'x-mandrill-signature': signature,
			'content-type': 'application/x-www-form-urlencoded',
		},
	};
}

export function customerIoHeaders(key: string, body: string, timestamp = String(NOW_SECONDS)) {
	const signature = createHmac('sha256', key).update(`v0:${timestamp}:${body}`).digest('hex');
	return { 'x-cio-signature': signature, 'x-cio-timestamp': timestamp };
}

export function standardHeaders(
	secret: string,
	id: string,
	body: string,
	timestamp = String(NOW_SECONDS),
	prefix: 'webhook' | 'svix' = 'webhook',
) {
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
	return {
		[`${prefix}-id`]: id,
		[`${prefix}-timestamp`]: timestamp,
		[`${prefix}-signature`]: `v1,${signature}`,
	};
}

export function basicAuth(user: string, password: string) {
	return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/**
 * A CA-less self-signed RSA certificate made with openssl, standing in for SNS's signing certificate: issued, like
 * SNS's, to `sns.amazonaws.com` (subject CN and DNS subjectAltName) unless other names are given.
 */
export function selfSignedCertificate(names: string[] = ['sns.amazonaws.com']): {
	certificate: string;
	privateKey: string;
} {
	const dir = mkdtempSync(join(tmpdir(), 'sns-cert-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'2',
				'-subj',
				`/CN=${names[0]}`,
				'-addext',
				`subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`,
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem'),
			],
			{ stdio: 'ignore' },
		);
		return {
			certificate: readFileSync(join(dir, 'cert.pem'), 'utf8'),
			privateKey: readFileSync(join(dir, 'key.pem'), 'utf8'),
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem';
export const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:ses-events';

/** Signs an SNS message the way SNS documents it (string-to-sign built here independently of lib/). */
export function signSns(
	message: Record<string, string>,
	privateKey: string,
	version: '1' | '2' = '2',
) {
	const keys =
		message.Type === 'Notification'
			? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
			: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
	const text = keys
		.filter((key) => message[key] !== undefined)
		.map((key) => `${key}\n${message[key]}\n`)
		.join('');
	const signature = sign(
		version === '1' ? 'sha1' : 'sha256',
		Buffer.from(text),
		privateKey,
	).toString('base64');
	return { ...message, SignatureVersion: version, Signature: signature, SigningCertURL: CERT_URL };
}
