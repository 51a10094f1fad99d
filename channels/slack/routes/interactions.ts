import type restify from 'restify';
import { activityFromInteraction } from '../slackActivities.js';
import { parseInteraction } from '../slackPayloads.js';
import { runInBackground, verifiedRoute, type SlackRouteContext } from './SlackRoutes.js';

/** POST /api/slack/interactions: a button press, run as the command its value names. */
export function mountInteractions(server: restify.Server, context: SlackRouteContext): void {
  verifiedRoute(server, '/api/slack/interactions', context, async (raw, _req, res, app) => {
    const interaction = parseInteraction(raw);
    if (!interaction.ok) return void res.send(400, { error: interaction.message });
    const activity = interaction.value.type === 'block_actions' ? activityFromInteraction(interaction.value, app.apiUrl) : undefined;
    if (activity && !runInBackground(context, app.adapter, activity)) return void res.send(503, { error: 'labmate is busy' });
    res.send(200);
  });
}
