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
    const found = (await this.store.get<unknown>(storageKey(conversationKey)))?.value;
    return isStoredConversation(found) ? { autoTranslation: found.autoTranslation, welcomed: found.welcomed, labelling: found.labelling } : {};
  }

  async update(conversationKey: string, change: Partial<StoredConversation>): Promise<StoredConversation> {
    const next = { ...(await this.get(conversationKey)), ...change };
    const key = storageKey(conversationKey);
    if (next.autoTranslation === undefined && !next.welcomed && !next.labelling) await this.store.delete(key);
    else await this.store.put(key, next);
    return next;
  }
}

function storageKey(conversationKey: string): string {
  return `conversations/${encodeURIComponent(conversationKey)}`;
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
