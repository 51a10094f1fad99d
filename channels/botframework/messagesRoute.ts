import type { Activity, InvokeResponse } from 'botbuilder';
import type restify from 'restify';
import { readJsonObject } from '../http/readJsonBody.js';
import type { TurnReceiver } from '../Channel.js';
import type { BotFrameworkAdapter } from './BotFrameworkAdapter.js';
import type { TokenGate } from './TokenGate.js';

/** Bot Framework activities are small; anything bigger is refused before it is parsed. */
const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * POST /api/messages: what the Bot Connector (Teams, Web Chat, Azure Bot Service's other channels) and the Emulator
 * send. The body is read under a size limit and checked, the token by the TokenGate (a refusal is 401 with a fixed
 * body and one log line, never the SDK's error text), then the turn runs through the CloudAdapter.
 */
export function mountMessagesRoute(server: restify.Server, adapter: BotFrameworkAdapter, gate: TokenGate, receiver: TurnReceiver): void {
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
    const activity = withDates(body.value);
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const auth = await gate.authenticate(activity, authorization);
    if ('refused' in auth) {
      receiver.logger.warn('refused an activity', { reason: auth.reason, channelId: activity.channelId, activityId: activity.id });
      res.send(401, { error: 'unauthorized' });
      return;
    }
    // A message that arrives while the backends load waits for them (bounded) rather than being refused.
    if (!(await receiver.ready())) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'labmate is starting; try again in a few seconds' });
      return;
    }
    try {
      // An invoke is answered when the turn sends its response, which may be before the turn ends.
      const answer = (response: InvokeResponse | undefined) => {
        if (!res.headersSent) res.send(response?.status ?? 200, response?.body);
      };
      answer(await receiver.track(adapter.processAuthenticated(auth, activity, (context) => receiver.run(context), answer)));
    } catch (error) {
      // Turn failures are answered by the adapter's onTurnError; this is a failure to answer at all.
      receiver.logger.error('could not process an activity', { activityId: activity.id, error });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });
}

/** The activity with its times as dates, as botbuilder's own request handling makes them. */
function withDates(body: Record<string, unknown>): Activity {
  const activity = body as unknown as Activity & Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity;
}
