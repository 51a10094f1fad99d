import type { ServerResponse } from 'node:http';
import type restify from 'restify';
import { readJsonObject } from '../http/readJsonBody.js';
import type { TurnReceiver } from '../Channel.js';
import type { Conversations, PageEvent, PageStream } from './Conversations.js';
import { pageRequestProblem } from './pageRequests.js';
import { activityFromPage, PAGE_ID } from './tryoutActivities.js';
import type { TryoutAdapter } from './TryoutAdapter.js';

interface TryoutApi {
  adapter: TryoutAdapter;
  conversations: Conversations;
  receiver: TurnReceiver;
  /** IMAGE_MAX_BYTES: the page refuses a larger image before sending it, the bot after decoding it. */
  maxImageBytes: number;
  loopbackOnly: boolean;
}

/** A page that has not read this much of its stream is closed (it reconnects and gets what it missed). */
const MAX_UNREAD_BYTES = 1024 * 1024;
/** Comments on an idle stream, so that proxies and the page see it is alive. */
const KEEP_ALIVE_MS = 15_000;

/**
 * The page's three calls: its settings, posting an activity (a turn; an invoke's response comes back in the HTTP
 * answer), and the stream of what the bot says in its conversation (server-sent events).
 */
export function mountTryoutApi(server: restify.Server, api: TryoutApi): void {
  const { receiver, conversations, loopbackOnly } = api;
  // One image as a data: URL (base64: 4 characters per 3 bytes), with room for the rest of the message.
  const maxBodyBytes = Math.ceil(api.maxImageBytes / 3) * 4 + 64 * 1024;

  server.get('/tryout/api/settings', async (req, res) => {
    const problem = pageRequestProblem(req, loopbackOnly);
    if (problem) return void res.send(403, { error: problem });
    res.send(200, { maxImageBytes: api.maxImageBytes });
  });

  server.post('/tryout/api/activities', async (req, res) => {
    const problem = pageRequestProblem(req, loopbackOnly);
    if (problem) return void res.send(403, { error: problem });
    const body = await readJsonObject(req, maxBodyBytes);
    if (!body.ok) return void res.send(body.status, { error: body.status === 413 ? `the message is too large: images up to ${api.maxImageBytes} bytes` : body.message });
    const request = activityFromPage(body.value);
    if (!request.ok) return void res.send(400, { error: request.message });
    if (!(await receiver.ready())) {
      res.header('Retry-After', '5');
      return void res.send(503, { error: 'labmate is starting; try again in a few seconds' });
    }
    try {
      const invoke = await receiver.track(api.adapter.processActivity(request.activity, (context) => receiver.run(context)));
      res.send(invoke?.status ?? 200, invoke?.body ?? {});
    } catch (error) {
      // The adapter's onTurnError answers a failed turn on the page; this is a failure to answer at all.
      receiver.logger.error('could not process a try-out activity', { activityId: request.activity.id, error });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/tryout/api/events', async (req, res) => {
    const problem = pageRequestProblem(req, loopbackOnly);
    if (problem) return void res.send(403, { error: problem });
    const id = new URL(req.url ?? '', 'http://page').searchParams.get('id') ?? '';
    if (!PAGE_ID.test(id)) return void res.send(400, { error: "id must be the page's own id" });
    const lastEventId = typeof req.headers['last-event-id'] === 'string' ? req.headers['last-event-id'] : undefined;
    const close = conversations.open(id, lastEventId, () => eventStream(res));
    if (!close) return void res.send(503, { error: 'too many try-out pages are open' });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    req.once('close', () => {
      clearInterval(keepAlive);
      close();
    });
  });
}

function eventStream(res: ServerResponse): PageStream {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  res.write('retry: 2000\n\n');
  return {
    send: (event: PageEvent) => {
      res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      return res.writableLength <= MAX_UNREAD_BYTES;
    },
    close: () => res.end(),
  };
}
