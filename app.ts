import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import type restify from 'restify';
import { AutoTranslation } from './bot/AutoTranslation.js';
import { CommandAuthorizer } from './bot/authorization.js';
import { Dispatcher } from './bot/Dispatcher.js';
import { LabmateBot } from './bot/LabmateBot.js';
import { createTurnErrorHandler } from './bot/turnErrors.js';
import { AttachmentImages } from './channels/attachments/AttachmentImages.js';
import { botFramework } from './channels/botframework/index.js';
import { ChannelRegistry, type TurnReceiver } from './channels/Channel.js';
import { slack } from './channels/slack/index.js';
import { teamsChannel } from './channels/teams/TeamsChannel.js';
import { tryout } from './channels/tryout/index.js';
import type { Capabilities } from './commands/Capabilities.js';
import type { AnyCommand } from './commands/Command.js';
import { COMMANDS, createCommandTable } from './commands/commands.js';
import type { Notifier } from './commands/Turn.js';
import type { Config } from './config/index.js';
import { VmOperationRunner } from './handlers/vm/VmOperationRunner.js';
import { createJsonLogger, type Logger } from './logging/logger.js';
import { createServer } from './server/createServer.js';
import { InFlight } from './server/InFlight.js';
import type { ComputeManager } from './services/compute/ComputeManager.js';
import { createComputeManager, type ComputeManagerOverrides } from './services/compute/createComputeManager.js';
import { createImageClassifier } from './services/imageClassifier/createImageClassifier.js';
import type { ImageClassifier } from './services/imageClassifier/ImageClassifier.js';
import { createTextAnalyzer } from './services/textAnalytics/createTextAnalyzer.js';
import type { TextAnalyzer } from './services/textAnalytics/TextAnalyzer.js';
import { createTranslator } from './services/translator/createTranslator.js';
import type { Translator } from './services/translator/Translator.js';
import { ConversationSettingsStore } from './state/ConversationSettingsStore.js';
import { MemoryStateStore } from './state/MemoryStateStore.js';
import { OperationsInFlight } from './state/OperationsInFlight.js';
import { PendingConfirmations } from './state/PendingConfirmations.js';
import { RecentIds } from './state/RecentIds.js';
import type { StateStore } from './state/StateStore.js';

export interface AppOverrides {
  logger?: Logger;
  /** Azure credential, poll interval and client options for the training-VM backend (tests, benchmarks). */
  compute?: ComputeManagerOverrides;
  /** How long a slash command waits to put its answer in the HTTP answer; 0: never (always "working on it"). */
  slackInlineAnswerMs?: number;
  /** The command table's rows (default: every command labmate has). */
  commands?: readonly AnyCommand[];
  /** How long a turn that arrives while the backends load waits for them. */
  readyWaitMs?: number;
}

export interface Services {
  textAnalyzer: TextAnalyzer;
  translator: Translator;
  imageClassifier: ImageClassifier;
  compute: ComputeManager;
}

export interface App {
  server: restify.Server;
  /** Resolves once every backend has loaded (what /readyz reports). */
  ready: Promise<Services>;
  listen(): Promise<AddressInfo>;
  /** Stops accepting, waits up to `graceMs` for turns in flight, then closes. */
  close(graceMs?: number): Promise<void>;
}

/** The composition root: config -> services -> commands -> channels -> server. */
export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? createJsonLogger();
  const inFlight = new InFlight();
  const shutdown = new AbortController();

  const state: StateStore = new MemoryStateStore();

  const bf = botFramework(config.bot);
  const teams = teamsChannel(bf.adapter);
  const slackApp = slack({ config: config.slack, botFramework: bf.adapter, logger, state, inlineAnswerMs: overrides.slackInlineAnswerMs });
  const tryoutPage = tryout({ config: config.tryout, maxImageBytes: config.imageClassifier.attachments.maxBytes });
  const channels = new ChannelRegistry([teams, ...bf.channels, ...slackApp.channels, ...tryoutPage.channels], bf.fallback);

  let bot: LabmateBot | undefined;
  const ready = createServices(config, overrides).then((services) => {
    bot = createBot(config, services, { channels, inFlight, logger, state, shutdown: shutdown.signal, rows: overrides.commands ?? COMMANDS });
    return services;
  });
  // A backend that cannot load leaves /readyz at 503; the reason is in the log.
  ready.catch((error: unknown) => logger.error('a backend failed to load', { error }));

  const readyWaitMs = overrides.readyWaitMs ?? 30_000;
  const receiver: TurnReceiver = {
    run: (context) => (bot as LabmateBot).run(context),
    ready: () => (bot ? Promise.resolve(true) : within(ready, readyWaitMs)),
    track: (work) => inFlight.track(work),
    logger,
  };
  const server = createServer({ isReady: () => bot !== undefined });
  for (const registration of [bf, slackApp, tryoutPage]) registration.mount(server, receiver);

  const onTurnError = createTurnErrorHandler(logger, async (context: TurnContext, document) => {
    if (bot) await bot.replyWith(context, document);
  });
  bf.adapter.onTurnError = onTurnError;
  if (slackApp.appAdapter) slackApp.appAdapter.onTurnError = onTurnError;
  if (tryoutPage.adapter) tryoutPage.adapter.onTurnError = onTurnError;

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
  const [textAnalyzer, translator, imageClassifier, compute] = await Promise.all([
    createTextAnalyzer(config.textAnalytics),
    createTranslator(config.translator),
    createImageClassifier(config.imageClassifier),
    createComputeManager(config.compute, overrides.compute),
  ]);
  return { textAnalyzer, translator, imageClassifier, compute };
}

interface BotContext {
  channels: ChannelRegistry;
  inFlight: InFlight;
  logger: Logger;
  state: StateStore;
  /** Aborted when shutdown gives up waiting for background operations. */
  shutdown: AbortSignal;
  rows: readonly AnyCommand[];
}

function createBot(config: Config, services: Services, { channels, inFlight, logger, state, shutdown, rows }: BotContext): LabmateBot {
  const commands = createCommandTable(rows);
  const settings = new ConversationSettingsStore(state);
  const autoTranslation = new AutoTranslation(services.translator, commands, logger);
  // The bot posts proactively through the channels it was built with; it exists once this function returns.
  const notifier: Notifier = { notify: (conversation, send) => bot.notify(conversation, send) };
  const vmOperations = new VmOperationRunner({ compute: services.compute, inFlight: new OperationsInFlight(state), notifier, background: inFlight, logger, shutdown });
  const capabilities: Capabilities = { ...services, commands, vmOperations, confirmations: new PendingConfirmations(state), logger };
  const bot: LabmateBot = new LabmateBot({
    dispatcher: new Dispatcher(commands, capabilities, new CommandAuthorizer(config.vmOperators, logger), autoTranslation),
    capabilities,
    channels,
    images: new AttachmentImages(config.imageClassifier.attachments),
    recentActivities: new RecentIds(state, 'activities/', 10 * 60_000),
    settings,
    autoTranslation,
    botAppId: config.bot.appId,
    logger,
  });
  return bot;
}

/** True once `promise` resolves within `ms`; false when it rejects or takes longer. */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}
