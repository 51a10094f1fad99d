import type { Card } from '../cards/Card.js';
import type { MessageImages } from '../services/imageClassifier/postedImages.js';
import type { Caller } from '../state/Caller.js';
import type { ConversationHandle } from '../state/ConversationHandle.js';

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
  reply(document: Card): Promise<string | undefined>;
  /**
   * Answers a card's question: replaces the message whose button was pressed where the channel can; elsewhere
   * replies, or (`otherwise: 'skip'`) says nothing, for an answer that only tidies the card up.
   */
  replaceAnswered(document: Card, otherwise?: 'reply' | 'skip'): Promise<void>;
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
  reply(document: Card): Promise<string | undefined>;
  /** Rewrites a message the bot sent earlier (an acknowledgement becomes the outcome) where the channel can; else nothing. */
  update(messageId: string, document: Card): Promise<void>;
}
