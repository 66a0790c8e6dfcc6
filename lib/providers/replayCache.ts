import { createHash } from 'crypto';

/**
 * Remembers recently seen event ids so a replayed or retried delivery starts no second workflow run.
 *
 * - **Expiry.** With `ttlSeconds`, an id is forgotten that long after it was last seen. For providers that sign a
 *   timestamp the trigger passes twice the replay window: a request signed at t passes the timestamp check only until
 *   t + window, and cannot have been seen before t − window, so a replay that comes later fails the check anyway.
 *   Without `ttlSeconds` (providers that sign no timestamp) ids leave only by capacity.
 * - **Capacity.** Beyond `capacity` ids, the least recently seen is forgotten first; a repeat counts as seen again.
 * - **Persistence.** `toState` gives plain JSON (ids and when each was last seen, least recent first) for n8n's
 *   workflow static data, so the memory survives restarts and other processes can `merge` it.
 */
export interface ReplayCacheState {
	/** Keys (see replayKey), least recently seen first. */
	keys: string[];
	/** Epoch seconds at which each key was last seen, in the same order. */
	seen: number[];
	/** Who wrote the state (process and write number): a process need not merge its own latest write back in. */
	writer?: string;
}

export interface ReplayLimits {
	/** Most ids kept; the least recently seen go first. Default DEFAULT_REPLAY_CAPACITY. */
	capacity?: number;
	/** Forget an id this long after it was last seen; undefined keeps ids until capacity pushes them out. */
	ttlSeconds?: number;
	/** Current instant, epoch ms (tests inject it). Default Date.now(). */
	now?: number;
}

export const DEFAULT_REPLAY_CAPACITY = 10_000;

/**
 * The key remembered for an event: 16 base64url characters of sha256(provider, eventId), so every id costs the same
 * few bytes of static data however long the provider's ids are. 96 bits: collisions are out of reach at any capacity
 * a workflow can hold.
 */
export function replayKey(provider: string, eventId: string): string {
	return createHash('sha256')
		.update(`${provider}\u001f${eventId}`)
		.digest('base64url')
		.slice(0, 16);
}

/**
 * The key remembered for a signature nonce (`VerifiedRequest.nonce`), kept apart from event ids: recording a Mailgun
 * request's nonce must not make its event (whose id is the token) look already seen to De-Duplicate Events.
 */
export function signatureNonceKey(provider: string, nonce: string): string {
	return replayKey(`${provider}\u001fsignature`, nonce);
}

export function emptyReplayCache(): ReplayCacheState {
	return { keys: [], seen: [] };
}

/**
 * Accepts whatever static data held (possibly nothing, or garbage) and returns a usable state: the same object when
 * its shape is right, otherwise an empty one. The ring buffer of earlier versions (`{ids, next}`, no times) is read
 * as seen at `nowMs`, oldest first, so an upgrade forgets nothing at once.
 */
export function readReplayCache(value: unknown, nowMs = Date.now()): ReplayCacheState {
	if (typeof value !== 'object' || value === null) return emptyReplayCache();
	const state = value as Partial<ReplayCacheState> & { ids?: unknown; next?: unknown };
	if (Array.isArray(state.keys) && Array.isArray(state.seen)) {
		return state.keys.length === state.seen.length
			? (state as ReplayCacheState)
			: emptyReplayCache();
	}
	if (Array.isArray(state.ids)) {
		const ids = state.ids.filter((id): id is string => typeof id === 'string');
		const next = typeof state.next === 'number' && state.next < ids.length ? state.next : 0;
		const keys = [...ids.slice(next), ...ids.slice(0, next)];
		return { keys, seen: keys.map(() => Math.floor(nowMs / 1000)) };
	}
	return emptyReplayCache();
}

export class ReplayMemory {
	/** key → epoch seconds last seen. A Map iterates in insertion order: least recently seen first. */
	private entries = new Map<string, number>();

	/**
	 * Ids the capacity pushed out while their ttl still ran: replays of them inside the replay window are no longer
	 * caught (the capacity is too small for the traffic).
	 */
	evictedBeforeExpiry = 0;

	get size(): number {
		return this.entries.size;
	}

	/**
	 * Marks each key as seen and reports which ones were new (`true`); a repeat inside the same batch counts as seen.
	 * Expired ids are forgotten first, and the capacity is enforced after the batch.
	 */
	admit(keys: string[], limits: ReplayLimits = {}): boolean[] {
		const now = Math.floor((limits.now ?? Date.now()) / 1000);
		if (limits.ttlSeconds !== undefined) this.expire(now - limits.ttlSeconds);
		const fresh = keys.map((key) => {
			const known = this.entries.delete(key);
			this.entries.set(key, now);
			return !known;
		});
		const capacity = Math.max(1, Math.floor(limits.capacity ?? DEFAULT_REPLAY_CAPACITY));
		for (const key of this.entries.keys()) {
			if (this.entries.size <= capacity) break;
			this.entries.delete(key);
			// What expire() left is still inside its ttl.
			if (limits.ttlSeconds !== undefined) this.evictedBeforeExpiry += 1;
		}
		return fresh;
	}

	/**
	 * Takes in a saved state (another process's, or this workflow's before a restart): afterwards every id of either is
	 * known, at the later of its two times. Ids new to this memory join as its most recently seen, in the saved
	 * order, keeping their own time: after a restart the order is exactly the saved one; ids learnt from another
	 * process are evicted after those this process saw before, and may outlive their ttl by up to one ttl (expiry walks
	 * from the least recent and stops at the first live id). Both err towards remembering. O(saved ids).
	 */
	merge(state: ReplayCacheState): void {
		state.keys.forEach((key, index) => {
			const seen = state.seen[index];
			if (typeof key !== 'string' || typeof seen !== 'number') return;
			const known = this.entries.get(key);
			if (known !== undefined && known >= seen) return;
			this.entries.delete(key);
			this.entries.set(key, seen);
		});
	}

	toState(writer?: string): ReplayCacheState {
		const state: ReplayCacheState = {
			keys: [...this.entries.keys()],
			seen: [...this.entries.values()],
		};
		if (writer !== undefined) state.writer = writer;
		return state;
	}

	/** Forgets ids last seen before `oldest` (epoch seconds), walking from the least recent. */
	private expire(oldest: number): void {
		for (const [key, seen] of this.entries) {
			if (seen >= oldest) break;
			this.entries.delete(key);
		}
	}
}
