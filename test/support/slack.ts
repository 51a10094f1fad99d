import { strict as assert } from 'node:assert';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Block } from '../../cards/render/blockKit.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-test-0000-labmate';

/** Slack's signature, computed here independently of the code under test. */
export function slackSignature(body: string | Buffer, secret: string, timestamp: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

export function signedHeaders(body: string, options: { secret?: string; timestamp?: number; contentType?: string } = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(body, options.secret ?? SIGNING_SECRET, timestamp),
  };
}

/** A slash command's form body, as Slack sends it. */
export function slashCommandBody(fields: { text: string; responseUrl: string; userId?: string; channelId?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'lab',
    channel_id: fields.channelId ?? 'C0LAB',
    channel_name: 'ml-team',
    user_id: fields.userId ?? 'U0ADA',
    user_name: 'ada',
    command: '/labmate',
    text: fields.text,
    api_app_id: 'A0LABMATE',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: `${Date.now()}.${randomUUID()}`,
  }).toString();
}

/** An Events API envelope around `event`. */
export function eventBody(event: Record<string, unknown>, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10)}`): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0LABMATE',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0001', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

/** A block_actions interaction's form body (`payload=<json>`). */
export function blockActionsBody(fields: { value: string; responseUrl: string; userId?: string; channelId?: string; actionId?: string }): string {
  const payload = {
    type: 'block_actions',
    user: { id: fields.userId ?? 'U0ADA', username: 'ada', name: 'ada', team_id: 'T0001' },
    api_app_id: 'A0LABMATE',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1700000100.000200', channel_id: fields.channelId ?? 'C0LAB', is_ephemeral: false },
    trigger_id: `${Date.now()}.${randomUUID()}`,
    team: { id: 'T0001', domain: 'lab' },
    channel: { id: fields.channelId ?? 'C0LAB', name: 'ml-team' },
    message: { type: 'message', ts: '1700000100.000200', text: 'help' },
    response_url: fields.responseUrl,
    actions: [{ type: 'button', action_id: fields.actionId ?? 'help-example-0', block_id: 'b1', value: fields.value, action_ts: '1700000101.000300' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface SlackCall {
  path: string;
  authorization?: string;
  /** Web API calls: the form fields (blocks JSON-decoded); response URLs: the JSON body. */
  body: Record<string, unknown>;
  at: number;
}

/**
 * A local server playing Slack: the Web API under /api/ (chat.postMessage, chat.update, chat.delete answer
 * `{ok: true, ...}`, and `{ok: false, error: "not_authed"}` without a bearer token) and response URLs under
 * /commands/ (HTTP 200 "ok" as hooks.slack.com answers).
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Files served under /files-pri/ (bearer token required) as files.slack.com does; `redirects` answer 302. */
  readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  readonly redirects = new Map<string, string>();
  /** Web API answers HTTP 429 with these Retry-After seconds, one per call, to calls for `channel` (or any: '*'). */
  readonly rateLimits = new Map<string, number[]>();
  /** Socket Mode: the URL apps.connections.open answers with (see slackSocket.ts). */
  socketUrl?: () => string;
  private server: Server;
  private waiters: Array<() => void> = [];
  private nextTs = 1;

  constructor() {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, type, body, location, retryAfter }) => {
        res.writeHead(status, { 'content-type': type, ...(location ? { location } : {}), ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}) });
        res.end(body);
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  newResponseUrl(): string {
    return `${this.url}/commands/T0001/${randomUUID()}`;
  }

  to(path: string): SlackCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  async waitFor(path: string, count: number, timeoutMs = 5000): Promise<SlackCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(path).length < count) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`expected ${count} call(s) to ${path}, got ${this.to(path).length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.to(path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; type: string; body: string | Buffer; location?: string; retryAfter?: number }> {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    const redirect = this.redirects.get(path);
    if (redirect) {
      this.calls.push({ path, authorization: req.headers.authorization, body: {}, at: Date.now() });
      return { status: 302, type: 'text/plain', body: '', location: redirect };
    }
    if (path.startsWith('/files-pri/')) {
      this.calls.push({ path, authorization: req.headers.authorization, body: {}, at: Date.now() });
      const file = this.files.get(path);
      // Slack answers a download without a valid token with its sign-in page, HTTP 200.
      if (!req.headers.authorization?.startsWith('Bearer xoxb-')) return { status: 200, type: 'text/html', body: '<!DOCTYPE html><title>Slack</title>' };
      if (!file) return { status: 404, type: 'text/plain', body: 'file_not_found' };
      return { status: 200, type: file.contentType, body: file.bytes };
    }
    const record = (body: Record<string, unknown>) => {
      this.calls.push({ path, authorization: req.headers.authorization, body, at: Date.now() });
      for (const wake of this.waiters.splice(0)) wake();
    };
    if (path.startsWith('/commands/')) {
      record(JSON.parse(raw) as Record<string, unknown>);
      return { status: 200, type: 'text/plain', body: 'ok' };
    }
    if (path.startsWith('/api/')) {
      const form = Object.fromEntries(new URLSearchParams(raw)) as Record<string, unknown>;
      if (typeof form.blocks === 'string') form.blocks = JSON.parse(form.blocks);
      record(form);
      if (path === '/api/apps.connections.open') {
        // Socket Mode: an app-level token only, and a WebSocket URL to connect to.
        if (!req.headers.authorization?.startsWith('Bearer xapp-')) return json({ ok: false, error: 'not_allowed_token_type' });
        return this.socketUrl ? json({ ok: true, url: this.socketUrl() }) : json({ ok: false, error: 'socket_mode_not_enabled' });
      }
      if (!req.headers.authorization?.startsWith('Bearer xoxb-')) return json({ ok: false, error: 'not_authed' });
      const limits = this.rateLimits.get(String(form.channel)) ?? this.rateLimits.get('*');
      const retryAfter = limits?.shift();
      if (retryAfter !== undefined) return { status: 429, type: 'application/json; charset=utf-8', body: JSON.stringify({ ok: false, error: 'ratelimited' }), retryAfter };
      const ts = `1700000200.${String(this.nextTs++).padStart(6, '0')}`;
      if (path === '/api/chat.postMessage') return json({ ok: true, channel: form.channel, ts, message: { text: form.text, ts } });
      if (path === '/api/chat.update') return json({ ok: true, channel: form.channel, ts: form.ts, text: form.text });
      if (path === '/api/chat.delete') return json({ ok: true, channel: form.channel, ts: form.ts });
      return json({ ok: false, error: 'unknown_method' });
    }
    return { status: 404, type: 'text/plain', body: 'not found' };
  }
}

