import type restify from 'restify';
import { InlineReply } from '../InlineReply.js';
import { activityFromSlashCommand } from '../slackActivities.js';
import { slackResponseJson } from '../slackJson.js';
import { parseSlashCommand } from '../slackPayloads.js';
import { runInBackground, verifiedRoute, type SlackRouteContext } from './SlackRoutes.js';

/**
 * POST /api/slack/commands: `/labmate <command>`. Slack wants an answer within 3 s: when the turn's first message
 * is ready within `inlineAnswerMs` it is the HTTP answer itself (saving one of the response_url's five uses);
 * otherwise a short "working on it", and the messages follow through the response_url.
 */
export function mountSlashCommands(server: restify.Server, context: SlackRouteContext): void {
  verifiedRoute(server, '/api/slack/commands', context, async (raw, _req, res, app) => {
    const command = parseSlashCommand(raw);
    if (!command.ok) return void res.send(400, { error: command.message });
    const inline = new InlineReply();
    // Every command gets the window, however many turns run or wait: most answers (help, an analysis) take
    // milliseconds even behind others, and one message in the HTTP answer beats "Working on it" and a second post.
    if (context.inlineAnswerMs <= 0) inline.close('working');
    const timer = setTimeout(() => inline.close('working'), context.inlineAnswerMs);
    const turn = runInBackground(context, app.adapter, activityFromSlashCommand(command.value, app.apiUrl), inline);
    if (!turn) {
      clearTimeout(timer);
      return void res.send(200, { response_type: 'ephemeral', text: 'labmate is very busy right now; please try again in a minute.' });
    }
    void turn.finally(() => {
      clearTimeout(timer);
      inline.close('nothing');
    });
    const ack = await inline.acknowledgement;
    clearTimeout(timer);
    if (ack.kind === 'answer') res.sendRaw(200, slackResponseJson(ack.response), { 'content-type': 'application/json; charset=utf-8' });
    else if (ack.kind === 'working') res.send(200, { response_type: 'ephemeral', text: '⏳ Working on it…' });
    else res.send(200);
    inline.answered();
  });
}
