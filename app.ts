import type { AddressInfo } from 'node:net';
import type { Storage, TurnContext } from 'botbuilder';
import type restify from 'restify';
import { AutoTranslation } from './bots/AutoTranslation.js';
import { CommandAuthorizer } from './bots/authorization.js';
import { createBotStorage } from './bots/botStorage.js';
import { ConversationFlows } from './bots/ConversationFlows.js';
import { Dispatcher } from './bots/Dispatcher.js';
import { LabmateBot } from './bots/LabmateBot.js';
import type { TurnServices } from './bots/BotTurn.js';
import { ChannelNotifier } from './bots/ChannelNotifier.js';
import { createTurnErrorHandler } from './bots/turnErrors.js';
import { AttachmentImages } from './channels/attachments/AttachmentImages.js';
import { botFramework, type OpenIdMetadataUrls } from './channels/botframework/index.js';
import { ChannelRegistry, type TurnReceiver } from './channels/Channel.js';
import { slack } from './channels/slack/index.js';
import { teamsChannel } from './channels/teams/TeamsChannel.js';
import { tryout } from './channels/tryout/index.js';
import type { Capabilities } from './dialogs/Capabilities.js';
import type { AnyCommand } from './dialogs/Command.js';
import { COMMANDS, createCommandTable } from './dialogs/index.js';
import type { Config } from './config/index.js';
import { createLabellingFeature } from './dialogs/labelling/labellingFeature.js';
import { createVmFeature, type VmFeature } from './dialogs/vm/vmFeature.js';
import { createJobsFeature, type JobsRuntime } from './dialogs/jobs/background/createJobsFeature.js';
import { mountAzureMlEvents } from './server/azureMlEventsRoute.js';
import { createMachineLearningJobs, type MachineLearningJobsOverrides } from './services/machineLearning/createMachineLearningJobs.js';
import type { MachineLearningJobs } from './services/machineLearning/MachineLearningJobs.js';
import { createJsonLogger, type Logger } from './logging/logger.js';
import { createServer } from './server/createServer.js';
import { InFlight } from './server/InFlight.js';
import { mountShutdownNotices } from './server/shutdownNoticesRoute.js';
import type { ComputeManager } from './services/compute/ComputeManager.js';
import { createComputeManager, type ComputeManagerOverrides } from './services/compute/createComputeManager.js';
import { createCostServices, type CostServices, type CostServicesOverrides } from './services/costs/createCostServices.js';
import { createImageClassifier } from './services/imageClassifier/createImageClassifier.js';
import type { ImageClassifier } from './services/imageClassifier/ImageClassifier.js';
import { createTrainingProject } from './services/labelling/createTrainingProject.js';
import type { TrainingProject } from './services/labelling/TrainingProject.js';
import { createTextAnalyzer } from './services/textAnalytics/createTextAnalyzer.js';
import type { TextAnalyzer } from './services/textAnalytics/TextAnalyzer.js';
import { createTranslator } from './services/translator/createTranslator.js';
import type { Translator } from './services/translator/Translator.js';
import { warmUpInBackground } from './services/translator/warmUpInBackground.js';
import { NULL_TELEMETRY, type Telemetry } from './services/telemetry/Telemetry.js';
import { traced } from './services/telemetry/traced.js';
import { ConversationSettingsStore } from './state/ConversationSettingsStore.js';
import { createStateStore, type StateStoreOverrides } from './state/createStateStore.js';
import { stateStoreLoaded } from './state/LoadingStateStore.js';
import { PendingConfirmations } from './state/PendingConfirmations.js';
import { PublishedModel } from './state/PublishedModel.js';
import type { StateStore } from './state/StateStore.js';

export interface AppOverrides {
  logger?: Logger;
  /** Azure credential, poll interval and client options for the training-VM backend (tests, benchmarks). */
  compute?: ComputeManagerOverrides;
  /** How long a slash command waits to put its answer in the HTTP answer; 0: never (always "working on it"). */
  slackInlineAnswerMs?: number;
  /** Socket Mode reconnect step and ping timeout (ms); the library default (5 s) when absent. */
  slackSocketReconnectMs?: number;
  /** Credential and client options for auto-stop schedules and metrics, and how often idle VMs are looked for (tests). */
  costs?: CostServicesOverrides & { idleCheckMs?: number };
  /** The command table's rows (default: every command labmate has). */
  commands?: readonly AnyCommand[];
  /** How long a turn that arrives while the backends load waits for them. */
  readyWaitMs?: number;
  /** Where the Bot Framework publishes its signing keys (tests: a local server). */
  openIdMetadata?: OpenIdMetadataUrls;
  /** A store to keep state in instead of the configured one (tests: a store whose clock they move). */
  stateStore?: StateStore;
  /** Shared state: storage credential and retries, how long an instance holds a VM operation, how often it looks for abandoned ones. */
  state?: StateStoreOverrides & { leaseMs?: number; recoveryIntervalMs?: number };
  /** How often a training run is polled (tests: milliseconds). */
  trainingPollIntervalMs?: number;
  /** How long Other… waits for the typed tag (default 10 minutes). */
  flowTtlMs?: number;
  /** Traces and metrics (index.ts starts them before importing this module); default: off. */
  telemetry?: Telemetry;
  /** Azure ML jobs: credential, cancel poll interval, how often job ends are polled (tests: milliseconds). */
  machineLearning?: MachineLearningJobsOverrides & { jobEndPollMs?: number };
}

