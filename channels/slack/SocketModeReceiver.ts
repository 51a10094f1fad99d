import type { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from '../../logging/logger.js';
import { answerEvent, answerInteraction, answerSlashCommand, type SlackAnswer } from './routes/handlers.js';
import type { SlackApp, SlackRouteContext } from './routes/SlackRoutes.js';
import { eventEnvelopeFrom, interactionFrom, slashCommandFrom } from './slackPayloads.js';

/** The same bound as the HTTP routes' body limit. */
const MAX_ENVELOPE_CHARS = 512 * 1024;

interface Envelope {
  ack: (payload?: unknown) => Promise<void>;
  envelope_id?: string;
  type?: string;
  body?: unknown;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * Socket Mode: the second receiver of the direct Slack app (bolt-js's SocketModeReceiver plays the same part). It
 * takes envelopes from `@slack/socket-mode` and hands each parsed payload to the handlers the HTTP routes use, so a
 * slash command's answer rides in the acknowledgement where HTTP puts it in the 200. The library reconnects after a
 * `disconnect` message or a dropped connection (with a growing delay); this logs why.
 */
export class SocketModeReceiver {
  private client?: SocketModeClient;
  private connected = false;
  /** SLACK_APP_ID's part, learnt from the hello message (or given). */
  private appId?: string;

  constructor(private readonly options: { appToken: string; apiUrl: string; app: SlackApp; context: SlackRouteContext; logger: Logger; expectedAppId?: string; reconnectDelayMs?: number }) {}

  /** What /readyz reports for Slack: the socket is open and Slack said hello. */
  isConnected(): boolean {
    return this.connected;
  }

  async start(): Promise<void> {
    const { SocketModeClient } = await import('@slack/socket-mode');
    const { logger } = this.options;
    const learnAppId = (appId: unknown) => {
      if (typeof appId === 'string' && appId) this.appId = appId;
    };
    /**
     * The library reads `payload.event.type` of an events_api envelope unchecked (a TypeError, unhandled) and parses
     * any size: a message that is too large, or an events_api envelope without an event, stops here first.
     */
    class GuardedClient extends SocketModeClient {
      protected override async onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void> {
        const size = typeof data === 'string' ? data.length : data.byteLength;
        if (size > MAX_ENVELOPE_CHARS) return void logger.warn('refused a Slack socket message', { reason: `larger than ${MAX_ENVELOPE_CHARS} characters`, size });
        if (!isBinary) {
          const message = parsed(data);
          // Slack's hello names the app the socket belongs to (connection_info.app_id): envelopes for another are dropped.
          if (message?.type === 'hello') learnAppId((message as { connection_info?: { app_id?: unknown } }).connection_info?.app_id);
          if (message?.type === 'events_api' && typeof message.envelope_id === 'string' && typeof message.payload?.event?.type !== 'string') {
            logger.warn('dropped a Slack socket envelope', { reason: 'events_api without an event', type: message.type, envelopeId: message.envelope_id });
            // The library's own acknowledgement (private there): {"envelope_id", "payload": {}}.
            const ack = (this as unknown as { send(id: string, body: object): Promise<void> }).send.bind(this);
            return void (await ack(message.envelope_id, {}).catch(() => undefined));
          }
        }
        return super.onWebSocketMessage(data, isBinary);
      }
    }
    const client = new GuardedClient({
      appToken: this.options.appToken,
      clientOptions: { slackApiUrl: this.options.apiUrl },
      logger: libraryLogger(logger),
      // The library waits this long times the failures in a row before reconnecting (and for a pong); 5 s by default.
      ...(this.options.reconnectDelayMs ? { clientPingTimeout: this.options.reconnectDelayMs } : {}),
    });
    this.client = client;
    client.on('connected', () => {
      this.connected = true;
      logger.info('slack socket connected');
    });
    client.on('disconnected', () => {
      this.connected = false;
      logger.info('slack socket disconnected');
    });
    client.on('reconnecting', () => logger.info('slack socket reconnecting'));
    client.on('slack_event', (envelope: Envelope) => void this.handle(envelope));
    await client.start();
  }

  async stop(): Promise<void> {
    this.connected = false;
    await this.client?.disconnect();
  }

  private async handle(envelope: Envelope): Promise<void> {
    const { logger } = this.options;
    const drop = async (reason: string) => {
      logger.warn('dropped a Slack socket envelope', { reason, type: envelope.type, envelopeId: envelope.envelope_id });
      await envelope.ack().catch(() => undefined);
    };
    try {
      if (!envelope.envelope_id) return void logger.warn('dropped a Slack socket message without envelope_id', { type: envelope.type });
      if (JSON.stringify(envelope.body ?? null).length > MAX_ENVELOPE_CHARS) return await drop(`larger than ${MAX_ENVELOPE_CHARS} characters`);
      const appId = (envelope.body as { api_app_id?: unknown } | undefined)?.api_app_id;
      const expected = this.options.expectedAppId ?? this.appId;
      if (expected && appId !== undefined && appId !== expected) return await drop(`for another app (${String(appId)})`);
      const answer = await this.answer(envelope);
      if (!answer) return await drop('unknown envelope type');
      if (answer.status === 400) return await drop(typeof answer.body === 'object' && 'error' in answer.body ? answer.body.error : 'malformed');
      // Busy: no acknowledgement, so Slack delivers it again (the event id was released for that).
      if (answer.status === 503) return void logger.warn('left a Slack socket envelope for redelivery: labmate is busy', { envelopeId: envelope.envelope_id });
      await envelope.ack(answer.body && !('challenge' in answer.body) ? answer.body : undefined);
      answer.sent?.();
    } catch (error) {
      logger.error('could not handle a Slack socket envelope', { type: envelope.type, envelopeId: envelope.envelope_id, error });
    }
  }

  private answer(envelope: Envelope): Promise<SlackAnswer> | undefined {
    const { context, app } = this.options;
    const body = envelope.body;
    switch (envelope.type) {
      case 'slash_commands':
        return answerSlashCommand(context, app, typeof body === 'object' && body ? slashCommandFrom(body as Record<string, unknown>) : { ok: false, message: 'no payload' });
      case 'events_api':
        return answerEvent(context, app, eventEnvelopeFrom(body), { num: envelope.retry_num?.toString(), reason: envelope.retry_reason });
      case 'interactive':
        return Promise.resolve(answerInteraction(context, app, interactionFrom(body)));
      default:
        return undefined;
    }
  }
}

function parsed(data: string | ArrayBuffer): { type?: unknown; envelope_id?: unknown; payload?: { event?: { type?: unknown } } } | undefined {
  try {
    const value: unknown = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `@slack/socket-mode` says at debug level what matters to an operator: why Slack closed the socket (a `disconnect`
 * with refresh_requested, warning or link_disabled) and that a message was not JSON. Those become log lines; the
 * rest of its debug chatter does not.
 */
function libraryLogger(logger: Logger) {
  let level = 'info';
  return {
    debug: (...message: unknown[]) => {
      const text = message.map(String).join(' ');
      const disconnect = /Received "disconnect" \(([^)]*)\)/.exec(text);
      if (disconnect) logger.info('slack asked the socket to reconnect', { reason: disconnect[1] });
      else if (text.startsWith('Unable to parse an incoming WebSocket message')) logger.warn('dropped a Slack socket message that is not JSON');
    },
    info: () => undefined,
    warn: (...message: unknown[]) => logger.warn('slack socket', { detail: message.map(String).join(' ') }),
    error: (...message: unknown[]) => logger.warn('slack socket', { detail: message.map(String).join(' ') }),
    setLevel: (next: string) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  } as unknown as import('@slack/socket-mode').SocketModeOptions['logger'];
}
