import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * WinZip AES encryption of one ZIP entry (https://www.winzip.com/en/support/aes-encryption/), AE-2 flavour with
 * 256-bit keys — the format 7-Zip, WinZip, macOS Archive Utility (via third-party tools), zip.js and most readers
 * understand:
 * - key material = PBKDF2-HMAC-SHA1(password, salt, 1000 iterations, 2·32 + 2 bytes): AES key, HMAC key, 2-byte
 *   password verifier, in that order; the salt is 16 random bytes per entry;
 * - data encrypted with AES-256 in CTR mode whose 16-byte counter block is a little-endian integer starting at 1
 *   (WinZip's own convention; Node's `aes-256-ctr` counts big-endian, so the keystream is made with ECB);
 * - authentication code = first 10 bytes of HMAC-SHA1(HMAC key, ciphertext);
 * - stored entry data = salt ‖ verifier ‖ ciphertext ‖ authentication code.
 * AE-2 stores CRC 0 in the headers: the authentication code protects the data instead.
 */

export const AES_COMPRESSION_METHOD = 99;
export const AES_EXTRA_FIELD_ID = 0x9901;
export const AES_VERSION_NEEDED = 51;

const AES_256_STRENGTH = 3;
const AE_2 = 2;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const VERIFIER_BYTES = 2;
const AUTH_CODE_BYTES = 10;
const PBKDF2_ITERATIONS = 1000;
const BLOCK_BYTES = 16;
const BLOCKS_PER_CHUNK = 4096;

/** The 0x9901 extra field of an AE-2, AES-256 entry whose data (before encryption) uses `compressionMethod`. */
export function aesExtraField(compressionMethod: number): Buffer {
	const field = Buffer.alloc(11);
	field.writeUInt16LE(AES_EXTRA_FIELD_ID, 0);
	field.writeUInt16LE(7, 2);
	field.writeUInt16LE(AE_2, 4);
	field.write('AE', 6, 'latin1');
	field.writeUInt8(AES_256_STRENGTH, 8);
	field.writeUInt16LE(compressionMethod, 9);
	return field;
}

/** Encrypts one entry's (already compressed or stored) data; returns the bytes to store as the entry's data. */
export function encryptWinZipAes(
	data: Uint8Array,
	password: string,
	salt = randomBytes(SALT_BYTES),
): Buffer {
	if (password.length === 0)
		throw new RangeError('password: an encrypted archive needs a non-empty password');
	if (salt.length !== SALT_BYTES) throw new RangeError(`salt: AES-256 needs ${SALT_BYTES} bytes`);
	const material = pbkdf2Sync(
		Buffer.from(password, 'utf8'),
		salt,
		PBKDF2_ITERATIONS,
		2 * KEY_BYTES + VERIFIER_BYTES,
		'sha1',
	);
	const aesKey = material.subarray(0, KEY_BYTES);
	const hmacKey = material.subarray(KEY_BYTES, 2 * KEY_BYTES);
	const verifier = material.subarray(2 * KEY_BYTES);
	const ciphertext = xorWithKeystream(data, aesKey);
	const authCode = createHmac('sha1', hmacKey)
		.update(ciphertext)
		.digest()
		.subarray(0, AUTH_CODE_BYTES);
	return Buffer.concat([salt, verifier, ciphertext, authCode]);
}

function xorWithKeystream(data: Uint8Array, key: Buffer): Buffer {
	const output = Buffer.alloc(data.length);
	const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
	let counter = 1;
	for (let start = 0; start < data.length; start += BLOCKS_PER_CHUNK * BLOCK_BYTES) {
		const chunkBytes = Math.min(BLOCKS_PER_CHUNK * BLOCK_BYTES, data.length - start);
		const blocks = Math.ceil(chunkBytes / BLOCK_BYTES);
		const counters = Buffer.alloc(blocks * BLOCK_BYTES);
		for (let b = 0; b < blocks; b++, counter++) {
			counters.writeUInt32LE(counter % 0x1_0000_0000, b * BLOCK_BYTES);
			counters.writeUInt32LE(Math.floor(counter / 0x1_0000_0000), b * BLOCK_BYTES + 4);
		}
		const keystream = cipher.update(counters);
		for (let i = 0; i < chunkBytes; i++) output[start + i] = data[start + i] ^ keystream[i];
	}
	cipher.final();
	return output;
}
