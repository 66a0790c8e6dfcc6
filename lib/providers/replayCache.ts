import { createHash } from 'crypto';

/**
 * Remembers recently seen event ids so a replayed or retried delivery starts no second workflow run.
 * The state is a plain JSON object (a ring buffer of keys) so it can live in n8n's workflow static data and survive
 * restarts; memory is bounded by `capacity` (oldest ids are forgotten first).
 */
export interface ReplayCacheState {
	ids: string[];
	/** Next slot to overwrite once the ring is full. */
	next: number;
}

export const DEFAULT_REPLAY_CAPACITY = 10_000;

/**
 * The key remembered for an event: 16 base64url characters of sha256(provider, eventId), so every id costs the same
 * ~19 bytes of static data (10 000 ids ≈ 190 kB) however long the provider's ids are. 96 bits: collisions are out of
 * reach at any capacity a workflow can hold.
 */
export function replayKey(provider: string, eventId: string): string {
	return createHash('sha256')
		.update(`${provider}\u001f${eventId}`)
		.digest('base64url')
		.slice(0, 16);
}

export function emptyReplayCache(): ReplayCacheState {
	return { ids: [], next: 0 };
}

/**
 * Accepts whatever static data held (possibly nothing, or an older shape) and returns a usable state: the same object
 * when it is valid (so callers can keep an index keyed by it), otherwise a fresh empty one.
 */
export function readReplayCache(value: unknown): ReplayCacheState {
	if (typeof value !== 'object' || value === null) return emptyReplayCache();
	const state = value as Partial<ReplayCacheState>;
	// Elements are not checked one by one (that would cost O(capacity) per request); a non-string id simply never
	// matches a key.
	if (!Array.isArray(state.ids)) return emptyReplayCache();
	if (
		typeof state.next !== 'number' ||
		!(state.next >= 0 && state.next < Math.max(state.ids.length, 1))
	) {
		state.next = 0;
	}
	return state as ReplayCacheState;
}

/**
 * Marks each key as seen and reports which ones were new (`true`) — duplicates inside the same batch count as
 * seen too. Mutates `state`; `known` is an optional index of `state.ids` kept by the caller between calls.
 */
export function admitKeys(
	state: ReplayCacheState,
	keys: string[],
	capacity = DEFAULT_REPLAY_CAPACITY,
	known: Set<string> = new Set(state.ids),
): boolean[] {
	const limit = Math.max(1, Math.floor(capacity));
	if (state.ids.length > limit) {
		state.ids = state.ids.slice(state.ids.length - limit);
		state.next = 0;
		known.clear();
		for (const id of state.ids) known.add(id);
	}
	return keys.map((key) => {
		if (known.has(key)) return false;
		known.add(key);
		if (state.ids.length < limit) {
			state.ids.push(key);
		} else {
			known.delete(state.ids[state.next]);
			state.ids[state.next] = key;
			state.next = (state.next + 1) % limit;
		}
		return true;
	});
}
