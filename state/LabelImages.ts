import { createHash } from 'node:crypto';
import type { ImageFormat, TagPrediction } from '../services/imageClassifier/ImageClassifier.js';
import type { StateStore } from './StateStore.js';

/** What labmate remembers of an image it showed for labelling (its bytes are a record of their own). */
interface ShownImage {
  name: string;
  format: ImageFormat;
  size: number;
  /** The model's top tags when it was shown: the suggestions on its buttons. */
  suggestions: TagPrediction[];
  /** The thumbnail made when it was classified (a data URL): its labelling card shows it without decoding the file again. */
  thumbnailUrl?: string;
  /** `channel/conversation` keys it was shown in: a label is taken only from one of them. */
  conversations: string[];
  shownAt: number;
  /** Someone's label is being uploaded (a claim, so that two clicks upload once). */
  labelling?: { byKey: string; at: number };
  /** The label it got: what the card is replaced with, and what a late second click is told. */
  labelled?: { tag: string; byName: string; at: number; duplicate: boolean };
}

interface LabelImageLimits {
  /** How long a shown image can be labelled. */
  ttlMs: number;
  /** The most image bytes kept at once; the oldest images go first. */
  maxBytes: number;
  maxImages: number;
}

/** A day to label; 256 MB and 1,000 images at most (each is at most IMAGE_MAX_BYTES, 4 MB by default). */
const DEFAULT_LABEL_IMAGE_LIMITS: LabelImageLimits = { ttlMs: 24 * 60 * 60_000, maxBytes: 256 * 1024 * 1024, maxImages: 1000 };

/** An image's reference on buttons and in typed commands: the first 16 hex digits of its SHA-256. */
const REF = /^[0-9a-f]{16}$/;
const INDEX = 'label-images/index';
const MAX_CONVERSATIONS = 20;

interface IndexEntry {
  ref: string;
  size: number;
  at: number;
}

/**
 * Images shown with labelling buttons, kept server-side by content hash so that buttons carry only the hash and a
 * tag (never bytes or a URL). The bytes are kept, not the attachment's URL: a Teams download URL is short-lived
 * and a pasted image needs the bot's token, so a later click could not fetch it again. Bounded: each record
 * expires after `ttlMs`, and an index keeps the total under `maxBytes` and `maxImages`, dropping the oldest.
 * In the state store, so any instance can take the click.
 */
export class LabelImages {
  constructor(
    private readonly store: StateStore,
    readonly limits: LabelImageLimits = DEFAULT_LABEL_IMAGE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Remembers the image as shown in `conversation`; resolves with its reference. */
  async remember(image: { bytes: Uint8Array; format: ImageFormat; name: string; suggestions: TagPrediction[]; thumbnailUrl?: string }, conversation: string): Promise<string> {
    const ref = createHash('sha256').update(image.bytes).digest('hex').slice(0, 16);
    const ttl = { ttlMs: this.limits.ttlMs };
    await this.store.put(bytesKey(ref), Buffer.from(image.bytes).toString('base64'), ttl);
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.store.get<ShownImage>(metaKey(ref));
      const base: ShownImage = existing?.value ?? { name: image.name, format: image.format, size: image.bytes.length, suggestions: [], conversations: [], shownAt: 0 };
      const conversations = [...base.conversations.filter((key) => key !== conversation), conversation].slice(-MAX_CONVERSATIONS);
      const thumbnailUrl = image.thumbnailUrl ?? base.thumbnailUrl;
      const next: ShownImage = { ...base, name: image.name, suggestions: image.suggestions, conversations, shownAt: this.now(), ...(thumbnailUrl ? { thumbnailUrl } : {}) };
      const written = existing ? await this.store.replace(metaKey(ref), next, existing.etag, ttl) : await this.store.create(metaKey(ref), next, ttl);
      if (written) break;
    }
    await this.admit(ref, image.bytes.length);
    return ref;
  }

  /** The image behind a reference, when it was shown in this conversation and is still kept; otherwise undefined. */
  async find(ref: string, conversation: string): Promise<{ image: ShownImage; etag: string } | undefined> {
    if (!REF.test(ref)) return undefined;
    const record = await this.store.get<ShownImage>(metaKey(ref));
    if (!record || !record.value.conversations.includes(conversation)) return undefined;
    return { image: record.value, etag: record.etag };
  }

  async bytes(ref: string): Promise<Buffer | undefined> {
    if (!REF.test(ref)) return undefined;
    const record = await this.store.get<string>(bytesKey(ref));
    return record ? Buffer.from(record.value, 'base64') : undefined;
  }

  /** Claims the image for one person's label: false when the version read changed (another click won). */
  claim(ref: string, image: ShownImage, etag: string, byKey: string): Promise<boolean> {
    return this.store.replace(metaKey(ref), { ...image, labelling: { byKey, at: this.now() } }, etag, { ttlMs: this.remainingMs(image) });
  }

  /** Records the label (and ends the claim). */
  async settle(ref: string, labelled: ShownImage['labelled']): Promise<void> {
    await this.update(ref, (image) => ({ ...image, labelling: undefined, labelled }));
  }

  /** Ends a claim whose upload failed, so the image can be labelled again. */
  async release(ref: string): Promise<void> {
    await this.update(ref, (image) => ({ ...image, labelling: undefined }));
  }

  private async update(ref: string, change: (image: ShownImage) => ShownImage): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await this.store.get<ShownImage>(metaKey(ref));
      if (!record) return;
      if (await this.store.replace(metaKey(ref), change(record.value), record.etag, { ttlMs: this.remainingMs(record.value) })) return;
    }
  }

  private remainingMs(image: ShownImage): number {
    return Math.max(1, image.shownAt + this.limits.ttlMs - this.now());
  }

  /** Counts the image in the index, and forgets the oldest images while the total is over the limits. */
  private async admit(ref: string, size: number): Promise<void> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const record = await this.store.get<{ entries: IndexEntry[] }>(INDEX);
      const now = this.now();
      const entries = (record?.value.entries ?? []).filter((entry) => entry.ref !== ref && now - entry.at < this.limits.ttlMs);
      entries.push({ ref, size, at: now });
      const evicted: IndexEntry[] = [];
      let total = entries.reduce((sum, entry) => sum + entry.size, 0);
      while (entries.length > 1 && (entries.length > this.limits.maxImages || total > this.limits.maxBytes)) {
        const oldest = entries.shift() as IndexEntry;
        total -= oldest.size;
        evicted.push(oldest);
      }
      const written = record ? await this.store.replace(INDEX, { entries }, record.etag) : await this.store.create(INDEX, { entries });
      if (!written) continue;
      await Promise.all(evicted.flatMap((entry) => [this.store.delete(metaKey(entry.ref)), this.store.delete(bytesKey(entry.ref))]));
      return;
    }
  }
}

function metaKey(ref: string): string {
  return `label-images/${ref}`;
}

function bytesKey(ref: string): string {
  return `label-images/${ref}/bytes`;
}
