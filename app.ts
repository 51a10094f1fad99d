import type { AddressInfo } from 'node:net';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type restify from 'restify';
import type { Config } from './config/index.js';
import { LabmateBot } from './bots/LabmateBot.js';
import { byName, RouteTable } from './bots/commandRouter.js';
import { helpView } from './bots/helpContent.js';
import { createTurnErrorHandler } from './bots/turnErrors.js';
import { ANALYSIS_COMMANDS, AnalyzeTextDialog, ANALYZE_TEXT_DIALOG } from './dialogs/AnalyzeTextDialog.js';
import { HELP_DIALOG, HelpDialog } from './dialogs/HelpDialog.js';
import { MainDialog } from './dialogs/MainDialog.js';
import { createJsonLogger, type Logger } from './logging/logger.js';
import { createServer } from './server/createServer.js';
import { createSlackApi } from './channels/slack/SlackApi.js';
import { SlackAdapter } from './channels/slack/SlackAdapter.js';
import { SlackMrkdwnMiddleware } from './channels/slack/SlackMrkdwnMiddleware.js';
import { ResponseUrls } from './channels/slack/ResponseUrls.js';
import { registerSlackRoutes } from './server/slackRoutes.js';
import { InFlight } from './server/InFlight.js';
import { createTextAnalyzer } from './services/textAnalytics/createTextAnalyzer.js';
import type { TextAnalyzer } from './services/textAnalytics/TextAnalyzer.js';

export interface AppOverrides {
  logger?: Logger;
  /** How long a slash command waits to put its answer in the HTTP answer; 0: never (always "working on it"). */
  slackInlineAnswerMs?: number;
}

export interface Services {
  textAnalyzer: TextAnalyzer;
}

export interface App {
  server: restify.Server;
  /** The direct Slack app's adapter (proactive messages to Slack go through it); absent without SLACK_SIGNING_SECRET. */
  slackAdapter?: SlackAdapter;
  /** Resolves once every backend has loaded (what /readyz reports). */
  ready: Promise<Services>;
  listen(): Promise<AddressInfo>;
  /** Stops accepting, waits up to `graceMs` for turns in flight, then closes. */
  close(graceMs?: number): Promise<void>;
}

/** The composition root: config -> services -> bot -> server. */
export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? createJsonLogger();
  const inFlight = new InFlight();
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  } satisfies ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  const conversationState = new ConversationState(new MemoryStorage());

  let bot: LabmateBot | undefined;
  const ready = createServices(config).then((services) => {
    bot = createBot(services, conversationState);
    return services;
  });
  // A backend that cannot load leaves /readyz at 503; the reason is in the log.
  ready.catch((error: unknown) => logger.error('a backend failed to load', { error }));

  const server = createServer({
    adapter,
    logger,
    inFlight,
    isReady: () => bot !== undefined,
    runTurn: (context) => (bot as LabmateBot).run(context),
  });
  adapter.onTurnError = createTurnErrorHandler(logger, (context) => conversationState.delete(context));
  adapter.use(new SlackMrkdwnMiddleware());

  const slackAdapter = config.slack
    ? new SlackAdapter({ api: createSlackApi(config.slack), responseUrls: new ResponseUrls(), logger })
    : undefined;
  if (slackAdapter) slackAdapter.onTurnError = adapter.onTurnError;
  registerSlackRoutes(server, {
    slack: config.slack && slackAdapter ? { config: config.slack, adapter: slackAdapter } : undefined,
    runTurn: (context) => (bot as LabmateBot).run(context),
    isReady: () => bot !== undefined,
    logger,
    inFlight,
    inlineAnswerMs: overrides.slackInlineAnswerMs,
  });

  return {
    server,
    slackAdapter,
    ready,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve(server.address() as AddressInfo));
      }),
    close: async (graceMs = 10_000) => {
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      if (!(await inFlight.idle(graceMs))) logger.warn('shutting down with turns still in flight', { count: inFlight.size });
      server.server.closeAllConnections();
      await closed;
    },
  };
}

async function createServices(config: Config): Promise<Services> {
  return { textAnalyzer: await createTextAnalyzer(config.textAnalytics) };
}

function createBot(services: Services, conversationState: ConversationState): LabmateBot {
  const routes = new RouteTable(
    [byName(HELP_DIALOG, 'help', 'unknown'), byName(ANALYZE_TEXT_DIALOG, ...ANALYSIS_COMMANDS)],
    HELP_DIALOG,
  );
  const backends = [`Text analysis: ${services.textAnalyzer.backendName}`];
  const mainDialog = new MainDialog(routes, [
    new HelpDialog(helpView('What labmate can do', 'Type a command, or just paste text to analyse it.', backends)),
    new AnalyzeTextDialog(services.textAnalyzer),
  ]);
  const welcome = helpView(
    'Hi, I am labmate',
    'I analyse text for your team: language, sentiment, entities, key phrases and personal data. Type a command, or paste any text.',
    backends,
  );
  return new LabmateBot({ conversationState, mainDialog, welcome });
}
