/**
 * Where small JSON records live: the shape of botbuilder's `Storage` (so `BlobsStorage` from botbuilder-azure-blobs
 * fits as it is), kept here as a structural type so that state/ needs no botbuilder import.
 */
export interface KeyValueStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/**
 * In-process records for one instance, at most `maxEntries` of them: the least recently used go first, so a bot
 * that meets thousands of conversations does not keep every one of them forever.
 */
export class BoundedMemoryStore implements KeyValueStore {
  private readonly entries = new Map<string, string>();

  constructor(private readonly maxEntries = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  async read(keys: string[]): Promise<Record<string, unknown>> {
    const found: Record<string, unknown> = {};
    for (const key of keys) {
      const value = this.entries.get(key);
      if (value === undefined) continue;
      this.entries.delete(key);
      this.entries.set(key, value);
      // Stored as JSON, so a caller can never change a record without writing it.
      found[key] = JSON.parse(value);
    }
    return found;
  }

  async write(changes: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(changes)) {
      this.entries.delete(key);
      this.entries.set(key, JSON.stringify(value));
    }
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }
}
