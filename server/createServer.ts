import restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import type { InFlight } from './InFlight.js';
import { readJsonObject } from './readJsonBody.js';

/** Bot Framework activities are small; anything bigger is refused before it is parsed. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export interface ServerOptions {
  adapter: CloudAdapter;
  /** Runs one turn: the bot's `run`. */
  runTurn: (context: TurnContext) => Promise<void>;
  logger: Logger;
  inFlight: InFlight;
  /** False until the backends have loaded: /readyz answers 503 and messages are refused with 503. */
  isReady: () => boolean;
}

export function createServer(options: ServerOptions): restify.Server {
  const { adapter, runTurn, logger, inFlight, isReady } = options;
  const server = restify.createServer({ name: 'labmate', handleUncaughtExceptions: false });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', (_req, res, next) => {
    res.send(isReady() ? 200 : 503, { status: isReady() ? 'ready' : 'loading' });
    next();
  });

  server.post('/api/messages', async (req, res) => {
    if (!isReady()) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'labmate is starting; try again in a few seconds' });
      return;
    }
    const body = await readJsonObject(req, MAX_ACTIVITY_BYTES);
    if (!body.ok) {
      res.send(body.status, { error: body.message });
      return;
    }
    if (typeof body.value.type !== 'string' || body.value.type === '') {
      res.send(400, { error: 'the activity has no type' });
      return;
    }
    req.body = body.value;
    try {
      await inFlight.track(adapter.process(req, res, runTurn));
    } catch (error) {
      // adapter.process answers auth and turn failures itself; this is a failure to answer at all.
      logger.error('could not process an activity', { activityId: body.value.id, error });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  return server;
}
