import { NULL_TELEMETRY, type Telemetry } from '../../services/telemetry/Telemetry.js';
import { traced } from '../../services/telemetry/traced.js';
import type { CloudAdapter } from 'botbuilder';
import type { SlackConfig } from '../../config/index.js';
import type { Logger } from '../../logging/logger.js';
import { RecentIds } from '../../state/RecentIds.js';
import type { StateStore } from '../../state/StateStore.js';
import type { ChannelRegistration } from '../Channel.js';
import { ResponseUrls } from './ResponseUrls.js';
import { SlackAdapter } from './SlackAdapter.js';
import { createSlackApi } from './SlackApi.js';
import { botServiceSlackChannel, slackAppChannel } from './slackChannels.js';
import { TurnQueue } from './TurnQueue.js';
import { mountSlashCommands } from './routes/commands.js';
import { mountEvents } from './routes/events.js';
import { mountInteractions } from './routes/interactions.js';
import { SocketModeReceiver } from './SocketModeReceiver.js';

/** A slash command whose answer is ready within this time gets it in the HTTP answer; Slack allows 3 s in all. */
const INLINE_ANSWER_MS = 150;

interface SlackOptions {
  config: SlackConfig;
  /** Azure Bot Service's Slack channel comes through /api/messages and is continued through its adapter. */
  botFramework: { adapter: CloudAdapter };
  logger: Logger;
  /** Where retried event ids are claimed. */
  state: StateStore;
  /** One call to Slack's Web API or a response_url. */
  timeoutMs: number;
  /** Each call to Slack's Web API or a response_url a client span, counted (telemetry on). */
  telemetry?: Telemetry;
  /** How long a slash command waits to put its answer in the HTTP answer; 0: never (always "working on it"). */
  inlineAnswerMs?: number;
  /** Socket Mode's reconnect step (and ping timeout); the library's 5 s by default. */
  socketReconnectMs?: number;
}

export interface SlackRegistration extends ChannelRegistration {
  /** False while Socket Mode is configured and its socket is not connected (what /readyz adds); true otherwise. */
  connected(): boolean;
  /** Closes the Socket Mode connection, if any. */
  stop(): Promise<void>;
}

/**
 * Slack, every way in: the direct Slack app at /api/slack/* (with SLACK_SIGNING_SECRET) and over Socket Mode (with
 * SLACK_APP_TOKEN), both through the same handlers, and Azure Bot Service's Slack channel.
 */
export function slack({ config, botFramework, logger, state, timeoutMs, inlineAnswerMs = INLINE_ANSWER_MS, socketReconnectMs, telemetry = NULL_TELEMETRY }: SlackOptions): SlackRegistration {
  const appAdapter = config.app
    ? new SlackAdapter({ api: traced('slack', createSlackApi({ apiUrl: config.app.apiUrl, botToken: config.botToken, timeoutMs, logger }), telemetry), responseUrls: new ResponseUrls(), logger })
    : undefined;
  const channels = [botServiceSlackChannel(botFramework.adapter, config)];
  if (appAdapter) channels.unshift(slackAppChannel(appAdapter, config));
  let socket: SocketModeReceiver | undefined;
  return {
    channels,
    connected: () => !config.app?.appToken || socket?.isConnected() === true,
    stop: async () => socket?.stop(),
    mount: (server, receiver) => {
      const context = {
        app: config.app && appAdapter ? { ...config.app, adapter: appAdapter } : undefined,
        receiver,
        turns: new TurnQueue(),
        events: new RecentIds(state, 'slack-events/'),
        inlineAnswerMs,
        nowSeconds: () => Math.floor(Date.now() / 1000),
      };
      mountSlashCommands(server, context);
      mountEvents(server, context);
      mountInteractions(server, context);
      if (config.app?.appToken && context.app) {
        socket = new SocketModeReceiver({ appToken: config.app.appToken, apiUrl: config.app.apiUrl, app: context.app, context, logger, reconnectDelayMs: socketReconnectMs });
        socket.start().catch((error: unknown) => logger.error('slack socket mode could not start', { error }));
      }
    },
  };
}
