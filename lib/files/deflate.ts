/**
 * Raw DEFLATE (RFC 1951) compressor for ZIP entries, written out because Node's zlib is not allowed in code that runs
 * in n8n Cloud. LZ77 over the 32 KiB window with hash chains (greedy matching, bounded chain length), coded in one
 * block with the fixed Huffman codes of RFC 1951 §3.2.6. Fixed codes give up some ratio against zlib's dynamic
 * codes but keep the coder small; on spreadsheet XML the output is typically within 10–25 % of `zlib -6`.
 */

const WINDOW = 32_768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
const HASH_SIZE = 1 << HASH_BITS;
const MAX_CHAIN = 16;
/** A match this long is good enough: stop searching the chain. */
const GOOD_MATCH = 32;

const LENGTH_BASE = [
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258,
];
const LENGTH_EXTRA = [
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
	3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

/** Fixed literal/length code (bit-reversed, ready to write LSB first) and its length, per symbol 0..287. */
const FIXED_CODE = new Uint16Array(288);
const FIXED_BITS = new Uint8Array(288);
/** Length 3..258 → length symbol index 0..28. */
const LENGTH_SYMBOL = new Uint8Array(MAX_MATCH + 1);
/** Fixed distance codes (5 bits, reversed) per distance symbol. */
const DISTANCE_CODE = new Uint8Array(30);

(function buildTables() {
	for (let symbol = 0; symbol < 288; symbol++) {
		const [code, bits] =
			symbol < 144
				? [0x30 + symbol, 8]
				: symbol < 256
					? [0x190 + symbol - 144, 9]
					: symbol < 280
						? [symbol - 256, 7]
						: [0xc0 + symbol - 280, 8];
		FIXED_CODE[symbol] = reverse(code, bits);
		FIXED_BITS[symbol] = bits;
	}
	for (let index = 0; index < LENGTH_BASE.length; index++) {
		const last = index + 1 < LENGTH_BASE.length ? LENGTH_BASE[index + 1] - 1 : MAX_MATCH;
		for (let length = LENGTH_BASE[index]; length <= last && length <= MAX_MATCH; length++) {
			LENGTH_SYMBOL[length] = index;
		}
	}
	LENGTH_SYMBOL[MAX_MATCH] = 28;
	for (let symbol = 0; symbol < 30; symbol++) DISTANCE_CODE[symbol] = reverse(symbol, 5);
})();

function reverse(code: number, bits: number): number {
	let reversed = 0;
	for (let i = 0; i < bits; i++) reversed = (reversed << 1) | ((code >>> i) & 1);
	return reversed;
}

function distanceSymbol(distance: number): number {
	let low = 0;
	let high = DISTANCE_BASE.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if (DISTANCE_BASE[mid] <= distance) low = mid;
		else high = mid - 1;
	}
	return low;
}

class BitWriter {
	private buffer: Uint8Array;
	private length = 0;
	private bitBuffer = 0;
	private bitCount = 0;

	constructor(capacity: number) {
		this.buffer = new Uint8Array(Math.max(64, capacity));
	}

	/** Writes the low `bits` bits of `value`, least significant first. */
	write(value: number, bits: number): void {
		this.bitBuffer |= value << this.bitCount;
		this.bitCount += bits;
		while (this.bitCount >= 8) {
			this.push(this.bitBuffer & 0xff);
			this.bitBuffer >>>= 8;
			this.bitCount -= 8;
		}
	}

	finish(): Uint8Array {
		if (this.bitCount > 0) this.push(this.bitBuffer & 0xff);
		this.bitBuffer = 0;
		this.bitCount = 0;
		return this.buffer.subarray(0, this.length);
	}

	private push(byte: number): void {
		if (this.length === this.buffer.length) {
			const grown = new Uint8Array(this.buffer.length * 2);
			grown.set(this.buffer);
			this.buffer = grown;
		}
		this.buffer[this.length++] = byte;
	}
}

/** Compresses `data` into a raw DEFLATE stream (no zlib or gzip wrapper), as ZIP method 8 stores it. */
export function deflateRaw(data: Uint8Array): Uint8Array {
	const out = new BitWriter((data.length >> 1) + 64);
	out.write(1, 1); // BFINAL: the only block
	out.write(1, 2); // BTYPE 01: fixed Huffman codes
	const head = new Int32Array(HASH_SIZE).fill(-1);
	const previous = new Int32Array(WINDOW);
	const end = data.length;
	const hashAt = (i: number) =>
		(((data[i] << 10) ^ (data[i + 1] << 5) ^ data[i + 2]) * 0x9e3779b1) >>> (32 - HASH_BITS);
	const insert = (i: number) => {
		const hash = hashAt(i);
		previous[i & (WINDOW - 1)] = head[hash];
		head[hash] = i;
	};

	let i = 0;
	while (i < end) {
		let bestLength = 0;
		let bestDistance = 0;
		if (i + MIN_MATCH <= end) {
			let candidate = head[hashAt(i)];
			const limit = Math.min(MAX_MATCH, end - i);
			for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
				if (data[candidate + bestLength] === data[i + bestLength]) {
					let length = 0;
					while (length < limit && data[candidate + length] === data[i + length]) length++;
					if (length > bestLength) {
						bestLength = length;
						bestDistance = i - candidate;
						if (length >= GOOD_MATCH || length === limit) break;
					}
				}
				const next = previous[candidate & (WINDOW - 1)];
				if (next >= candidate) break; // the slot was reused by a newer position: the chain ends here
				candidate = next;
			}
		}
		if (bestLength >= MIN_MATCH) {
			const lengthIndex = LENGTH_SYMBOL[bestLength];
			const symbol = 257 + lengthIndex;
			out.write(FIXED_CODE[symbol], FIXED_BITS[symbol]);
			if (LENGTH_EXTRA[lengthIndex] > 0)
				out.write(bestLength - LENGTH_BASE[lengthIndex], LENGTH_EXTRA[lengthIndex]);
			const distanceIndex = distanceSymbol(bestDistance);
			out.write(DISTANCE_CODE[distanceIndex], 5);
			if (DISTANCE_EXTRA[distanceIndex] > 0) {
				out.write(bestDistance - DISTANCE_BASE[distanceIndex], DISTANCE_EXTRA[distanceIndex]);
			}
			const stop = Math.min(i + bestLength, end - MIN_MATCH + 1);
			for (let j = i; j < stop; j++) insert(j);
			i += bestLength;
		} else {
			out.write(FIXED_CODE[data[i]], FIXED_BITS[data[i]]);
			if (i + MIN_MATCH <= end) insert(i);
			i++;
		}
	}
	out.write(FIXED_CODE[256], FIXED_BITS[256]); // end of block
	return out.finish();
}
