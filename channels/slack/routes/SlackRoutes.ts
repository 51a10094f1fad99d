import type restify from 'restify';
import type { Activity } from 'botbuilder';
import { readRawBody } from '../../http/readRawBody.js';
import type { RecentIds } from '../../../state/RecentIds.js';
import type { TurnReceiver } from '../../Channel.js';
import type { InlineReply } from '../InlineReply.js';
import type { SlackAdapter } from '../SlackAdapter.js';
import type { TurnQueue } from '../TurnQueue.js';
import { slackResponseJson } from '../slackJson.js';
import { verifySlackRequest } from '../verifySlackRequest.js';
import type { SlackAnswer } from './handlers.js';

/** Slack's payloads are small; events with many files or blocks stay well under this. */
const MAX_SLACK_BODY_BYTES = 512 * 1024;

/** The direct Slack app: HTTP routes need its signing secret; Socket Mode does without. */
export interface SlackApp {
  signingSecret?: string;
  apiUrl: string;
  adapter: SlackAdapter;
}

/** What every Slack endpoint works with. */
export interface SlackRouteContext {
  /** Absent when the Slack app is not configured: the routes answer 404. */
  app?: SlackApp;
  receiver: TurnReceiver;
  /** Where turns wait for their start, after their acknowledgement. */
  turns: TurnQueue;
  /** Event ids seen recently: Slack retries an event it thinks failed. */
  events: RecentIds;
  /** How long a slash command waits to put its answer in the HTTP answer. */
  inlineAnswerMs: number;
  /** Seconds since the epoch, for the signature's timestamp window. */
  nowSeconds: () => number;
}

type SlackHandler = (raw: Buffer, req: restify.Request, res: restify.Response, app: NonNullable<SlackRouteContext['app']>) => Promise<void>;

/**
 * A POST route that verifies the request before anything else: 401 and nothing runs when the signature is missing,
 * malformed, wrong or stale (HMAC of the raw bytes); 413 over the size limit; 500, logged, if the handler fails.
 */
export function verifiedRoute(server: restify.Server, path: string, context: SlackRouteContext, handle: SlackHandler): void {
  const { logger } = context.receiver;
  server.post(path, async (req: restify.Request, res: restify.Response) => {
    const app = context.app;
    const signingSecret = app?.signingSecret;
    if (!app || !signingSecret) return void res.send(404, { error: 'the Slack app is not configured for HTTP' });
    const raw = await readRawBody(req, MAX_SLACK_BODY_BYTES);
    if (!raw) return void res.send(413, { error: `the body is larger than ${MAX_SLACK_BODY_BYTES} bytes` });
    const verification = verifySlackRequest(
      { rawBody: raw, timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature') },
      signingSecret,
      context.nowSeconds(),
    );
    if (!verification.ok) {
      logger.warn('refused a Slack request', { path, reason: verification.reason });
      return void res.send(401, { error: 'invalid Slack signature' });
    }
    try {
      await handle(raw, req, res, app);
    } catch (error) {
      logger.error('could not handle a Slack request', { path, error });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });
}

/**
 * Queues a turn to run after the acknowledgement, once the bot is ready (tracked for shutdown); its failures are
 * logged, never thrown at Slack. Undefined when the queue is full.
 */
export function runInBackground(context: SlackRouteContext, adapter: SlackAdapter, activity: Partial<Activity>, inline?: InlineReply): Promise<void> | undefined {
  const { receiver, turns } = context;
  const turn = turns.enqueue(async () => {
    if (!(await receiver.ready())) {
      receiver.logger.warn('dropped a Slack turn: the bot did not get ready in time', { activityId: activity.id });
      return;
    }
    await adapter.processActivity(activity, (turnContext) => receiver.run(turnContext), inline);
  });
  if (!turn) {
    receiver.logger.warn('too many Slack turns waiting; refused one', { activityId: activity.id, waiting: turns.size });
    return undefined;
  }
  return receiver.track(turn).catch((error: unknown) => {
    receiver.logger.error('a Slack turn failed', { activityId: activity.id, conversationId: activity.conversation?.id, error });
  });
}

/** Writes a SlackAnswer as the HTTP response (JSON with Slack's escaping for messages; empty 200 without a body). */
export function sendAnswer(res: restify.Response, answer: SlackAnswer): void {
  if (answer.retryAfterSeconds !== undefined) res.header('Retry-After', String(answer.retryAfterSeconds));
  if (answer.body === undefined) res.send(answer.status);
  else if ('text' in answer.body) res.sendRaw(answer.status, slackResponseJson(answer.body), { 'content-type': 'application/json; charset=utf-8' });
  else res.send(answer.status, answer.body);
  answer.sent?.();
}

export function header(req: restify.Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