interface Services {
  textAnalyzer: TextAnalyzer;
  translator: Translator;
  imageClassifier: ImageClassifier;
  compute: ComputeManager;
  costs: CostServices;
  /** Where labels go: the Custom Vision training project, a local dataset folder, or a null object. */
  trainingProject: TrainingProject;
  /** The Azure ML workspace's jobs, or a null object. */
  machineLearningJobs: MachineLearningJobs;
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

  const telemetry = overrides.telemetry ?? NULL_TELEMETRY;
  const state: StateStore = traced('state', overrides.stateStore ?? createStateStore(config.stateStorage, logger, overrides.state), telemetry);
  const published = publishedModel(config, state);

  const bf = botFramework(config.bot, logger, overrides.openIdMetadata, config.timeouts.channelMs, telemetry);
  const teams = teamsChannel(bf.adapter);
  const slackApp = slack({ config: config.slack, botFramework: bf, logger, state, timeoutMs: config.timeouts.channelMs, inlineAnswerMs: overrides.slackInlineAnswerMs, socketReconnectMs: overrides.slackSocketReconnectMs, telemetry });
  const tryoutPage = tryout({ config: config.tryout, maxImageBytes: config.imageClassifier.attachments.maxBytes });
  const channels = new ChannelRegistry([teams, ...bf.channels, ...slackApp.channels, ...tryoutPage.channels], bf.fallback);

  let bot: LabmateBot | undefined;
  let features: Bot | undefined;
  const ready = Promise.all([
    createServices(config, overrides, logger, published),
    createBotStorage(config.stateStorage, overrides.state?.credential),
    stateStoreLoaded(state),
  ]).then(([services, botStorage]) => {
    const context = { channels, inFlight, logger, state, botStorage, published, shutdown: shutdown.signal, rows: overrides.commands ?? COMMANDS, overrides };
    features = createBot(config, services, context);
    bot = features.bot;
    features.start();
    // After ready, in the background: the first translation then finds its programs running.
    void warmUpInBackground(services.translator, logger, shutdown.signal);
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
  const server = createServer({ isReady: () => bot !== undefined && slackApp.connected(), requestTimeoutMs: config.timeouts.requestMs });
  for (const registration of [bf, slackApp, tryoutPage]) registration.mount(server, receiver);
  if (config.costGuard.noticeSecret) {
    mountShutdownNotices(server, {
      secret: config.costGuard.noticeSecret,
      receiver: async () => ((await receiver.ready()) ? features?.vm.notices : undefined),
      track: (work) => inFlight.track(work),
      logger,
    });
  }

  const onTurnError = createTurnErrorHandler(logger, async (context: TurnContext, document) => {
    if (bot) await bot.replyWith(context, document);
  });
  if (config.machineLearning?.eventsSecret) {
    mountAzureMlEvents(server, {
      secret: config.machineLearning.eventsSecret,
      receiver: async () => ((await receiver.ready()) ? features?.jobs.events : undefined),
      track: (work) => inFlight.track(work),
      logger,
    });
  }
  for (const adapter of channels.adapters()) adapter.onTurnError = onTurnError;

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
      await features?.vm.stop();
      await slackApp.stop();
      await features?.jobs.stop();
      server.server.closeAllConnections();
      await closed;
      const services = await ready.catch(() => undefined);
      await Promise.all([services?.translator.close?.(), services?.textAnalyzer.close?.()]);
    },
  };
}

