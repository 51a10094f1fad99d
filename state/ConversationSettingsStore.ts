import { LruCache } from '../services/lruCache.js';
import type { StateStore } from './StateStore.js';

/** What labmate remembers about a conversation. */
export interface StoredConversation {
  /** ISO code of the language the conversation is auto-translated to and from. */
  autoTranslation?: string;
  /** The welcome was sent. */
  welcomed?: boolean;
  /** `label on`: every image posted here comes back with labelling buttons. */
  labelling?: boolean;
  /** The people (channel user ids) with a multi-turn flow open here: only their messages read the dialog state. */
  openFlows?: string[];
}

/** The conversation's record: its settings, and the activity ids it was sent lately (id → expiry, ms). */
interface ConversationRecord extends StoredConversation {
  seen?: Record<string, number>;
}

interface Known {
  /** Absent: there was no record when this instance last looked. */
  etag?: string;
  record: ConversationRecord;
}

/** How long an activity id is remembered (Teams redelivers after 15 s; chat services within minutes). */
const SEEN_MS = 10 * 60_000;
/** Ids kept per conversation at most (the last 100 messages, in a channel busier than that within SEEN_MS): the record, written every turn, stays small. */
const MAX_SEEN = 100;
/** Conversations whose last version this instance remembers. */
const MAX_KNOWN = 10_000;

/**
 * Conversation settings, with the activity ids the conversation was sent lately, in one record per conversation
 * (`channel/conversation`, so two channels' conversation ids cannot collide). A turn claims its activity id with
 * one conditional write of that record over the version this instance last wrote or read (If-Match): when it
 * succeeds, nobody changed the record since, so the settings this instance holds are the current ones and the turn
 * needs no read; when another instance changed it (a setting, or its own turn here), the write is refused, and the
 * record is read and the claim tried again. So a plain turn is one storage round trip, and a change made on one
 * instance is seen by every other on its next turn. A record with no setting expires with its last id.
 */
export class ConversationSettingsStore {
  private readonly known = new LruCache<string, Known>(MAX_KNOWN);

  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  async get(conversationKey: string): Promise<StoredConversation> {
    return settingsIn((await this.read(storageKey(conversationKey))).record);
  }

  /**
   * Claims `activityId` in this conversation: the settings when it is the first time, undefined when the id was
   * already claimed (a redelivery, on this instance or another).
   */
  async claim(conversationKey: string, activityId: string): Promise<StoredConversation | undefined> {
    const key = storageKey(conversationKey);
    let known = this.known.get(key) ?? (await this.read(key));
    for (;;) {
      const now = this.now();
      const seen = liveSeen(known.record.seen, now);
      if (seen[activityId] !== undefined) return undefined;
      seen[activityId] = now + SEEN_MS;
      const next = { ...known.record, seen: newest(seen) };
      const etag = await this.store.writeIf(key, next, known.etag ?? 'absent', hasSettings(next) ? undefined : { ttlMs: SEEN_MS });
      if (etag !== undefined) {
        this.known.set(key, { etag, record: next });
        return settingsIn(next);
      }
      known = await this.read(key);
    }
  }

  /**
   * Changes some settings and keeps the others, even when another instance changes them at the same moment
   * (`change` may be computed from the current settings, as for a list of open flows).
   */
  async update(conversationKey: string, change: Partial<StoredConversation> | ((current: StoredConversation) => Partial<StoredConversation>)): Promise<StoredConversation> {
    const key = storageKey(conversationKey);
    for (;;) {
      const { etag, record } = await this.read(key);
      const settings = { ...settingsIn(record), ...(typeof change === 'function' ? change(settingsIn(record)) : change) };
      const seen = liveSeen(record.seen, this.now());
      const seenLately = Object.keys(seen).length > 0;
      const next: ConversationRecord = seenLately ? { ...settings, seen } : settings;
      let written: boolean;
      if (hasSettings(next) || seenLately) {
        const version = await this.store.writeIf(key, next, etag ?? 'absent', hasSettings(next) ? undefined : { ttlMs: SEEN_MS });
        if (version !== undefined) this.known.set(key, { etag: version, record: next });
        written = version !== undefined;
      } else {
        // Nothing left to keep: the record goes.
        written = etag === undefined || (await this.store.delete(key, etag));
        if (written) this.known.delete(key);
      }
      // Not written: someone changed them since they were read; read them again.
      if (written) return settingsIn(next);
    }
  }

  private async read(key: string): Promise<Known> {
    const found = await this.store.get<unknown>(key);
    const known: Known = found ? { etag: found.etag, record: recordIn(found.value) } : { record: {} };
    // A record of another shape is ignored, and overwritten by the next claim only over the version read.
    this.known.set(key, known);
    return known;
  }

}

function storageKey(conversationKey: string): string {
  return `conversations/${encodeURIComponent(conversationKey)}`;
}

function hasSettings(record: ConversationRecord): boolean {
  return record.autoTranslation !== undefined || record.welcomed === true || record.labelling === true || (record.openFlows?.length ?? 0) > 0;
}

function liveSeen(seen: Record<string, number> | undefined, now: number): Record<string, number> {
  return Object.fromEntries(Object.entries(seen ?? {}).filter(([, expiresAt]) => expiresAt > now));
}

/** The MAX_SEEN ids that expire last. */
function newest(seen: Record<string, number>): Record<string, number> {
  const entries = Object.entries(seen);
  return entries.length <= MAX_SEEN ? seen : Object.fromEntries(entries.sort(([, a], [, b]) => b - a).slice(0, MAX_SEEN));
}

function settingsIn(record: ConversationRecord): StoredConversation {
  const { autoTranslation, welcomed, labelling, openFlows } = record;
  // Only the settings there are: a conversation's record holds no key for a default.
  return Object.fromEntries(
    Object.entries({ autoTranslation, welcomed, labelling, openFlows: openFlows?.length ? openFlows : undefined }).filter(([, value]) => value !== undefined),
  );
}

/** A record someone else wrote (another version, a foreign blob) is ignored rather than trusted. */
function recordIn(value: unknown): ConversationRecord {
  if (!value || typeof value !== 'object') return {};
  const { autoTranslation, welcomed, labelling, openFlows, seen } = value as Record<string, unknown>;
  const valid =
    (autoTranslation === undefined || typeof autoTranslation === 'string') &&
    (welcomed === undefined || typeof welcomed === 'boolean') &&
    (labelling === undefined || typeof labelling === 'boolean') &&
    (openFlows === undefined || (Array.isArray(openFlows) && openFlows.every((id) => typeof id === 'string'))) &&
    (seen === undefined || (typeof seen === 'object' && seen !== null && Object.values(seen).every((at) => typeof at === 'number')));
  return valid ? (value as ConversationRecord) : {};
}
