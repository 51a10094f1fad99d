import { randomUUID } from 'node:crypto';
import type { Lease, StateStore, StoredRecord, WriteOptions } from './StateStore.js';

interface Entry {
  /** JSON, so that no caller can change a record without writing it. */
  json: string;
  etag: string;
  expiresAt: number;
}

/** How often expired records are swept out, at most (a sweep visits every record). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The state store of a single instance: records in memory, so that a bot meeting thousands of conversations does
 * not keep every one of them forever: expired records are swept out as writes come (at most once a minute), and
 * past `maxEntries` the least recently written short-lived record goes first (a record without an expiry, such as
 * a conversation's settings or an operation in flight, only when no short-lived one is left).
 */
export class MemoryStateStore implements StateStore {
  private readonly entries = new Map<string, Entry>();
  private readonly leases = new Map<string, { holder: string; expiresAt: number }>();
  private sweptAt: number;
  /** Etags are this store's write count: unique within it, and small (a store may hold thousands of records). */
  private writes = 0;

  constructor(
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {
    this.sweptAt = now();
  }

  get size(): number {
    return this.entries.size;
  }

  async get<T>(key: string): Promise<StoredRecord<T> | undefined> {
    const entry = this.live(key);
    return entry ? { value: JSON.parse(entry.json) as T, etag: entry.etag } : undefined;
  }

  async create<T>(key: string, value: T, options?: WriteOptions): Promise<boolean> {
    return (await this.writeIf(key, value, 'absent', options)) !== undefined;
  }

  async replace<T>(key: string, value: T, etag: string, options?: WriteOptions): Promise<boolean> {
    return (await this.writeIf(key, value, etag, options)) !== undefined;
  }

  async writeIf<T>(key: string, value: T, expected: string | 'absent', options?: WriteOptions): Promise<string | undefined> {
    const current = this.live(key);
    if (expected === 'absent' ? current : current?.etag !== expected) return undefined;
    return this.write(key, value, options);
  }

  async put<T>(key: string, value: T, options?: WriteOptions): Promise<void> {
    this.write(key, value, options);
  }

  async delete(key: string, etag?: string): Promise<boolean> {
    const entry = this.live(key);
    if (!entry || (etag !== undefined && entry.etag !== etag)) return false;
    this.entries.delete(key);
    return true;
  }

  async list<T>(prefix: string): Promise<Array<StoredRecord<T> & { key: string }>> {
    const found: Array<StoredRecord<T> & { key: string }> = [];
    for (const key of [...this.entries.keys()]) {
      if (!key.startsWith(prefix)) continue;
      const entry = this.live(key);
      if (entry) found.push({ key, value: JSON.parse(entry.json) as T, etag: entry.etag });
    }
    return found;
  }

  async lease(key: string, ttlMs: number): Promise<Lease | undefined> {
    const held = this.leases.get(key);
    if (held && held.expiresAt > this.now()) return undefined;
    const holder = randomUUID();
    this.leases.set(key, { holder, expiresAt: this.now() + ttlMs });
    const mine = () => this.leases.get(key)?.holder === holder && (this.leases.get(key)?.expiresAt ?? 0) > this.now();
    return {
      renew: async () => {
        if (!mine()) return false;
        this.leases.set(key, { holder, expiresAt: this.now() + ttlMs });
        return true;
      },
      release: async () => {
        if (this.leases.get(key)?.holder === holder) this.leases.delete(key);
      },
    };
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, value: unknown, options?: WriteOptions): string {
    const etag = `w${++this.writes}`;
    this.entries.delete(key);
    this.entries.set(key, { json: JSON.stringify(value), etag, expiresAt: options?.ttlMs === undefined ? Infinity : this.now() + options.ttlMs });
    if (this.now() - this.sweptAt >= SWEEP_INTERVAL_MS || this.entries.size > this.maxEntries) this.sweep();
    while (this.entries.size > this.maxEntries) this.entries.delete(this.evictable());
    return etag;
  }

  private sweep(): void {
    const now = this.now();
    this.sweptAt = now;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    for (const [key, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(key);
  }

  /** The least recently written record that expires anyway, else the least recently written. */
  private evictable(): string {
    for (const [key, entry] of this.entries) if (entry.expiresAt !== Infinity) return key;
    return this.entries.keys().next().value as string;
  }
}
