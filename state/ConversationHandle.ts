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
