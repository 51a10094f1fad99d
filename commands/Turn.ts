import type { ResultDocument } from '../documents/document.js';
import type { MessageImages } from '../channels/attachments/AttachmentImages.js';

/** Who sent a message, as the channel vouches for them. */
export interface Caller {
  /** `channel/userId`: unique across channels, and how VM_OPERATORS names people. */
  key: string;
  /** The channel's own id for the person (Teams: the Entra object id; Slack: U0123). */
  userId: string;
  /** The channel's name for the person, or their id when it gives none. */
  name: string;
  channel: string;
  /**
   * The channel vouches for the id: it came through the channel's own authentication (a Bot Framework token for a
   * Teams or Slack user, a signed Slack request), or the bot runs locally with no authentication at all. Ids a
   * client picks for itself (Direct Line, Web Chat, the Emulator against an authenticated bot) are not vouched for.
   */
  verified: boolean;
}

/**
 * A conversation to post to later (the end of a long operation), as the channel needs to find it again. It is
 * plain JSON, so it can be kept in shared state and used by another instance.
 */
export interface ConversationHandle {
  /** The id of the channel that made it (`Channel.name`). */
  channel: string;
  conversationId: string;
  /** The channel's own reference (a Bot Framework conversation reference); only the channel reads it. */
  reference: Record<string, unknown>;
}

/** The conversation's own settings, read only when a command needs them. */
export interface ConversationSettings {
  /** ISO code of the language the conversation is auto-translated to and from; undefined when off. */
  autoTranslation?: string;
  /** `label on`: images posted here come back with labelling buttons. */
  labelling?: boolean;
}

/** What a command handler sees of a turn: who asked, where, and how to answer. Nothing channel-specific. */
export interface Turn {
  readonly caller: Caller;
  readonly conversation: ConversationHandle;
  /** The person's locale as their client reports it (en-US), when it does. */
  readonly locale?: string;
  /** Whether this channel shows pictures in replies (so nobody makes thumbnails that would be left out). */
  readonly showsPictures: boolean;
  /** Sends a document; resolves with the sent message's id where the channel gives one. */
  reply(document: ResultDocument): Promise<string | undefined>;
  /**
   * Answers a card's question: replaces the message whose button was pressed where the channel can; elsewhere
   * replies, or (`otherwise: 'skip'`) says nothing, for an answer that only tidies the card up.
   */
  replaceAnswered(document: ResultDocument, otherwise?: 'reply' | 'skip'): Promise<void>;
  /** The images this message carries, downloaded under the attachment rules. */
  images(): Promise<MessageImages>;
  settings(): Promise<ConversationSettings>;
  updateSettings(change: Partial<ConversationSettings>): Promise<void>;
}

/** Posts to a conversation outside any turn. */
export interface Notifier {
  /** Runs `send` in a turn of that conversation; `update(id, document)` rewrites an earlier message where the channel can. */
  notify(conversation: ConversationHandle, send: (turn: ProactiveTurn) => Promise<void>): Promise<void>;
}

export interface ProactiveTurn {
  reply(document: ResultDocument): Promise<string | undefined>;
  /** Rewrites a message the bot sent earlier (an acknowledgement becomes the outcome) where the channel can; else nothing. */
  update(messageId: string, document: ResultDocument): Promise<void>;
}
