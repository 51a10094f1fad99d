import type { CloudAdapter } from 'botbuilder';
import type restify from 'restify';
import { readJsonObject } from '../../server/readJsonBody.js';
import type { TurnReceiver } from '../Channel.js';

/** Bot Framework activities are small; anything bigger is refused before it is parsed. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * POST /api/messages: what the Bot Connector (Teams, Web Chat, Azure Bot Service's other channels) and the Emulator
 * send. The body is read under a size limit and checked before botbuilder sees it; CloudAdapter checks the token
 * (when MicrosoftAppId is set) and runs the turn.
 */
export function mountMessagesRoute(server: restify.Server, adapter: CloudAdapter, receiver: TurnReceiver): void {
  server.post('/api/messages', async (req, res) => {
    const body = await readJsonObject(req, MAX_ACTIVITY_BYTES);
    if (!body.ok) {
      res.send(body.status, { error: body.message });
      return;
    }
    if (typeof body.value.type !== 'string' || body.value.type === '') {
      res.send(400, { error: 'the activity has no type' });
      return;
    }
    // A message that arrives while the backends load waits for them (bounded) rather than being refused.
    if (!(await receiver.ready())) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'labmate is starting; try again in a few seconds' });
      return;
    }
    req.body = body.value;
    try {
      await receiver.track(adapter.process(req, res, (context) => receiver.run(context)));
    } catch (error) {
      // adapter.process answers auth and turn failures itself; this is a failure to answer at all.
      receiver.logger.error('could not process an activity', { activityId: body.value.id, error });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });
}
