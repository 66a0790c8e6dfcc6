import { EngagementInputError } from '../errors';

/**
 * IP addresses and CIDR ranges (IPv4 `40.94.0.0/15`, IPv6 `2a01:111::/32`, or single addresses) for the
 * user-supplied scanner lists: parsed once, then each event's `ip` is tested against them.
 */
export interface IpRange {
	/** The range as the user wrote it, for explanations. */
	label: string;
	version: 4 | 6;
	network: bigint;
	prefix: number;
}

export function parseIpRanges(ranges: readonly unknown[], field = 'scannerIpRanges'): IpRange[] {
	return ranges.map((range) => {
		if (typeof range !== 'string' || range.trim() === '') {
			throw new EngagementInputError(`expected an IP address or CIDR range, got ${String(range)}`, {
				field,
			});
		}
		const label = range.trim();
		const [address, prefixText] = label.split('/');
		const parsed = parseIp(address);
		if (parsed === undefined)
			throw new EngagementInputError(`cannot read IP range ${JSON.stringify(label)}`, { field });
		const bits = parsed.version === 4 ? 32 : 128;
		const prefix = prefixText === undefined ? bits : Number(prefixText);
		if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
			throw new EngagementInputError(`bad prefix length in ${JSON.stringify(label)}`, { field });
		}
		return { label, version: parsed.version, prefix, network: maskTo(parsed.value, prefix, bits) };
	});
}

/** The first range containing `ip`, or undefined (also for an unreadable address). */
export function findIpRange(ip: string, ranges: readonly IpRange[]): IpRange | undefined {
	const parsed = parseIp(ip.trim());
	if (parsed === undefined) return undefined;
	const bits = parsed.version === 4 ? 32 : 128;
	return ranges.find(
		(range) =>
			range.version === parsed.version &&
			maskTo(parsed.value, range.prefix, bits) === range.network,
	);
}

function maskTo(value: bigint, prefix: number, bits: number): bigint {
	const hostBits = BigInt(bits - prefix);
	return (value >> hostBits) << hostBits;
}

export function parseIp(text: string): { version: 4 | 6; value: bigint } | undefined {
	const v4 = parseIpv4(text);
	if (v4 !== undefined) return { version: 4, value: v4 };
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
	if (mapped) {
		const inner = parseIpv4(mapped[1]);
		return inner === undefined ? undefined : { version: 4, value: inner };
	}
	const v6 = parseIpv6(text);
	return v6 === undefined ? undefined : { version: 6, value: v6 };
}

function parseIpv4(text: string): bigint | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	let value = 0n;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
		value = (value << 8n) | BigInt(Number(part));
	}
	return value;
}

function parseIpv6(text: string): bigint | undefined {
	if (!/^[0-9a-f:]+$/i.test(text) || text.split('::').length > 2) return undefined;
	const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
	const headGroups = head === '' ? [] : head.split(':');
	const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
	const missing = 8 - headGroups.length - tailGroups.length;
	if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
	const groups = [
		...headGroups,
		...Array<string>(tail === undefined ? 0 : missing).fill('0'),
		...tailGroups,
	];
	let value = 0n;
	for (const group of groups) {
		if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
		value = (value << 16n) | BigInt(parseInt(group, 16));
	}
	return value;
}
