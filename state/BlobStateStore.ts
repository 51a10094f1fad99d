import { randomUUID } from 'node:crypto';
import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import type { Logger } from '../logging/logger.js';
import { httpStatusOf } from '../services/azureRestErrors.js';
import { LruCache } from '../services/lruCache.js';
import { isConflict, storageError } from './blobErrors.js';
import { BlobLeases } from './BlobLeases.js';
import type { Lease, StateStore, StoredRecord, WriteOptions } from './StateStore.js';

/** Records live under `records/`, leases under `leases/` (botbuilder's BlobsStorage names never hold a slash). */
const RECORDS = 'records/';
/** Metadata (lowercase: Blob Storage keeps metadata names case-insensitively). */
const MARK = 'labmatestate';
const EXPIRES_AT = 'expiresat';
/** Which write made this version: a write retried after a lost answer recognises itself. */
const WRITER = 'writer';
/** A record is a small JSON document; anything bigger in the container is not ours. */
const MAX_RECORD_BYTES = 256 * 1024;
const LIST_READS_AT_ONCE = 16;

interface Found {
  etag: string;
  /** False when expired, or when the blob is not a record of ours (it then reads as absent, and may be claimed). */
  live: boolean;
  value?: unknown;
  writer?: string;
}

/** Blob clients kept (BlobStateStore.blob): about 0.9 KB of heap each (measured), under 1 MiB in all. */
const KEPT_CLIENTS = 1000;

/**
 * The StateStore on Azure Blob Storage, one blob per key, with the service's own concurrency: create is Put Blob
 * with If-None-Match: *, replace and delete carry If-Match with the etag read, leases are blob leases. Expiry is
 * blob metadata (read by every instance; Azurite has no lifecycle management): an expired record reads as absent
 * and is claimed again by overwriting that version (If-Match). A blob that is not a record of ours is logged and
 * read as absent. Failures of the service become ServiceErrors (see blobErrors.ts).
 */
export class BlobStateStore implements StateStore {
  private containerReady?: Promise<unknown>;
  private readonly leases: BlobLeases;
  /** The clients of recently used keys (see `blob`). */
  private readonly clients = new LruCache<string, BlockBlobClient>(KEPT_CLIENTS);

  constructor(
    private readonly container: ContainerClient,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.leases = new BlobLeases(container, () => this.ready());
  }

  async get<T>(key: string): Promise<StoredRecord<T> | undefined> {
    const found = await this.read(key);
    return found?.live ? { value: found.value as T, etag: found.etag } : undefined;
  }

  async create<T>(key: string, value: T, options?: WriteOptions): Promise<boolean> {
    return (await this.writeIf(key, value, 'absent', options)) !== undefined;
  }

  async replace<T>(key: string, value: T, etag: string, options?: WriteOptions): Promise<boolean> {
    return (await this.writeIf(key, value, etag, options)) !== undefined;
  }

  async writeIf<T>(key: string, value: T, expected: string | 'absent', options?: WriteOptions): Promise<string | undefined> {
    const writer = randomUUID();
    if (expected !== 'absent') {
      const written = await this.write(key, value, options, writer, { ifMatch: expected });
      if (written !== undefined) return written;
      // Refused, or written by this very call whose answer was lost (the SDK retried it): the version says which.
      const current = await this.read(key);
      return current?.writer === writer ? current.etag : undefined;
    }
    const created = await this.write(key, value, options, writer, { ifNoneMatch: '*' });
    if (created !== undefined) return created;
    const current = await this.read(key);
    if (current?.writer === writer) return current.etag;
    if (!current) return this.write(key, value, options, writer, { ifNoneMatch: '*' });
    // Expired, or not ours: claimable, by overwriting exactly the version read (two claimants: one wins).
    return current.live ? undefined : this.write(key, value, options, writer, { ifMatch: current.etag });
  }

  async put<T>(key: string, value: T, options?: WriteOptions): Promise<void> {
    await this.write(key, value, options, randomUUID(), {});
  }

  async delete(key: string, etag?: string): Promise<boolean> {
    await this.ready();
    try {
      await this.blob(key).delete({ conditions: etag === undefined ? {} : { ifMatch: etag } });
      return true;
    } catch (error) {
      // 404: not there; 412: another version (Azurite answers 412 for If-Match on a missing blob too).
      if (httpStatusOf(error) === 404 || isConflict(error)) return false;
      throw storageError(error);
    }
  }

