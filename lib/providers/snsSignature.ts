import { X509Certificate, verify } from 'crypto';

import { stringField } from './request';
import { fail, type VerificationFailure } from './types';

/**
 * Returns the PEM certificate at an https URL. The node supplies it (n8n's HTTP helper, redirects not followed: the
 * URL was checked, where a redirect leads was not); tests inject their own.
 */
export type CertificateFetcher = (url: string) => Promise<string>;

/**
 * SNS's own regional endpoints: `sns.<region>.amazonaws.com`, `.amazonaws.com.cn` for the China regions. A region is
 * `<area>[-gov|-iso…]-<direction>-<digit>` (us-east-1, ap-southeast-2, us-gov-west-1, cn-northwest-1, …). Looser
 * patterns (aws-js-sns-message-validator's `sns\.[a-zA-Z0-9-]{3,}`) also match S3's legacy endpoints
 * (`sns.s3-ap-southeast-2.amazonaws.com`: a bucket named `sns`, whose owner serves what they like).
 */
const SNS_HOST =
	/^sns\.(?:(?!cn-)([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)\.amazonaws\.com|(cn-[a-z]+-\d)\.amazonaws\.com\.cn)$/;

/** The path SNS serves its signing certificates under. */
const SNS_CERT_PATH = /^\/SimpleNotificationService-[A-Za-z0-9]+\.pem$/;

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

/**
 * True for an https URL on an SNS regional endpoint; `pemPath` also demands SNS's certificate path,
 * `/SimpleNotificationService-<id>.pem` with no query (for SigningCertURL).
 */
export function isSnsUrl(url: string | undefined, pemPath: boolean): boolean {
	const parsed = parseSnsUrl(url);
	if (!parsed) return false;
	return !pemPath || (SNS_CERT_PATH.test(parsed.pathname) && !parsed.search && !parsed.hash);
}

function parseSnsUrl(url: string | undefined): URL | undefined {
	if (!url) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	if (parsed.protocol !== 'https:' || !SNS_HOST.test(parsed.hostname)) return undefined;
	if (parsed.username || parsed.password || parsed.port) return undefined;
	return parsed;
}

/**
 * The names an SNS signing certificate served from `host` is issued to, as the AWS SDK for Java v2 expects them
 * (SnsHostProvider.signingCertCommonName): `sns.amazonaws.com` in most regions, `sns-signing.<region>.amazonaws.com`
 * in the opt-in ones, `sns-us-gov-west-1.amazonaws.com` in GovCloud, `sns-<region>.amazonaws.com.cn` in China.
 */
export function snsCertificateNames(host: string): string[] {
	const match = SNS_HOST.exec(host);
	if (!match) return [];
	const [, region, chinaRegion] = match;
	if (chinaRegion) return ['sns.amazonaws.com.cn', `sns-${chinaRegion}.amazonaws.com.cn`];
	const names = ['sns.amazonaws.com', `sns-signing.${region}.amazonaws.com`];
	if (region.startsWith('us-gov-')) names.push('sns-us-gov-west-1.amazonaws.com');
	return names;
}

/**
 * The PEM as an X.509 certificate issued to an SNS signing name for `host` and valid at `now` (epoch ms), or why not.
 * A bare public key, a key pair or any other PEM is refused: SNS serves certificates. Its issuer chain is not
 * checked: SNS serves the leaf alone, and the certificate's origin is vouched for by HTTPS to the checked SNS host.
 */
function readSnsCertificate(
	pem: string,
	host: string,
	now: number,
): X509Certificate | VerificationFailure {
	let certificate: X509Certificate;
	try {
		certificate = new X509Certificate(pem);
	} catch {
		return fail('bad-certificate', 'the SNS signing certificate is not an X.509 certificate');
	}
	const named = snsCertificateNames(host).some((name) => certificate.checkHost(name) !== undefined);
	if (!named) {
		return fail(
			'bad-certificate',
			'the SNS signing certificate is not issued to an SNS signing name',
		);
	}
	if (!(Date.parse(certificate.validFrom) <= now)) {
		return fail(
			'bad-certificate',
			`the SNS signing certificate is valid only from ${certificate.validFrom}`,
		);
	}
	if (!(now <= Date.parse(certificate.validTo))) {
		return fail('bad-certificate', `the SNS signing certificate expired on ${certificate.validTo}`);
	}
	return certificate;
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
 * SigningCertURL, which must be `https://sns.<region>.amazonaws.com/SimpleNotificationService-<id>.pem`. What comes
 * back must be an X.509 certificate issued to SNS's signing name for that region (see snsCertificateNames) and
 * valid at `now`.
 */
export async function verifySnsSignature(
	message: Record<string, unknown>,
	fetchCertificate: CertificateFetcher,
	now = Date.now(),
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
	if (!certUrl || !isSnsUrl(certUrl, true))
		return fail('bad-certificate', 'SigningCertURL is not an SNS certificate URL');
	let pem: string;
	try {
		pem = await fetchCertificate(certUrl);
	} catch {
		return fail('bad-certificate', 'could not fetch the SNS signing certificate');
	}
	const certificate = readSnsCertificate(pem, new URL(certUrl).hostname, now);
	if (!(certificate instanceof X509Certificate)) return certificate;
	try {
		const valid = verify(
			algorithm,
			Buffer.from(snsStringToSign(message), 'utf8'),
			certificate.publicKey,
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
