import type { Lease, StateStore, StoredRecord, WriteOptions } from './StateStore.js';

/**
 * A StateStore whose backend is still loading (Blob Storage: its SDK is imported only when state storage is
 * configured, while the other backends load). Every call waits for it; `loaded` rejects when it cannot load, and
 * the start waits for it (stateStoreLoaded), so that failure keeps /readyz at 503 with the reason in the log.
 */
export class LoadingStateStore implements StateStore {
  constructor(readonly loaded: Promise<StateStore>) {
    // Each call awaits it and gets the failure; the start reports it once.
    loaded.catch(() => undefined);
  }

  async get<T>(key: string): Promise<StoredRecord<T> | undefined> {
    return (await this.loaded).get<T>(key);
  }

  async create<T>(key: string, value: T, options?: WriteOptions): Promise<boolean> {
    return (await this.loaded).create(key, value, options);
  }

  async replace<T>(key: string, value: T, etag: string, options?: WriteOptions): Promise<boolean> {
    return (await this.loaded).replace(key, value, etag, options);
  }

  async writeIf<T>(key: string, value: T, expected: string | 'absent', options?: WriteOptions): Promise<string | undefined> {
    return (await this.loaded).writeIf(key, value, expected, options);
  }

  async put<T>(key: string, value: T, options?: WriteOptions): Promise<void> {
    return (await this.loaded).put(key, value, options);
  }

  async delete(key: string, etag?: string): Promise<boolean> {
    return (await this.loaded).delete(key, etag);
  }

  async list<T>(prefix: string): Promise<Array<StoredRecord<T> & { key: string }>> {
    return (await this.loaded).list<T>(prefix);
  }

  async lease(key: string, ttlMs: number): Promise<Lease | undefined> {
    return (await this.loaded).lease(key, ttlMs);
  }
}

/** Resolves once `store` can be used: at once for a store that needs no loading. */
export function stateStoreLoaded(store: StateStore): Promise<unknown> {
  return store instanceof LoadingStateStore ? store.loaded : Promise.resolve();
}
