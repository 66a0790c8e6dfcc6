import { createHash, createHmac, timingSafeEqual } from 'crypto';

import {
	DEFAULT_TOLERANCE_SECONDS,
	fail,
	type AdapterOptions,
	type VerificationFailure,
} from './types';

/**
 * Constant-time equality of two signatures. Inputs of different lengths are compared against themselves so the
 * time spent does not depend on where they differ, then reported unequal.
 */
export function safeEqual(expected: string | Buffer, actual: string | Buffer): boolean {
	const a = Buffer.isBuffer(expected) ? expected : Buffer.from(expected, 'utf8');
	const b = Buffer.isBuffer(actual) ? actual : Buffer.from(actual, 'utf8');
	if (a.length !== b.length || a.length === 0) {
		timingSafeEqual(a, a);
		return false;
	}
	return timingSafeEqual(a, b);
}

export function hmac(
	algorithm: 'sha1' | 'sha256',
	key: string | Buffer,
	data: string | Buffer | Array<string | Buffer>,
): Buffer {
	const mac = createHmac(algorithm, key);
	for (const part of Array.isArray(data) ? data : [data]) mac.update(part);
	return mac.digest();
}

/** Short, stable id for events whose provider gives none: sha256 over the identifying fields. */
export function stableKey(...parts: Array<string | number | undefined>): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(`${part ?? ''}\u001f`);
	return hash.digest('hex').slice(0, 32);
}

/**
 * Checks a signed unix timestamp against the replay window. Values above 1e10 are read as milliseconds
 * (the convention of n8n's own `verifySignature` helper).
 */
export function checkTimestamp(
	raw: string | undefined,
	options: AdapterOptions,
): VerificationFailure | undefined {
	if (raw === undefined) return fail('missing-header', 'signature timestamp is missing');
	if (!/^\d+(\.\d+)?$/.test(raw.trim()))
		return fail('bad-timestamp', 'signature timestamp is not a number');
	const value = Number(raw);
	const seconds = value > 1e10 ? value / 1000 : value;
	const now = (options.now ?? Date.now()) / 1000;
	const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (Math.abs(now - seconds) > tolerance) {
		return fail(
			'stale-timestamp',
			`signature timestamp is ${Math.round(now - seconds)} s from now (window ${tolerance} s)`,
		);
	}
	return undefined;
}
