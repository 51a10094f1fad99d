/**
 * Where labmate keeps what must outlive a turn, and be shared when several instances run: small JSON records
 * under keys, with the storage service's own concurrency. `create` claims a key once (Blob Storage: Put Blob with
 * If-None-Match: *), `replace` and `delete` with an etag change only the version that was read (If-Match), and a
 * lease lets one holder at a time work on a key (blob leases). The memory store does the same for one instance.
 *
 * A record may carry an expiry: once it has passed, the record reads as absent and may be created again.
 */
export interface StoredRecord<T> {
  value: T;
  /** The version read; `replace` and `delete` succeed only while it is still the current one. */
  etag: string;
}

export interface WriteOptions {
  /** The record reads as absent this long after the write. */
  ttlMs?: number;
}

export interface StateStore {
  get<T>(key: string): Promise<StoredRecord<T> | undefined>;
  /** Writes only when the key is absent (or expired): false when someone else holds it. */
  create<T>(key: string, value: T, options?: WriteOptions): Promise<boolean>;
  /** Writes only over the version read: false on a concurrent change. */
  replace<T>(key: string, value: T, etag: string, options?: WriteOptions): Promise<boolean>;
  /**
   * `create` (expected `absent`) or `replace` (expected an etag) that answers with the new version's etag, or
   * undefined when the condition did not hold: a caller that keeps what it wrote can make its next write conditional
   * on it without reading it back (ConversationSettingsStore: one round trip per turn).
   */
  writeIf<T>(key: string, value: T, expected: string | 'absent', options?: WriteOptions): Promise<string | undefined>;
  /** Writes whatever is there. */
  put<T>(key: string, value: T, options?: WriteOptions): Promise<void>;
  /** Deletes (only the version read, when an etag is given): false when it was not there, or had changed. */
  delete(key: string, etag?: string): Promise<boolean>;
  /** The live records whose keys start with `prefix`. */
  list<T>(prefix: string): Promise<Array<StoredRecord<T> & { key: string }>>;
  /**
   * Holds `key` for `ttlMs` (renewable): undefined while another holder's lease is live. A holder that stops
   * renewing (a crashed instance) loses the lease when it lapses, and another may take it.
   */
  lease(key: string, ttlMs: number): Promise<Lease | undefined>;
}

export interface Lease {
  /** Extends the lease; false when it was lost (lapsed and taken). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}
