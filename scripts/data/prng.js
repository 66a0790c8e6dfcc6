'use strict';
/**
 * Seeded pseudo-random numbers for the data generator: mulberry32 (32-bit state, period 2^32), plus the few
 * distributions the generator needs. Never Math.random: the same seed must give the same dataset on every machine.
 */

function mulberry32(seed) {
	let state = seed >>> 0;
	return function next() {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A random source with helpers; `uniform()` is in [0, 1). */
function createRandom(seed) {
	const uniform = mulberry32(seed);
	return {
		uniform,
		chance: (probability) => uniform() < probability,
		integer: (min, max) => min + Math.floor(uniform() * (max - min + 1)),
		between: (min, max) => min + uniform() * (max - min),
		pick: (items) => items[Math.floor(uniform() * items.length)],
		/** Exponentially distributed with the given mean. */
		exponential: (mean) => -Math.log(1 - uniform()) * mean,
		/** Picks a key of `weights` ({key: weight}) with probability proportional to its weight. */
		weighted(weights) {
			const entries = Object.entries(weights);
			const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
			let roll = uniform() * total;
			for (const [key, weight] of entries) {
				roll -= weight;
				if (roll < 0) return key;
			}
			return entries[entries.length - 1][0];
		},
	};
}

module.exports = { mulberry32, createRandom };