  async list<T>(prefix: string): Promise<Array<StoredRecord<T> & { key: string }>> {
    await this.ready();
    const keys: string[] = [];
    try {
      for await (const item of this.container.listBlobsFlat({ prefix: RECORDS + prefix, includeMetadata: true })) {
        if (this.isLive(item.metadata)) keys.push(item.name.slice(RECORDS.length));
      }
    } catch (error) {
      throw storageError(error);
    }
    const records: Array<StoredRecord<T> & { key: string }> = [];
    for (let at = 0; at < keys.length; at += LIST_READS_AT_ONCE) {
      const batch = keys.slice(at, at + LIST_READS_AT_ONCE);
      const found = await Promise.all(batch.map((key) => this.read(key)));
      found.forEach((record, index) => {
        if (record?.live) records.push({ key: batch[index], value: record.value as T, etag: record.etag });
      });
    }
    return records;
  }

  lease(key: string, ttlMs: number): Promise<Lease | undefined> {
    return this.leases.acquire(key, ttlMs);
  }

  /**
   * Creates the container on first use (and again after a failed attempt). An identity allowed into that container
   * only (a role or SAS scoped to it) may not create containers: then it is taken to exist, and an operation on it
   * says so if it does not.
   */
  private ready(): Promise<unknown> {
    this.containerReady ??= this.container.createIfNotExists().catch((error: unknown) => {
      if (httpStatusOf(error) === 403) {
        this.logger.warn('could not check or create the state container; using it as it is', { error });
        return;
      }
      this.containerReady = undefined;
      throw storageError(error);
    });
    return this.containerReady;
  }

  /**
   * A blob's client, kept for the keys in use: making one builds its request context, 2 % of the Blob bot's CPU
   * in the state bench's profile, and a conversation's turns use the same few keys one after the other.
   */
  private blob(key: string): BlockBlobClient {
    let client = this.clients.get(key);
    if (!client) this.clients.set(key, (client = this.container.getBlockBlobClient(RECORDS + key)));
    return client;
  }

  /** Writes under the conditions given: the new version's etag, undefined when they did not hold. */
  private async write(key: string, value: unknown, options: WriteOptions | undefined, writer: string, conditions: { ifMatch?: string; ifNoneMatch?: string }): Promise<string | undefined> {
    await this.ready();
    const body = JSON.stringify(value);
    const metadata: Record<string, string> = { [MARK]: '1', [WRITER]: writer };
    if (options?.ttlMs !== undefined) metadata[EXPIRES_AT] = String(this.now() + options.ttlMs);
    try {
      const uploaded = await this.blob(key).upload(body, Buffer.byteLength(body), { conditions, metadata, blobHTTPHeaders: { blobContentType: 'application/json' } });
      return uploaded.etag ?? '';
    } catch (error) {
      if (isConflict(error)) return undefined;
      throw storageError(error);
    }
  }

  private async read(key: string): Promise<Found | undefined> {
    await this.ready();
    let download;
    try {
      download = await this.blob(key).download();
    } catch (error) {
      if (httpStatusOf(error) === 404) return undefined;
      throw storageError(error);
    }
    const etag = download.etag ?? '';
    const metadata = download.metadata ?? {};
    const foreign = (reason: string): Found => {
      download.readableStreamBody?.destroy();
      this.logger.warn('ignored a blob in the state container that is not a labmate record', { key, reason });
      return { etag, live: false };
    };
    if (metadata[MARK] !== '1') return foreign('no labmate metadata');
    if ((download.contentLength ?? 0) > MAX_RECORD_BYTES) return foreign(`${download.contentLength} bytes`);
    let text: string;
    try {
      text = await readText(download.readableStreamBody);
    } catch (error) {
      throw storageError(error);
    }
    try {
      return { etag, live: this.isLive(metadata), value: JSON.parse(text) as unknown, writer: metadata[WRITER] };
    } catch {
      return foreign('not JSON');
    }
  }

  private isLive(metadata: Record<string, string> | undefined): boolean {
    const expiresAt = metadata?.[EXPIRES_AT];
    return metadata?.[MARK] === '1' && (expiresAt === undefined || Number(expiresAt) > this.now());
  }
}

async function readText(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
