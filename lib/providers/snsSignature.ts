import { createPublicKey, verify } from 'crypto';

import { stringField } from './request';
import { fail, type VerificationFailure } from './types';

/** Returns the PEM certificate at an https URL. The node supplies it (n8n's HTTP helper); tests inject their own. */
export type CertificateFetcher = (url: string) => Promise<string>;

/** aws-js-sns-message-validator's host rule: only SNS's own certificate hosts are trusted. */
const SNS_HOST = /^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$/;

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'];
const CONFIRMATION_KEYS = [
	'Message',
	'MessageId',
	'SubscribeURL',
	'Timestamp',
	'Token',
	'TopicArn',
	'Type',
];

/** True for an https URL on an SNS host; `pemPath` also demands a path ending `.pem` (for SigningCertURL). */
export function isSnsUrl(url: string | undefined, pemPath: boolean): boolean {
	if (!url) return false;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	if (parsed.protocol !== 'https:' || !SNS_HOST.test(parsed.hostname)) return false;
	if (parsed.username || parsed.password || parsed.port) return false;
	return !pemPath || parsed.pathname.endsWith('.pem');
}

/** The string SNS signs: `key\nvalue\n` for each present key, in the documented order for the message type. */
export function snsStringToSign(message: Record<string, unknown>): string {
	const keys = message.Type === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS;
	return keys
		.filter((key) => stringField(message[key]) !== undefined)
		.map((key) => `${key}\n${String(message[key])}\n`)
		.join('');
}

/**
 * Verifies an SNS message signature (docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html):
 * SignatureVersion 1 is RSA-SHA1, 2 is RSA-SHA256, over `snsStringToSign`, with the certificate from
 * SigningCertURL, which must be an https `.pem` on an `sns.<region>.amazonaws.com` host.
 */
export async function verifySnsSignature(
	message: Record<string, unknown>,
	fetchCertificate: CertificateFetcher,
): Promise<VerificationFailure | undefined> {
	const algorithm =
		message.SignatureVersion === '1'
			? 'sha1'
			: message.SignatureVersion === '2'
				? 'sha256'
				: undefined;
	if (!algorithm) return fail('bad-signature', 'unsupported SNS SignatureVersion');
	const signature = stringField(message.Signature);
	if (!signature) return fail('missing-signature', 'SNS Signature is missing');
	const certUrl = stringField(message.SigningCertURL);
	if (!isSnsUrl(certUrl, true))
		return fail('bad-certificate', 'SigningCertURL is not an SNS certificate URL');
	let pem: string;
	try {
		pem = await fetchCertificate(certUrl as string);
	} catch {
		return fail('bad-certificate', 'could not fetch the SNS signing certificate');
	}
	try {
		const key = createPublicKey(pem);
		const valid = verify(
			algorithm,
			Buffer.from(snsStringToSign(message), 'utf8'),
			key,
			Buffer.from(signature, 'base64'),
		);
		return valid ? undefined : fail('bad-signature', 'SNS signature does not match');
	} catch {
		return fail('bad-certificate', 'SNS signing certificate is unreadable');
	}
}

/**
 * Wraps a fetcher with a bounded cache keyed by URL (SNS rotates certificates rarely). Failed fetches are not cached.
 * Pass the same `cache` to successive wrappers to share it (the node keeps one per process).
 */
export function cachedCertificateFetcher(
	fetch: CertificateFetcher,
	cache: Map<string, Promise<string>> = new Map(),
	maxEntries = 16,
): CertificateFetcher {
	return async (url) => {
		const hit = cache.get(url);
		if (hit) return await hit;
		const pending = fetch(url);
		cache.set(url, pending);
		if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
		// A failed fetch must not stay cached; the caller still sees the rejection.
		pending.catch(() => cache.delete(url));
		return await pending;
	};
}
