import type restify from 'restify';
import { parseInteraction } from '../slackPayloads.js';
import { answerInteraction } from './handlers.js';
import { sendAnswer, verifiedRoute, type SlackRouteContext } from './SlackRoutes.js';

/** POST /api/slack/interactions: a button press (answerInteraction). */
export function mountInteractions(server: restify.Server, context: SlackRouteContext): void {
  verifiedRoute(server, '/api/slack/interactions', context, async (raw, _req, res, app) => {
    sendAnswer(res, answerInteraction(context, app, parseInteraction(raw)));
  });
}
