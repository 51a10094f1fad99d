import type { StateStore } from './StateStore.js';

/** What labmate remembers about a conversation. */
export interface StoredConversation {
  /** ISO code of the language the conversation is auto-translated to and from. */
  autoTranslation?: string;
  /** The welcome was sent. */
  welcomed?: boolean;
  /** `label on`: every image posted here comes back with labelling buttons. */
  labelling?: boolean;
}

/**
 * Conversation settings, read when a turn needs them and written only when they change (most turns need
 * neither). Keys are `channel/conversation`, so two channels' conversation ids cannot collide.
 */
export class ConversationSettingsStore {
  constructor(private readonly store: StateStore) {}

  async get(conversationKey: string): Promise<StoredConversation> {
    return settingsIn((await this.store.get<unknown>(storageKey(conversationKey)))?.value);
  }

  /** Changes some settings and keeps the others, even when another instance changes them at the same moment. */
  async update(conversationKey: string, change: Partial<StoredConversation>): Promise<StoredConversation> {
    const key = storageKey(conversationKey);
    for (;;) {
      const record = await this.store.get<unknown>(key);
      const next = { ...settingsIn(record?.value), ...change };
      const written =
        next.autoTranslation === undefined && !next.welcomed && !next.labelling
          ? !record || (await this.store.delete(key, record.etag))
          : record
            ? await this.store.replace(key, next, record.etag)
            : await this.store.create(key, next);
      // Not written: someone changed them since they were read; read them again.
      if (written) return next;
    }
  }
}

function storageKey(conversationKey: string): string {
  return `conversations/${encodeURIComponent(conversationKey)}`;
}

function settingsIn(found: unknown): StoredConversation {
  if (!isStoredConversation(found)) return {};
  const { autoTranslation, welcomed, labelling } = found;
  // Only the settings there are: a conversation's record holds no key for a default.
  return Object.fromEntries(Object.entries({ autoTranslation, welcomed, labelling }).filter(([, value]) => value !== undefined));
}

/** A record someone else wrote (another version, a foreign blob) is ignored rather than trusted. */
function isStoredConversation(value: unknown): value is StoredConversation {
  if (!value || typeof value !== 'object') return false;
  const { autoTranslation, welcomed, labelling } = value as Record<string, unknown>;
  return (
    (autoTranslation === undefined || typeof autoTranslation === 'string') &&
    (welcomed === undefined || typeof welcomed === 'boolean') &&
    (labelling === undefined || typeof labelling === 'boolean')
  );
}
