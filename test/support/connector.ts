import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FileRoutes } from './fileHost.js';
import { assertParsesCleanly, cardTexts } from './renderedText.js';

/** One request the bot made to the connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity id in the path (the reply-to id for replies, the activity for updates). */
  activityId?: string;
  authorization?: string;
  /** The id the connector answered with (what the bot later names to update the activity). */
  responseId: string;
  /** When it arrived (Date.now()). */
  at: number;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: Array<{ contentType: string; content: unknown }> };
}

/**
 * A local server playing the Bot Connector, as the Emulator does: it accepts replies
 * (POST /v3/conversations/{id}/activities/{replyToId}), proactive messages (POST .../activities) and
 * updates (PUT .../activities/{id}), and records them.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Milliseconds to wait before answering, to model a slow channel. */
  delayMs = 0;
  /** Requests that arrived, counted before any delay: a turn is in flight once its reply has arrived here. */
  arrived = 0;
  /** Cards the Adaptive Cards SDK reported problems with: waitForMessages fails while there is one. */
  readonly invalidCards: Error[] = [];
  /** Statuses answered, one per request, before accepting again (429 with `retryAfter` seconds, 412, 502...). */
  readonly refusals: Array<{ status: number; retryAfter?: number }> = [];
  /** Requests refused through `refusals`, as they came. */
  readonly refused: Array<{ status: number; text?: string; at: number }> = [];
  /** Files served from the connector's own origin (GET only), as Teams serves pasted images from the service URL. */
  readonly files = new FileRoutes();
  private server: Server;
  private waiters: Array<() => void> = [];
  private nextId = 1;

  /**
   * `validateCards`: check every card with the SDK (tests). `keepCalls: false` only takes each activity and answers,
   * reading, checking and keeping nothing (benchmarks: reading what the bot sent is the channel's work, which the
   * bench must not count as the bot's, since this server runs in the bot's process).
   */
  constructor(private readonly options: { validateCards?: boolean; keepCalls?: boolean } = {}) {
    this.server = createServer((req, res) => {
      if (this.files.handle(req, res)) return;
      void this.handle(req).then(
        ({ status, body, retryAfter }) => {
          res.writeHead(status, { 'content-type': 'application/json', ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}) });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.calls.length = 0;
  }

  /** Messages sent to one conversation (typing indicators left out). */
  messagesTo(conversationId: string): ConnectorCall[] {
    return this.calls.filter((call) => call.conversationId === conversationId && call.activity.type === 'message');
  }

  /**
   * What a person sees in one conversation now: each message the bot posted, as its last update left it, in order
   * (an update names the id the connector gave the message it rewrites).
   */
  conversationAsShown(conversationId: string): string[] {
    const calls = this.messagesTo(conversationId);
    return calls
      .filter((call) => call.method === 'POST')
      .map((posted) => shownText(calls.filter((call) => call.method === 'PUT' && call.activityId === posted.responseId).at(-1) ?? posted));
  }

  /** Waits until `count` messages reached the conversation; fails after `timeoutMs`, or once the bot sent a card the SDK reports problems with. */
  async waitForMessages(conversationId: string, count: number, timeoutMs = 5000): Promise<ConnectorCall[]> {
    if (this.options.keepCalls === false) throw new Error('this connector keeps no calls (keepCalls: false): there is nothing to wait for');
    const deadline = Date.now() + timeoutMs;
    while (this.messagesTo(conversationId).length < count || this.invalidCards.length > 0) {
      if (this.invalidCards.length > 0) throw this.invalidCards[0];
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`expected ${count} message(s) to ${conversationId}, got ${this.messagesTo(conversationId).length}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messagesTo(conversationId);
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown; retryAfter?: number }> {
    const body = this.options.keepCalls === false ? await drain(req) : await readBody(req);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
    if (!match) return { status: 404, body: { error: { code: 'NotFound', message: req.url } } };
    this.arrived++;
    const refusal = this.refusals.shift();
    if (refusal) {
      this.refused.push({ status: refusal.status, text: (JSON.parse(body || '{}') as { text?: string }).text, at: Date.now() });
      return { status: refusal.status, body: { error: { code: 'TooManyRequests', message: 'slow down' } }, retryAfter: refusal.retryAfter };
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const responseId = `activity-${this.nextId++}`;
    if (this.options.keepCalls === false) return { status: 200, body: { id: responseId } };
    const activity = JSON.parse(body || '{}') as ConnectorCall['activity'];
    // Every card the bot sends must be one the Adaptive Cards SDK reads without a single problem.
    for (const attachment of activity.attachments ?? []) {
      if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive' || this.options.validateCards === false) continue;
      try {
        assertParsesCleanly(attachment.content);
      } catch (error) {
        this.invalidCards.push(error as Error);
      }
    }
    this.calls.push({
      method: req.method ?? '',
      path: req.url ?? '',
      conversationId: decodeURIComponent(match[1]),
      activityId: match[2] ? decodeURIComponent(match[2]) : undefined,
      authorization: req.headers.authorization,
      responseId,
      at: Date.now(),
      activity,
    });
    for (const wake of this.waiters.splice(0)) wake();
    return { status: 200, body: { id: responseId } };
  }
}

/** Reads a request to its end without keeping it (fails, as readBody does, when the request breaks off). */
async function drain(req: IncomingMessage): Promise<string> {
  req.resume();
  await once(req, 'end');
  return '';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Adaptive Card of a reply, or undefined when it carries none. */
export function adaptiveCardOf(call: ConnectorCall): Record<string, unknown> | undefined {
  const attachment = call.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown> | undefined;
}

/** What a person reads in a card, in order (see renderedText.ts). */
export { cardTexts as visibleTexts };

/** What a person reads in a reply: its card's texts, one per line, or its text. */
export function shownText(call: ConnectorCall): string {
  const card = adaptiveCardOf(call);
  return card ? cardTexts(card).join('\n') : (call.activity.text ?? '');
}
