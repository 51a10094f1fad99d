import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import { NOTICE_ROUTE_PREFIX } from '../dialogs/vm/CostGuard.js';
import type { NoticeOutcome, ShutdownNoticeReceiver } from '../dialogs/vm/background/ShutdownNoticeReceiver.js';
import type { Logger } from '../logging/logger.js';
import { readJsonObject } from '../channels/http/readJsonBody.js';

interface ShutdownNoticesRouteOptions {
  /** VM_NOTICE_SECRET: the notification carries no signature, so its URL carries this. */
  secret: string;
  /** The receiver, once the bot is ready; undefined when it did not get ready in time. */
  receiver(): Promise<ShutdownNoticeReceiver | undefined>;
  track<T>(work: Promise<T>): Promise<T>;
  logger: Logger;
}

const MAX_BODY_BYTES = 64 * 1024;

const STATUS: Record<NoticeOutcome, number> = {
  posted: 200,
  // Already handled: 200, so Azure does not send it again.
  replayed: 200,
  'nowhere-to-post': 202,
  malformed: 400,
  'not-ours': 403,
};

/**
 * `POST /api/notices/autoshutdown/<secret>`: Azure's auto-shutdown webhook. Not a chat channel: no activity, no
 * turn. Without the right secret (compared in constant time) it answers 401 and reads nothing more.
 */
export function mountShutdownNotices(server: restify.Server, options: ShutdownNoticesRouteOptions): void {
  const expected = digest(options.secret);
  server.post(`${NOTICE_ROUTE_PREFIX}:secret`, async (req, res) => {
    const given = typeof req.params?.secret === 'string' ? req.params.secret : '';
    if (!timingSafeEqual(digest(given), expected)) {
      options.logger.warn('refused a shutdown notice with a wrong secret', { remoteAddress: req.socket.remoteAddress });
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const body = await readJsonObject(req, MAX_BODY_BYTES);
    if (!body.ok) {
      res.send(body.status, { error: body.message });
      return;
    }
    const receiver = await options.receiver();
    if (!receiver) {
      res.send(503, { error: 'starting up' });
      return;
    }
    try {
      const outcome = await options.track(receiver.receive(body.value));
      res.send(STATUS[outcome], { outcome });
    } catch (error) {
      options.logger.error('could not handle a shutdown notice', { error });
      res.send(500, { error: 'could not handle the notice' });
    }
  });
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
