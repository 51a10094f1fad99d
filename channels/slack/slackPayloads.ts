import { asJsonObject, parseJsonObject } from '../http/readJsonBody.js';

/**
 * Parsing of what Slack POSTs, from the raw bytes (after the signature check): slash commands and interactions are
 * form-encoded, the Events API sends JSON. Only the fields labmate uses are kept, under camelCase names.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface SlashCommand {
  teamId: string;
  channelId: string;
  userId: string;
  userName: string;
  /** "/labmate" */
  command: string;
  /** What follows the command, e.g. "analyze The GPU is fast". */
  text: string;
  responseUrl: string;
  triggerId: string;
  apiAppId: string;
}

interface SlackFile {
  id: string;
  name: string;
  mimetype: string;
  /** Needs `Authorization: Bearer <bot token>` and the files:read scope. */
  urlPrivateDownload: string;
  size?: number;
}

export interface SlackMessageEvent {
  /** "app_mention" or "message" */
  type: string;
  subtype?: string;
  user?: string;
  botId?: string;
  text: string;
  channel: string;
  /** "im" for direct messages. */
  channelType?: string;
  ts: string;
  threadTs?: string;
  files: SlackFile[];
}

export type EventEnvelope =
  | { type: 'url_verification'; challenge: string }
  | { type: 'event_callback'; eventId: string; teamId: string; apiAppId: string; botUserId?: string; event: SlackMessageEvent }
  | { type: 'other'; kind: string };

interface BlockAction {
  actionId: string;
  /** The button's value, as labmate wrote it (JSON). */
  value?: string;
}

export interface Interaction {
  type: 'block_actions';
  teamId: string;
  userId: string;
  userName: string;
  channelId?: string;
  responseUrl?: string;
  triggerId: string;
  apiAppId: string;
  /** The message the button sits on, and its thread. */
  messageTs?: string;
  threadTs?: string;
  actions: BlockAction[];
}

/** Form bodies are decoded from the bytes Slack sent; `+` is a space, as in any form. */
function parseForm(rawBody: Buffer): URLSearchParams {
  return new URLSearchParams(rawBody.toString('utf8'));
}

export function parseSlashCommand(rawBody: Buffer): Parsed<SlashCommand> {
  return slashCommandFrom(Object.fromEntries(parseForm(rawBody)));
}

/** A slash command from its fields: the HTTP form, or Socket Mode's `slash_commands` payload (the same names). */
export function slashCommandFrom(fields: Record<string, unknown>): Parsed<SlashCommand> {
  const field = (name: string) => (typeof fields[name] === 'string' ? fields[name] : '');
  const command: SlashCommand = {
    teamId: field('team_id'),
    channelId: field('channel_id'),
    userId: field('user_id'),
    userName: field('user_name'),
    command: field('command'),
    text: field('text'),
    responseUrl: field('response_url'),
    triggerId: field('trigger_id'),
    apiAppId: field('api_app_id'),
  };
  if (!command.userId || !command.channelId || !command.command) {
    return { ok: false, message: 'a slash command needs user_id, channel_id and command' };
  }
  return { ok: true, value: command };
}

export function parseEventEnvelope(rawBody: Buffer): Parsed<EventEnvelope> {
  return eventEnvelopeFrom(parseJsonObject(rawBody.toString('utf8')));
}

/** An Events API envelope from its JSON: the HTTP body, or Socket Mode's `events_api` payload. */
export function eventEnvelopeFrom(value: unknown): Parsed<EventEnvelope> {
  const body = asJsonObject(value);
  if (!body) return { ok: false, message: 'the body is not a JSON object' };
  if (body.type === 'url_verification') {
    return typeof body.challenge === 'string'
      ? { ok: true, value: { type: 'url_verification', challenge: body.challenge } }
      : { ok: false, message: 'url_verification without a challenge' };
  }
  if (body.type !== 'event_callback') return { ok: true, value: { type: 'other', kind: String(body.type) } };
  const event = asJsonObject(body.event);
  if (typeof body.event_id !== 'string' || !event || typeof event.type !== 'string') {
    return { ok: false, message: 'event_callback without event_id or event' };
  }
  const authorizations = Array.isArray(body.authorizations) ? body.authorizations.map(asJsonObject) : [];
  const botUserId = authorizations.find((authorization) => authorization?.is_bot === true)?.user_id;
  return {
    ok: true,
    value: {
      type: 'event_callback',
      eventId: body.event_id,
      teamId: text(body.team_id),
      apiAppId: text(body.api_app_id),
      botUserId: typeof botUserId === 'string' ? botUserId : undefined,
      event: {
        type: event.type,
        subtype: optionalText(event.subtype),
        user: optionalText(event.user),
        botId: optionalText(event.bot_id),
        text: text(event.text),
        channel: text(event.channel),
        channelType: optionalText(event.channel_type),
        ts: text(event.ts),
        threadTs: optionalText(event.thread_ts),
        files: (Array.isArray(event.files) ? event.files : []).map(asJsonObject).flatMap((file) => (file ? [slackFile(file)] : [])),
      },
    },
  };
}

export function parseInteraction(rawBody: Buffer): Parsed<Interaction | { type: 'other'; kind: string }> {
  return interactionFrom(parseJsonObject(parseForm(rawBody).get('payload') ?? ''));
}

/** An interaction from its JSON: the HTTP `payload` field, or Socket Mode's `interactive` payload. */
export function interactionFrom(value: unknown): Parsed<Interaction | { type: 'other'; kind: string }> {
  const payload = asJsonObject(value);
  if (!payload) return { ok: false, message: 'the payload field is missing or not a JSON object' };
  if (payload.type !== 'block_actions') return { ok: true, value: { type: 'other', kind: String(payload.type) } };
  const user = asJsonObject(payload.user);
  if (!user || typeof user.id !== 'string') return { ok: false, message: 'block_actions without a user' };
  const message = asJsonObject(payload.message);
  const container = asJsonObject(payload.container);
  return {
    ok: true,
    value: {
      type: 'block_actions',
      teamId: text(asJsonObject(payload.team)?.id),
      userId: user.id,
      userName: text(user.username ?? user.name),
      channelId: optionalText(asJsonObject(payload.channel)?.id ?? container?.channel_id),
      responseUrl: optionalText(payload.response_url),
      triggerId: text(payload.trigger_id),
      apiAppId: text(payload.api_app_id),
      messageTs: optionalText(message?.ts ?? container?.message_ts),
      threadTs: optionalText(message?.thread_ts ?? container?.thread_ts),
      actions: (Array.isArray(payload.actions) ? payload.actions : [])
        .map(asJsonObject)
        .flatMap((action) => (action ? [{ actionId: text(action.action_id), value: optionalText(action.value) }] : [])),
    },
  };
}

function slackFile(file: Record<string, unknown>): SlackFile {
  return {
    id: text(file.id),
    name: text(file.name),
    mimetype: text(file.mimetype),
    urlPrivateDownload: text(file.url_private_download),
    ...(typeof file.size === 'number' ? { size: file.size } : {}),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
