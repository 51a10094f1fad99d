import { randomBytes } from 'node:crypto';

/** What the page shows of a message from the bot: its text and its Adaptive Cards. */
export interface ShownMessage {
  text?: string;
  textFormat?: string;
  attachments?: Array<{ contentType: string; content?: unknown }>;
}

/** One server-sent event: a new message, or a message rewritten (an answered card, a finished operation). */
export interface PageEvent {
  id: string;
  type: 'message' | 'update';
  data: { messageId: string; message: ShownMessage };
}

/** An open page (an EventSource); `send` returns false when the page is not keeping up. */
export interface PageStream {
  send(event: PageEvent): boolean;
  close(): void;
}

interface ConversationLimits {
  /** Conversations remembered; the least recently used one with no page open is forgotten first. */
  conversations: number;
  /** Events kept per conversation, replayed to a page that reconnects (Last-Event-ID). */
  eventsPerConversation: number;
  /** Pages open on one conversation (browser tabs). */
  streamsPerConversation: number;
  /** Pages open in all. */
  streams: number;
}

const DEFAULT_LIMITS: ConversationLimits = { conversations: 200, eventsPerConversation: 50, streamsPerConversation: 4, streams: 100 };

interface Conversation {
  events: PageEvent[];
  streams: Set<PageStream>;
}

/**
 * What the bot says in each try-out conversation, delivered to the pages open on it: every structure is bounded
 * (conversations, events kept for a reconnecting page, pages), so a page left open or a flood of ids costs a fixed
 * amount of memory. Event ids carry this process's boot id: after a restart, a reconnecting page gets what is kept.
 */
export class Conversations {
  private readonly conversations = new Map<string, Conversation>();
  private readonly boot = randomBytes(4).toString('hex');
  private sequence = 0;
  private streamCount = 0;

  constructor(private readonly limits: ConversationLimits = DEFAULT_LIMITS) {}

  /** Delivers a new message; returns its id (for later updates). */
  post(conversationId: string, message: ShownMessage): string {
    const id = this.nextId();
    this.deliver(conversationId, { id, type: 'message', data: { messageId: id, message } });
    return id;
  }

  update(conversationId: string, messageId: string, message: ShownMessage): void {
    this.deliver(conversationId, { id: this.nextId(), type: 'update', data: { messageId, message } });
  }

  /**
   * Opens a page on a conversation: `connect` starts the stream, which first gets the kept events after
   * `lastEventId`. Returns the function that closes it, or undefined (and `connect` is not called) when too many
   * pages are open.
   */
  open(conversationId: string, lastEventId: string | undefined, connect: () => PageStream): (() => void) | undefined {
    const conversation = this.use(conversationId);
    if (this.streamCount >= this.limits.streams || conversation.streams.size >= this.limits.streamsPerConversation) return undefined;
    const stream = connect();
    conversation.streams.add(stream);
    this.streamCount++;
    for (const event of this.after(conversation.events, lastEventId)) this.send(conversation, stream, event);
    return () => {
      if (conversation.streams.delete(stream)) this.streamCount--;
    };
  }

  private deliver(conversationId: string, event: PageEvent): void {
    const conversation = this.use(conversationId);
    conversation.events.push(event);
    if (conversation.events.length > this.limits.eventsPerConversation) conversation.events.shift();
    for (const stream of [...conversation.streams]) this.send(conversation, stream, event);
  }

  /** A page that does not keep up is closed; it reconnects and gets the kept events it missed. */
  private send(conversation: Conversation, stream: PageStream, event: PageEvent): void {
    if (stream.send(event)) return;
    if (conversation.streams.delete(stream)) this.streamCount--;
    stream.close();
  }

  private after(events: PageEvent[], lastEventId: string | undefined): PageEvent[] {
    const [boot, sequence] = (lastEventId ?? '').split('.');
    if (boot !== this.boot) return lastEventId ? events : [];
    return events.filter((event) => Number(event.id.split('.')[1]) > Number(sequence));
  }

  /** The conversation, as the most recently used; a new one may push out the least recently used without pages. */
  private use(conversationId: string): Conversation {
    let conversation = this.conversations.get(conversationId);
    if (conversation) {
      this.conversations.delete(conversationId);
    } else {
      conversation = { events: [], streams: new Set() };
      if (this.conversations.size >= this.limits.conversations) this.forgetOne();
    }
    this.conversations.set(conversationId, conversation);
    return conversation;
  }

  private forgetOne(): void {
    for (const [id, conversation] of this.conversations) {
      if (conversation.streams.size === 0) {
        this.conversations.delete(id);
        return;
      }
    }
  }

  private nextId(): string {
    return `${this.boot}.${++this.sequence}`;
  }
}
