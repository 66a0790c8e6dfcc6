import { DateTime } from 'luxon';

import { crc32 } from './crc32';
import { deflateRaw } from './deflate';
import {
	AES_COMPRESSION_METHOD,
	AES_VERSION_NEEDED,
	aesExtraField,
	encryptWinZipAes,
} from './winzipAes';

/**
 * A ZIP archive writer (PKWARE APPNOTE 6.3) for the files the reports produce.
 *
 * Entries are DEFLATE-compressed (method 8) with our own compressor (deflate.ts: Node's zlib is off limits for code
 * that runs inside n8n Cloud), or STORED (method 0) when compressing would not make them smaller or `compress` is
 * false. Names are UTF-8 (flag bit 11). With a `password`, each entry is encrypted with WinZip AES-256 (AE-2, see winzipAes.ts).
 * No ZIP64: an archive is limited to 65 535 entries and 4 GiB, far beyond what a report reaches; larger input throws.
 */

export interface ZipEntry {
	/** Path inside the archive, `/`-separated. */
	name: string;
	/** File content; strings are written as UTF-8. */
	data: Uint8Array | string;
}

export interface ZipOptions {
	/** Modification time stamped on every entry (epoch ms); default 1980-01-01, the earliest a ZIP can hold. */
	modifiedAt?: number;
	/** IANA zone in which `modifiedAt` is written (ZIP times are local wall-clock times); default 'UTC'. */
	timezone?: string;
	/** Encrypt every entry with WinZip AES-256 (AE-2) under this password. */
	password?: string;
	/** DEFLATE entries that shrink by it; default true. */
	compress?: boolean;
}

const STORED = 0;
const DEFLATED = 8;
const VERSION_NEEDED_STORED = 10;
const VERSION_NEEDED_DEFLATED = 20;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;

interface WrittenEntry {
	name: Buffer;
	extra: Buffer;
	flags: number;
	method: number;
	versionNeeded: number;
	crc: number;
	storedSize: number;
	originalSize: number;
	offset: number;
}

/** Builds a complete ZIP archive in memory. */
export function createZip(entries: readonly ZipEntry[], options: ZipOptions = {}): Buffer {
	if (entries.length > MAX_ENTRIES)
		throw new RangeError(`a ZIP holds at most ${MAX_ENTRIES} entries`);
	assertUniqueNames(entries);
	const { time, date } = dosDateTime(
		options.modifiedAt ?? Date.UTC(1980, 0, 1),
		options.timezone ?? 'UTC',
	);
	const parts: Buffer[] = [];
	const written: WrittenEntry[] = [];
	let offset = 0;

	for (const entry of entries) {
		const content = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
		const deflated =
			options.compress === false || content.length === 0 ? undefined : deflateRaw(content);
		const compression =
			deflated !== undefined && deflated.length < content.length ? DEFLATED : STORED;
		const packed = compression === DEFLATED ? (deflated as Uint8Array) : content;
		const encrypted = options.password !== undefined;
		const stored = encrypted ? encryptWinZipAes(packed, options.password as string) : packed;
		const record: WrittenEntry = {
			name: Buffer.from(entry.name, 'utf8'),
			extra: encrypted ? aesExtraField(compression) : Buffer.alloc(0),
			flags: FLAG_UTF8 | (encrypted ? FLAG_ENCRYPTED : 0),
			method: encrypted ? AES_COMPRESSION_METHOD : compression,
			versionNeeded: encrypted
				? AES_VERSION_NEEDED
				: compression === DEFLATED
					? VERSION_NEEDED_DEFLATED
					: VERSION_NEEDED_STORED,
			crc: encrypted ? 0 : crc32(content),
			storedSize: stored.length,
			originalSize: content.length,
			offset,
		};
		const header = localHeader(record, time, date);
		parts.push(
			header,
			record.name,
			record.extra,
			Buffer.from(stored.buffer, stored.byteOffset, stored.length),
		);
		offset += header.length + record.name.length + record.extra.length + stored.length;
		if (offset > MAX_OFFSET) throw new RangeError('a ZIP without ZIP64 holds at most 4 GiB');
		written.push(record);
	}

	const centralStart = offset;
	for (const record of written) {
		const header = centralHeader(record, time, date);
		parts.push(header, record.name, record.extra);
		offset += header.length + record.name.length + record.extra.length;
	}
	parts.push(endOfCentralDirectory(written.length, offset - centralStart, centralStart));
	return Buffer.concat(parts);
}