async function createServices(config: Config, overrides: AppOverrides, logger: Logger, published: PublishedModel): Promise<Services> {
  const { serviceMs, vmOperationMs } = config.timeouts;
  const configuredName = config.imageClassifier.customVision?.publishedName ?? '';
  const [textAnalyzer, translator, imageClassifier, trainingProject, compute, costs, machineLearningJobs] = await Promise.all([
    createTextAnalyzer(config.textAnalytics, serviceMs),
    createTranslator(config.translator, serviceMs),
    createImageClassifier(config.imageClassifier, serviceMs, async () => (await published.current()) ?? configuredName),
    createTrainingProject(config.labelling, serviceMs),
    createComputeManager(config.compute, { requestMs: serviceMs, operationMs: vmOperationMs }, overrides.compute, config.machineLearning),
    createCostServices(config.compute, config.costGuard, logger, serviceMs, overrides.costs, (config.machineLearning?.computeInstances.length ?? 0) > 0),
    createMachineLearningJobs(config.machineLearning, { requestMs: serviceMs, operationMs: vmOperationMs }, overrides.machineLearning),
  ]);
  // Every outside call in a client span, counted and timed by service and result (a null decorator when off).
  const telemetry = overrides.telemetry ?? NULL_TELEMETRY;
  return {
    textAnalyzer: traced('textAnalytics', textAnalyzer, telemetry),
    translator: traced('translator', translator, telemetry),
    imageClassifier: traced('imageClassifier', imageClassifier, telemetry),
    compute: traced('compute', compute, telemetry),
    costs: { schedules: traced('autoShutdown', costs.schedules, telemetry), metrics: traced('vmMetrics', costs.metrics, telemetry), prices: traced('vmPrices', costs.prices, telemetry) },
    trainingProject: traced('training', trainingProject, telemetry),
    machineLearningJobs: traced('machineLearningJobs', machineLearningJobs, telemetry),
  };
}

/** Which published iteration labmate classifies with: the setting, until a `publish` through labmate (state/PublishedModel.ts). */
function publishedModel(config: Config, state: StateStore): PublishedModel {
  const projectId = config.imageClassifier.customVision?.projectId ?? config.labelling.customVision?.projectId;
  return new PublishedModel(state, projectId ? { projectId, publishedName: config.imageClassifier.customVision?.publishedName } : undefined);
}


interface BotContext {
  channels: ChannelRegistry;
  inFlight: InFlight;
  logger: Logger;
  state: StateStore;
  /** botbuilder's own Storage (the Other… flow's dialog state), beside the StateStore. */
  botStorage: Storage;
  published: PublishedModel;
  /** Aborted when shutdown gives up waiting for background operations. */
  shutdown: AbortSignal;
  rows: readonly AnyCommand[];
  overrides: AppOverrides;
}

interface Bot {
  bot: LabmateBot;
  vm: VmFeature;
  jobs: JobsRuntime;
  /** Starts every feature's background work (sweeps, pollers, timers, resumed runs). */
  start(): void;
}

/** The turn's services, the notifier, then each feature from its dependencies, then the dispatch and the bot. */
function createBot(config: Config, services: Services, { channels, inFlight, logger, state, botStorage, published, shutdown, rows, overrides }: BotContext): Bot {
  const commands = createCommandTable(rows);
  const autoTranslation = new AutoTranslation(services.translator, commands, logger);
  const authorizer = new CommandAuthorizer(config.vmOperators, logger);
  const turnServices: TurnServices = {
    settings: new ConversationSettingsStore(state),
    autoTranslation,
    images: new AttachmentImages(config.imageClassifier.attachments),
    channelTimeoutMs: config.timeouts.channelMs,
  };
  const notifier = new ChannelNotifier(channels, turnServices, config.bot.appId);
  const background = { notifier, background: inFlight, logger, shutdown, state, telemetry: overrides.telemetry };

  const vm = createVmFeature({
    ...background,
    compute: services.compute,
    costServices: services.costs,
    computeConfig: config.compute,
    costGuardConfig: config.costGuard,
    leaseMs: overrides.state?.leaseMs,
    recoveryIntervalMs: overrides.state?.recoveryIntervalMs,
    idleCheckMs: overrides.costs?.idleCheckMs,
  });
  // The Other… flow reads the capabilities it is part of; they exist once this function returns. Its dialog (and
  // botbuilder-dialogs) load with the first flow.
  const flows = new ConversationFlows(botStorage, async () => {
    const { OtherTagDialog } = await import('./dialogs/labelling/OtherTagDialog.js');
    return [new OtherTagDialog(() => capabilities, overrides.flowTtlMs)];
  });
  const labelling = createLabellingFeature({
    ...background,
    project: services.trainingProject,
    published,
    flows,
    classifiesWithPublished: config.imageClassifier.customVision !== undefined,
    pollIntervalMs: overrides.trainingPollIntervalMs,
  });
  const jobs = createJobsFeature({ config: config.machineLearning, jobs: services.machineLearningJobs, state, notifier, logger, pollIntervalMs: overrides.machineLearning?.jobEndPollMs });

  const capabilities: Capabilities = {
    ...services,
    costs: vm.costs,
    vmOperations: vm.vmOperations,
    labelling: labelling.labelling,
    jobs: jobs.feature,
    commands,
    confirmations: new PendingConfirmations(state),
    operators: authorizer,
    logger,
  };
  const bot = new LabmateBot({
    ...turnServices,
    dispatcher: new Dispatcher(commands, capabilities, authorizer, autoTranslation, flows, overrides.telemetry),
    capabilities,
    channels,
    logger,
  });
  return {
    bot,
    vm,
    jobs,
    start: () => {
      vm.start();
      labelling.start();
      jobs.start();
    },
  };
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
