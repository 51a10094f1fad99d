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
import { AutoTranslation } from './bots/autoTranslate.js';
import { CommandAuthorizer } from './bots/authorization.js';
import { LabmateBot } from './bots/LabmateBot.js';
import { adapterNotifier, type ConversationNotifier } from './bots/proactive.js';
import { byName, RouteTable } from './bots/commandRouter.js';
import { helpView } from './bots/helpContent.js';
import { createTurnErrorHandler } from './bots/turnErrors.js';
import { ANALYSIS_COMMANDS, AnalyzeTextDialog, ANALYZE_TEXT_DIALOG } from './dialogs/AnalyzeTextDialog.js';
import { CLASSIFY_COMMAND, CLASSIFY_IMAGE_DIALOG, ClassifyImageDialog } from './dialogs/ClassifyImageDialog.js';
import { HELP_DIALOG, HelpDialog } from './dialogs/HelpDialog.js';
import { MainDialog } from './dialogs/MainDialog.js';
import { TRANSLATE_DIALOG, TranslateDialog } from './dialogs/TranslateDialog.js';
import { PendingConfirmations } from './dialogs/vm/PendingConfirmations.js';
import { VmOperations } from './dialogs/vm/VmOperations.js';
import { VM_DIALOG, VmDialog } from './dialogs/VmDialog.js';
import { createJsonLogger, type Logger } from './logging/logger.js';
import { createServer } from './server/createServer.js';
import { createSlackApi } from './channels/slack/SlackApi.js';
import { SlackAdapter } from './channels/slack/SlackAdapter.js';
import { SlackMrkdwnMiddleware } from './channels/slack/SlackMrkdwnMiddleware.js';
import { RecentIds } from './channels/RecentIds.js';
import { ResponseUrls } from './channels/slack/ResponseUrls.js';
import { registerSlackRoutes } from './server/slackRoutes.js';
import { InFlight } from './server/InFlight.js';
import type { ComputeManager } from './services/compute/ComputeManager.js';
import { createComputeManager, type ComputeManagerOverrides } from './services/compute/createComputeManager.js';
import { createTextAnalyzer } from './services/textAnalytics/createTextAnalyzer.js';
import type { TextAnalyzer } from './services/textAnalytics/TextAnalyzer.js';
import { createTranslator } from './services/translator/createTranslator.js';
import type { Translator } from './services/translator/Translator.js';
import { AttachmentImages } from './channels/attachments/AttachmentImages.js';
import { createImageClassifier } from './services/imageClassifier/createImageClassifier.js';
import type { ImageClassifier } from './services/imageClassifier/ImageClassifier.js';

export interface AppOverrides {
  logger?: Logger;
  /** Azure credential, poll interval and client options for the training-VM backend (tests, benchmarks). */
  compute?: ComputeManagerOverrides;
  /** How long a slash command waits to put its answer in the HTTP answer; 0: never (always "working on it"). */
  slackInlineAnswerMs?: number;
}

export interface Services {
  textAnalyzer: TextAnalyzer;
  translator: Translator;
  imageClassifier: ImageClassifier;
  /** Undefined when training VMs are not configured. */
  compute?: ComputeManager;
}

/** What the bot needs from the composition root beyond the services. */
interface BotContext {
  conversationState: ConversationState;
  notifier: ConversationNotifier;
  inFlight: InFlight;
  logger: Logger;
  config: Config;
  /** Aborted when shutdown gives up waiting for background operations. */
  shutdown: AbortSignal;
  /** Downloads posted images under the attachment rules. */
  images: AttachmentImages;
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
  const shutdown = new AbortController();

  const slackAdapter = config.slack
    ? new SlackAdapter({ api: createSlackApi(config.slack), responseUrls: new ResponseUrls(), logger })
    : undefined;
  const notifier = adapterNotifier(config.bot.appId, { botFramework: adapter, slackApp: slackAdapter, slackApiUrl: config.slack?.apiUrl });

  let bot: LabmateBot | undefined;
  const ready = createServices(config, overrides).then((services) => {
    const images = new AttachmentImages(config.imageClassifier.attachments, config.slack?.botToken);
    bot = createBot(services, { conversationState, notifier, inFlight, logger, config, shutdown: shutdown.signal, images });
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
      // Background VM operations still polling stop here; Azure finishes them, the bot no longer reports them.
      shutdown.abort();
      server.server.closeAllConnections();
      await closed;
      const services = await ready.catch(() => undefined);
      await Promise.all([services?.translator.close?.(), services?.textAnalyzer.close?.()]);
    },
  };
}

async function createServices(config: Config, overrides: AppOverrides): Promise<Services> {
  const [textAnalyzer, translator, imageClassifier] = await Promise.all([
    createTextAnalyzer(config.textAnalytics),
    createTranslator(config.translator),
    createImageClassifier(config.imageClassifier),
  ]);
  return { textAnalyzer, translator, imageClassifier, compute: createComputeManager(config.compute, overrides.compute) };
}

function createBot(services: Services, { conversationState, notifier, inFlight, logger, config, shutdown, images }: BotContext): LabmateBot {
  const routes = new RouteTable(
    [
      byName(HELP_DIALOG, 'help', 'unknown'),
      byName(ANALYZE_TEXT_DIALOG, ...ANALYSIS_COMMANDS),
      byName(TRANSLATE_DIALOG, 'translate'),
      byName(VM_DIALOG, 'vm'),
      byName(CLASSIFY_IMAGE_DIALOG, CLASSIFY_COMMAND),
    ],
    HELP_DIALOG,
  );
  const backends = [
    `Text analysis: ${services.textAnalyzer.backendName}`,
    `Translation: ${services.translator.backendName}`,
    `Images: ${services.imageClassifier.configured ? `${services.imageClassifier.modelName} (${services.imageClassifier.backendName})` : 'not set up'}`,
  ];
  if (services.compute) backends.push(`Training VMs: ${services.compute.backendName}`);
  const autoTranslation = new AutoTranslation(conversationState, services.translator, logger);
  const operations = services.compute && new VmOperations(services.compute, notifier, inFlight, logger, shutdown);
  const mainDialog = new MainDialog(routes, [
    new HelpDialog(helpView('What labmate can do', 'Type a command, or just paste text to analyse it.', backends)),
    new AnalyzeTextDialog(services.textAnalyzer),
    new TranslateDialog(services.translator, autoTranslation),
    new VmDialog({ compute: services.compute, operations, confirmations: new PendingConfirmations(), logger }),
    new ClassifyImageDialog(services.imageClassifier, images),
  ]);
  const welcome = helpView(
    'Hi, I am labmate',
    'I analyse and translate text for your team: language, sentiment, entities, key phrases, personal data and translations. Type a command, or paste any text.',
    backends,
  );
  return new LabmateBot({
    conversationState,
    mainDialog,
    welcome,
    autoTranslation,
    authorizer: new CommandAuthorizer(config.vmOperators, logger),
    recentActivities: new RecentIds(10 * 60_000, 10_000),
    logger,
  });
}