function assertUniqueNames(entries: readonly ZipEntry[]): void {
	const seen = new Set<string>();
	entries.forEach((entry, index) => {
		if (entry.name.length === 0 || entry.name.startsWith('/') || entry.name.includes('\\')) {
			throw new RangeError(`entry ${index}: "${entry.name}" is not a relative, /-separated path`);
		}
		if (seen.has(entry.name))
			throw new RangeError(`entry ${index}: duplicate name "${entry.name}"`);
		seen.add(entry.name);
	});
}

function localHeader(entry: WrittenEntry, time: number, date: number): Buffer {
	const header = Buffer.alloc(30);
	header.writeUInt32LE(LOCAL_HEADER_SIGNATURE, 0);
	header.writeUInt16LE(entry.versionNeeded, 4);
	header.writeUInt16LE(entry.flags, 6);
	header.writeUInt16LE(entry.method, 8);
	header.writeUInt16LE(time, 10);
	header.writeUInt16LE(date, 12);
	header.writeUInt32LE(entry.crc, 14);
	header.writeUInt32LE(entry.storedSize, 18);
	header.writeUInt32LE(entry.originalSize, 22);
	header.writeUInt16LE(entry.name.length, 26);
	header.writeUInt16LE(entry.extra.length, 28);
	return header;
}

function centralHeader(entry: WrittenEntry, time: number, date: number): Buffer {
	const header = Buffer.alloc(46);
	header.writeUInt32LE(CENTRAL_HEADER_SIGNATURE, 0);
	header.writeUInt16LE(entry.versionNeeded, 4); // version made by: MS-DOS attributes, same spec level
	header.writeUInt16LE(entry.versionNeeded, 6);
	header.writeUInt16LE(entry.flags, 8);
	header.writeUInt16LE(entry.method, 10);
	header.writeUInt16LE(time, 12);
	header.writeUInt16LE(date, 14);
	header.writeUInt32LE(entry.crc, 16);
	header.writeUInt32LE(entry.storedSize, 20);
	header.writeUInt32LE(entry.originalSize, 24);
	header.writeUInt16LE(entry.name.length, 28);
	header.writeUInt16LE(entry.extra.length, 30);
	// comment length, disk number, internal and external attributes stay 0
	header.writeUInt32LE(entry.offset, 42);
	return header;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
	const record = Buffer.alloc(22);
	record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY_SIGNATURE, 0);
	record.writeUInt16LE(count, 8);
	record.writeUInt16LE(count, 10);
	record.writeUInt32LE(size, 12);
	record.writeUInt32LE(offset, 16);
	return record;
}

/** MS-DOS date and time words (local wall clock, 2-second resolution, years 1980–2107). */
function dosDateTime(millis: number, zone: string): { time: number; date: number } {
	let local = DateTime.fromMillis(millis, { zone });
	if (!local.isValid) throw new RangeError(`timezone: "${zone}" is not a valid IANA zone`);
	if (local.year < 1980) local = DateTime.fromObject({ year: 1980, month: 1, day: 1 }, { zone });
	if (local.year > 2107)
		local = DateTime.fromObject(
			{ year: 2107, month: 12, day: 31, hour: 23, minute: 59, second: 58 },
			{ zone },
		);
	return {
		time: (local.hour << 11) | (local.minute << 5) | Math.floor(local.second / 2),
		date: ((local.year - 1980) << 9) | (local.month << 5) | local.day,
	};
}