function json(body: unknown): { status: number; type: string; body: string } {
  return { status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The environment of a bot whose Slack app talks to `slack`. */
export function slackAppEnv(slack: FakeSlack): Record<string, string> {
  return { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl };
}

/** A slash command's answer as Slack receives it. */
export interface SlackAnswer {
  text?: string;
  blocks?: Block[];
  response_type?: string;
}

/**
 * Sends a signed `/labmate <text>` to the bot at `botUrl`, checks the 200 JSON acknowledgement, and returns the answer
 * wherever it came: in the acknowledgement when it was ready in time, else posted to the response URL.
 */
export async function slashCommand(
  botUrl: string,
  slack: FakeSlack,
  text: string,
  options: { channelId?: string; userId?: string; timeoutMs?: number } = {},
): Promise<SlackAnswer> {
  const responseUrl = slack.newResponseUrl();
  const body = slashCommandBody({ text, responseUrl, channelId: options.channelId, userId: options.userId });
  const response = await fetch(`${botUrl}/api/slack/commands`, { method: 'POST', headers: signedHeaders(body), body });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const ack = (await response.json()) as SlackAnswer;
  return ack.blocks ? ack : ((await slack.waitFor(new URL(responseUrl).pathname, 1, options.timeoutMs))[0].body as SlackAnswer);
}
