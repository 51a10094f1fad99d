import type restify from 'restify';
import { parseSlashCommand } from '../slackPayloads.js';
import { answerSlashCommand } from './handlers.js';
import { sendAnswer, verifiedRoute, type SlackRouteContext } from './SlackRoutes.js';

/** POST /api/slack/commands: `/labmate <command>`, answered as answerSlashCommand says, in the HTTP answer. */
export function mountSlashCommands(server: restify.Server, context: SlackRouteContext): void {
  verifiedRoute(server, '/api/slack/commands', context, async (raw, _req, res, app) => {
    sendAnswer(res, await answerSlashCommand(context, app, parseSlashCommand(raw)));
  });
}
