import { InlineReply } from '../InlineReply.js';
import { activityFromEvent, activityFromInteraction, activityFromSlashCommand } from '../slackActivities.js';
import type { SlackResponse } from '../SlackApi.js';
import type { EventEnvelope, Interaction, Parsed, SlashCommand } from '../slackPayloads.js';
import { runInBackground, type SlackApp, type SlackRouteContext } from './SlackRoutes.js';

/**
 * What labmate answers Slack, whichever receiver took the payload: the HTTP routes write it as the response (status
 * and JSON body), the Socket Mode receiver as the acknowledgement's payload (`ok: false` is acknowledged all the same,
 * logged, and Slack is told nothing more). `sent()` is called once it is written, so later messages cannot overtake it.
 */
export interface SlackAnswer {
  status: 200 | 400 | 503;
  /** The slash command's first message or "working on it"; url_verification's challenge. */
  body?: SlackResponse | { challenge: string } | { error: string };
  retryAfterSeconds?: number;
  sent?: () => void;
}

/**
 * A slash command. Slack wants an answer within 3 s: when the turn's first message is ready within `inlineAnswerMs`
 * it is the answer itself (saving one of the response_url's five uses); otherwise a short "working on it", and the
 * messages follow through the response_url.
 */
export async function answerSlashCommand(context: SlackRouteContext, app: SlackApp, command: Parsed<SlashCommand>): Promise<SlackAnswer> {
  if (!command.ok) return { status: 400, body: { error: command.message } };
  const inline = new InlineReply();
  // Every command gets the window, however many turns run or wait: most answers (help, an analysis) take
  // milliseconds even behind others, and one message in the answer beats "Working on it" and a second post.
  if (context.inlineAnswerMs <= 0) inline.close('working');
  const timer = setTimeout(() => inline.close('working'), context.inlineAnswerMs);
  const turn = runInBackground(context, app.adapter, activityFromSlashCommand(command.value, app.apiUrl), inline);
  if (!turn) {
    clearTimeout(timer);
    return { status: 200, body: { response_type: 'ephemeral', text: 'labmate is very busy right now; please try again in a minute.' } };
  }
  void turn.finally(() => {
    clearTimeout(timer);
    inline.close('nothing');
  });
  const ack = await inline.acknowledgement;
  clearTimeout(timer);
  const sent = () => inline.answered();
  if (ack.kind === 'answer') return { status: 200, body: ack.response, sent };
  if (ack.kind === 'working') return { status: 200, body: { response_type: 'ephemeral', text: '⏳ Working on it…' }, sent };
  return { status: 200, sent };
}

/** @mentions and direct messages. Answered at once; an event Slack redelivers (same event_id, any socket or instance) runs once. */
export async function answerEvent(context: SlackRouteContext, app: SlackApp, envelope: Parsed<EventEnvelope>, retry: { num?: string; reason?: string } = {}): Promise<SlackAnswer> {
  if (!envelope.ok) return { status: 400, body: { error: envelope.message } };
  if (envelope.value.type === 'url_verification') return { status: 200, body: { challenge: envelope.value.challenge } };
  if (envelope.value.type !== 'event_callback') return { status: 200 };
  const { eventId } = envelope.value;
  if (!(await context.events.firstTime(eventId))) {
    context.receiver.logger.info('ignored a repeated Slack event', { eventId, retry: retry.num, reason: retry.reason });
    return { status: 200 };
  }
  const activity = activityFromEvent(envelope.value, app.apiUrl);
  if (activity && !runInBackground(context, app.adapter, activity)) {
    await context.events.forget(eventId); // the redelivery Slack sends after this 503 must run
    return { status: 503, body: { error: 'labmate is busy' }, retryAfterSeconds: 30 };
  }
  return { status: 200 };
}

/** A button press, run as the command its value names. */
export function answerInteraction(context: SlackRouteContext, app: SlackApp, interaction: Parsed<Interaction | { type: 'other'; kind: string }>): SlackAnswer {
  if (!interaction.ok) return { status: 400, body: { error: interaction.message } };
  const activity = interaction.value.type === 'block_actions' ? activityFromInteraction(interaction.value, app.apiUrl) : undefined;
  if (activity && !runInBackground(context, app.adapter, activity)) return { status: 503, body: { error: 'labmate is busy' } };
  return { status: 200 };
}
