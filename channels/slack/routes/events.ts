import type restify from 'restify';
import { activityFromEvent } from '../slackActivities.js';
import { parseEventEnvelope } from '../slackPayloads.js';
import { header, runInBackground, verifiedRoute, type SlackRouteContext } from './SlackRoutes.js';

/**
 * POST /api/slack/events: the URL check, @mentions and direct messages. Acknowledged at once; an event Slack
 * retries (same event_id) runs once.
 */
export function mountEvents(server: restify.Server, context: SlackRouteContext): void {
  const { logger } = context.receiver;
  verifiedRoute(server, '/api/slack/events', context, async (raw, req, res, app) => {
    const envelope = parseEventEnvelope(raw);
    if (!envelope.ok) return void res.send(400, { error: envelope.message });
    if (envelope.value.type === 'url_verification') return void res.send(200, { challenge: envelope.value.challenge });
    if (envelope.value.type !== 'event_callback') return void res.send(200);
    const { eventId } = envelope.value;
    if (!(await context.events.firstTime(eventId))) {
      logger.info('ignored a repeated Slack event', { eventId, retry: header(req, 'x-slack-retry-num'), reason: header(req, 'x-slack-retry-reason') });
      return void res.send(200);
    }
    const activity = activityFromEvent(envelope.value, app.apiUrl);
    if (activity && !runInBackground(context, app.adapter, activity)) {
      await context.events.forget(eventId); // the redelivery Slack sends after this 503 must run
      res.header('Retry-After', '30');
      return void res.send(503, { error: 'labmate is busy' });
    }
    res.send(200);
  });
}
