import type { TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { SlackConfig } from '../config/slack.js';
import type { Logger } from '../logging/logger.js';
import { InlineReply } from '../channels/slack/InlineReply.js';
import { RecentIds } from '../channels/RecentIds.js';
import { TurnQueue } from '../channels/slack/TurnQueue.js';
import type { SlackAdapter } from '../channels/slack/SlackAdapter.js';
import { activityFromEvent, activityFromInteraction, activityFromSlashCommand } from '../channels/slack/slackActivities.js';
import { parseEventEnvelope, parseInteraction, parseSlashCommand } from '../channels/slack/slackPayloads.js';
import { verifySlackRequest } from '../channels/slack/verifySlackRequest.js';
import type { InFlight } from './InFlight.js';
import { readRawBody } from './readRawBody.js';

/** Slack's payloads are small; events with many files or blocks stay well under this. */
export const MAX_SLACK_BODY_BYTES = 512 * 1024;
/** A slash command whose answer is ready within this time gets it in the HTTP answer; Slack allows 3 s in all. */
export const INLINE_ANSWER_MS = 150;

export interface SlackRouteOptions {
  /** Absent: the routes answer 404. */
  slack?: { config: SlackConfig; adapter: SlackAdapter };
  runTurn: (context: TurnContext) => Promise<void>;
  isReady: () => boolean;
  logger: Logger;
  inFlight: InFlight;
  inlineAnswerMs?: number;
  /** Where turns wait for their start; one per server. */
  turns?: TurnQueue;
  /** Seconds since the epoch, for the signature's timestamp window. */
  nowSeconds?: () => number;
}

type Handler = (raw: Buffer, req: restify.Request, res: restify.Response) => Promise<void>;

/**
 * POST /api/slack/commands, /events and /interactions. Each request is verified before anything else (401 and
 * nothing runs when the signature is missing, malformed, wrong or stale), acknowledged within Slack's 3 s, and its
 * turn runs through the Slack adapter with the same bot as /api/messages.
 */
export function registerSlackRoutes(server: restify.Server, options: SlackRouteOptions): void {
  const { logger, inFlight, runTurn } = options;
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const inlineAnswerMs = options.inlineAnswerMs ?? INLINE_ANSWER_MS;
  const events = new RecentIds();
  const turns = options.turns ?? new TurnQueue();

  const route = (path: string, handle: Handler) =>
    server.post(path, async (req: restify.Request, res: restify.Response) => {
      const slack = options.slack;
      if (!slack) return void res.send(404, { error: 'the Slack app is not configured' });
      const raw = await readRawBody(req, MAX_SLACK_BODY_BYTES);
      if (!raw) return void res.send(413, { error: `the body is larger than ${MAX_SLACK_BODY_BYTES} bytes` });
      const verification = verifySlackRequest(
        { rawBody: raw, timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature') },
        slack.config.signingSecret,
        nowSeconds(),
      );
      if (!verification.ok) {
        logger.warn('refused a Slack request', { path, reason: verification.reason });
        return void res.send(401, { error: 'invalid Slack signature' });
      }
      try {
        await handle(raw, req, res);
      } catch (error) {
        logger.error('could not handle a Slack request', { path, error });
        if (!res.headersSent) res.send(500, { error: 'internal error' });
      }
    });

  /**
   * Queues a turn to run after the acknowledgement (tracked for shutdown); its failures are logged, never thrown at
   * Slack. Undefined when the queue is full.
   */
  const runInBackground = (activity: Parameters<SlackAdapter['processActivity']>[0], inline?: InlineReply): Promise<void> | undefined => {
    const adapter = (options.slack as { adapter: SlackAdapter }).adapter;
    const turn = turns.enqueue(() => adapter.processActivity(activity, runTurn, inline));
    if (!turn) {
      logger.warn('too many Slack turns waiting; refused one', { activityId: activity.id, waiting: turns.size });
      return undefined;
    }
    return inFlight.track(turn).catch((error: unknown) => {
      logger.error('a Slack turn failed', { activityId: activity.id, conversationId: activity.conversation?.id, error });
    });
  };

  route('/api/slack/commands', async (raw, _req, res) => {
    const command = parseSlashCommand(raw);
    if (!command.ok) return void res.send(400, { error: command.message });
    if (!options.isReady()) return void res.send(200, { response_type: 'ephemeral', text: 'labmate is starting; try again in a few seconds.' });
    const inline = new InlineReply();
    // Behind other turns the answer cannot be ready in time: acknowledge at once rather than wait for nothing.
    const wait = turns.size === 0 ? inlineAnswerMs : 0;
    if (wait <= 0) inline.close('working');
    const timer = setTimeout(() => inline.close('working'), wait);
    const turn = runInBackground(activityFromSlashCommand(command.value, serviceUrl(options)), inline);
    if (!turn) {
      clearTimeout(timer);
      return void res.send(200, { response_type: 'ephemeral', text: 'labmate is very busy right now; please try again in a minute.' });
    }
    void turn.finally(() => {
      clearTimeout(timer);
      inline.close('nothing');
    });
    const ack = await inline.acknowledgement;
    clearTimeout(timer);
    if (ack.kind === 'answer') res.send(200, ack.response);
    else if (ack.kind === 'working') res.send(200, { response_type: 'ephemeral', text: '⏳ Working on it…' });
    else res.send(200);
    inline.answered();
  });

  route('/api/slack/events', async (raw, req, res) => {
    const envelope = parseEventEnvelope(raw);
    if (!envelope.ok) return void res.send(400, { error: envelope.message });
    if (envelope.value.type === 'url_verification') return void res.send(200, { challenge: envelope.value.challenge });
    if (envelope.value.type !== 'event_callback') return void res.send(200);
    if (!options.isReady()) {
      res.header('Retry-After', '5');
      return void res.send(503, { error: 'labmate is starting' });
    }
    const { eventId } = envelope.value;
    if (!events.firstTime(eventId)) {
      logger.info('ignored a repeated Slack event', { eventId, retry: header(req, 'x-slack-retry-num'), reason: header(req, 'x-slack-retry-reason') });
      return void res.send(200);
    }
    const activity = activityFromEvent(envelope.value, serviceUrl(options));
    if (activity && !runInBackground(activity)) {
      events.forget(eventId); // the redelivery Slack sends after this 503 must run
      res.header('Retry-After', '30');
      return void res.send(503, { error: 'labmate is busy' });
    }
    res.send(200);
  });

  route('/api/slack/interactions', async (raw, _req, res) => {
    const interaction = parseInteraction(raw);
    if (!interaction.ok) return void res.send(400, { error: interaction.message });
    if (!options.isReady()) return void res.send(503, { error: 'labmate is starting' });
    const activity = interaction.value.type === 'block_actions' ? activityFromInteraction(interaction.value, serviceUrl(options)) : undefined;
    if (activity && !runInBackground(activity)) return void res.send(503, { error: 'labmate is busy' });
    res.send(200);
  });
}

function serviceUrl(options: SlackRouteOptions): string {
  return options.slack?.config.apiUrl ?? '';
}

function header(req: restify.Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
