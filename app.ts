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
import { CLASSIFY_COMMAND, CLASSIFY_IMAGE_DIALOG, ClassifyImageDialog } from './dialogs/ClassifyImageDialog.js';
import { HELP_DIALOG, HelpDialog } from './dialogs/HelpDialog.js';
import { MainDialog } from './dialogs/MainDialog.js';
import { createJsonLogger, type Logger } from './logging/logger.js';
import { createServer } from './server/createServer.js';
import { InFlight } from './server/InFlight.js';
import { createTextAnalyzer } from './services/textAnalytics/createTextAnalyzer.js';
import type { TextAnalyzer } from './services/textAnalytics/TextAnalyzer.js';
import { AttachmentImages } from './channels/attachments/AttachmentImages.js';
import { createImageClassifier } from './services/imageClassifier/createImageClassifier.js';
import type { ImageClassifier } from './services/imageClassifier/ImageClassifier.js';

export interface AppOverrides {
  logger?: Logger;
}

export interface Services {
  textAnalyzer: TextAnalyzer;
  imageClassifier: ImageClassifier;
}

export interface App {
  server: restify.Server;
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
    bot = createBot(services, conversationState, new AttachmentImages(config.imageClassifier.attachments, config.slack?.botToken));
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

  return {
    server,
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
  const [textAnalyzer, imageClassifier] = await Promise.all([
    createTextAnalyzer(config.textAnalytics),
    createImageClassifier(config.imageClassifier),
  ]);
  return { textAnalyzer, imageClassifier };
}

function createBot(services: Services, conversationState: ConversationState, images: AttachmentImages): LabmateBot {
  const routes = new RouteTable(
    [
      byName(HELP_DIALOG, 'help', 'unknown'),
      byName(ANALYZE_TEXT_DIALOG, ...ANALYSIS_COMMANDS),
      byName(CLASSIFY_IMAGE_DIALOG, CLASSIFY_COMMAND),
    ],
    HELP_DIALOG,
  );
  const backends = [
    `Text analysis: ${services.textAnalyzer.backendName}`,
    `Images: ${services.imageClassifier.configured ? `${services.imageClassifier.modelName} (${services.imageClassifier.backendName})` : 'not set up'}`,
  ];
  const mainDialog = new MainDialog(routes, [
    new HelpDialog(helpView('What labmate can do', 'Type a command, or just paste text to analyse it.', backends)),
    new AnalyzeTextDialog(services.textAnalyzer),
    new ClassifyImageDialog(services.imageClassifier, images),
  ]);
  const welcome = helpView(
    'Hi, I am labmate',
    'I analyse text for your team: language, sentiment, entities, key phrases and personal data. Type a command, or paste any text.',
    backends,
  );
  return new LabmateBot({ conversationState, mainDialog, welcome });
}
