import type restify from 'restify';
import { parseEventEnvelope } from '../slackPayloads.js';
import { answerEvent } from './handlers.js';
import { header, sendAnswer, verifiedRoute, type SlackRouteContext } from './SlackRoutes.js';

/** POST /api/slack/events: the URL check, @mentions and direct messages (answerEvent). */
export function mountEvents(server: restify.Server, context: SlackRouteContext): void {
  verifiedRoute(server, '/api/slack/events', context, async (raw, req, res, app) => {
    const retry = { num: header(req, 'x-slack-retry-num'), reason: header(req, 'x-slack-retry-reason') };
    sendAnswer(res, await answerEvent(context, app, parseEventEnvelope(raw), retry));
  });
}
