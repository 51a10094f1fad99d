import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { AzureMlEventReceiver } from '../dialogs/jobs/background/AzureMlEventReceiver.js';
import type { Logger } from '../logging/logger.js';
import { readRawBody } from '../channels/http/readRawBody.js';

export const AZUREML_EVENTS_PREFIX = '/api/events/azureml/';

export interface AzureMlEventsRouteOptions {
  /** AZUREML_EVENTS_SECRET: Event Grid signs nothing, so the subscription's URL carries this. */
  secret: string;
  /** The receiver, once the bot is ready; undefined when it did not get ready in time. */
  receiver(): Promise<AzureMlEventReceiver | undefined>;
  track<T>(work: Promise<T>): Promise<T>;
  logger: Logger;
}

/** Event Grid's limit for one delivery (an event, or a batch) is 1 MB. */
const MAX_BODY_BYTES = 1024 * 1024;
const ORIGIN = /^[A-Za-z0-9.-]{1,253}$/;

/**
 * `POST /api/events/azureml/<secret>`: the workspace's Event Grid system topic (Event Grid schema or CloudEvents
 * 1.0), and `OPTIONS` for CloudEvents' abuse-protection handshake. Without the right secret (compared in constant
 * time) it answers 401 and reads nothing more.
 */
export function mountAzureMlEvents(server: restify.Server, options: AzureMlEventsRouteOptions): void {
  const expected = digest(options.secret);
  const authorized = (req: restify.Request, res: restify.Response): boolean => {
    const given = typeof req.params?.secret === 'string' ? req.params.secret : '';
    if (timingSafeEqual(digest(given), expected)) return true;
    options.logger.warn('refused an Azure ML event with a wrong secret', { remoteAddress: req.socket.remoteAddress });
    res.send(401, { error: 'unauthorized' });
    return false;
  };

  server.opts(`${AZUREML_EVENTS_PREFIX}:secret`, async (req, res) => {
    if (!authorized(req, res)) return;
    const origin = req.header('WebHook-Request-Origin');
    if (!origin || !ORIGIN.test(origin)) {
      res.send(400, { error: 'expected a WebHook-Request-Origin header' });
      return;
    }
    res.header('Allow', 'POST, OPTIONS');
    res.header('WebHook-Allowed-Origin', origin);
    res.header('WebHook-Allowed-Rate', '*');
    res.send(200);
  });

  server.post(`${AZUREML_EVENTS_PREFIX}:secret`, async (req, res) => {
    if (!authorized(req, res)) return;
    const contentType = req.headers['content-type'] ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      res.send(415, { error: 'expected a JSON body' });
      return;
    }
    const raw = await readRawBody(req, MAX_BODY_BYTES);
    if (!raw) {
      res.send(413, { error: `the body is larger than ${MAX_BODY_BYTES} bytes` });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      res.send(400, { error: 'the body is not valid JSON' });
      return;
    }
    const receiver = await options.receiver();
    if (!receiver) {
      res.send(503, { error: 'starting up' });
      return;
    }
    try {
      const outcome = await options.track(receiver.receive(body, req.header('aeg-event-type') === 'SubscriptionValidation'));
      if (outcome.kind === 'validation') res.send(200, { validationResponse: outcome.validationCode });
      else if (outcome.kind === 'malformed') res.send(400, { error: outcome.reason });
      else res.send(200, { posted: outcome.posted, ignored: outcome.ignored, replayed: outcome.replayed });
    } catch (error) {
      options.logger.error('could not handle an Azure ML event', { error });
      res.send(500, { error: 'could not handle the event' });
    }
  });
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
