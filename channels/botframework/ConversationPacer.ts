/**
 * Sends to one conversation in order, at most `perWindow` requests within `windowMs` (Teams documents about 7
 * messages a second for a bot in one conversation): a burst waits its turn instead of meeting 429s. Each attempt,
 * retries included, takes a slot. One instance's view only; the connector's 429s (retried by withConnectorRetry)
 * cover what several instances send together.
 */
export class ConversationPacer {
  private readonly queues = new Map<string, { tail: Promise<unknown>; sentAt: number[] }>();

  constructor(private readonly perWindow = 7, private readonly windowMs = 1000) {}

  /** Runs `send` after every earlier send to `conversation`; `send` awaits `slot()` before each request it makes. */
  run<T>(conversation: string, send: (slot: () => Promise<void>) => Promise<T>): Promise<T> {
    const queue = this.queues.get(conversation) ?? { tail: Promise.resolve(), sentAt: [] };
    this.queues.set(conversation, queue);
    const slot = async () => {
      for (;;) {
        const now = Date.now();
        queue.sentAt = queue.sentAt.filter((at) => now - at < this.windowMs);
        if (queue.sentAt.length < this.perWindow) break;
        await new Promise((resolve) => setTimeout(resolve, queue.sentAt[0] + this.windowMs - now));
      }
      queue.sentAt.push(Date.now());
    };
    const result = queue.tail.then(() => send(slot));
    const tail = result.catch(() => undefined);
    queue.tail = tail;
    // A conversation quiet for a whole window is forgotten, so quiet conversations keep no memory.
    void tail.then(() => {
      setTimeout(() => {
        if (queue.tail === tail) this.queues.delete(conversation);
      }, this.windowMs).unref();
    });
    return result;
  }
}
