import type { Logger } from '../logging/logger.js';
import type { StateStore } from './StateStore.js';

/** A lease kept alive in the background until released, or lost to another holder. */
export interface HeldLease {
  /** Aborted once another holder took the lease (it lapsed while renewals failed): stop working on the key. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/**
 * Takes the lease on `key` and renews it every third of `ttlMs`, so that it lapses only when this process
 * stops (or cannot reach the store for a whole lease). Undefined while someone else holds it.
 */
export async function holdLease(store: StateStore, key: string, ttlMs: number, logger: Logger): Promise<HeldLease | undefined> {
  const lease = await store.lease(key, ttlMs);
  if (!lease) return undefined;
  const lost = new AbortController();
  let renewing = false;
  const renew = async () => {
    if (renewing) return;
    renewing = true;
    try {
      if (!(await lease.renew())) {
        clearInterval(timer);
        lost.abort();
      }
    } catch (error) {
      // The store is unreachable: keep working and keep trying; another holder can take over only once it lapses.
      logger.warn('could not renew a lease; trying again', { key, error });
    } finally {
      renewing = false;
    }
  };
  const timer = setInterval(() => void renew(), ttlMs / 3);
  timer.unref();
  return {
    lost: lost.signal,
    release: async () => {
      clearInterval(timer);
      if (lost.signal.aborted) return;
      await lease.release().catch((error: unknown) => logger.warn('could not release a lease; it lapses by itself', { key, error }));
    },
  };
}
