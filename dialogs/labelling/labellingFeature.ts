import type { Notifier } from '../Turn.js';
import type { Logger } from '../../logging/logger.js';
import type { TrainingProject } from '../../services/labelling/TrainingProject.js';
import type { Telemetry } from '../../services/telemetry/Telemetry.js';
import { LabelImages } from '../../state/LabelImages.js';
import { PendingConfirmations } from '../../state/PendingConfirmations.js';
import type { PublishedModel } from '../../state/PublishedModel.js';
import type { StateStore } from '../../state/StateStore.js';
import { TrainingRuns } from '../../state/TrainingRuns.js';
import { TrainingRunner } from './background/TrainingRunner.js';
import type { BackgroundTracker } from '../vm/background/VmOperationRunner.js';
import type { FlowStarter, Labelling, PublishSubject } from './Labelling.js';

export interface LabellingFeatureOptions {
  project: TrainingProject;
  published: PublishedModel;
  /** Starts Other…'s flow (the bot's dialog stack, bots/ConversationFlows.ts). */
  flows: FlowStarter;
  /** Whether labmate classifies with Custom Vision's published iteration (else a local ONNX export). */
  classifiesWithPublished: boolean;
  state: StateStore;
  notifier: Notifier;
  background: BackgroundTracker;
  logger: Logger;
  shutdown: AbortSignal;
  /** How often a training run is polled (default 15 s). */
  pollIntervalMs?: number;
  telemetry?: Telemetry;
}

/** Labelling, training and publishing: what their commands use, and the runs to resume at start. */
export interface LabellingFeature {
  labelling: Labelling;
  /** Resumes the training runs nobody reported (after a restart, or another instance's). */
  start(): void;
}

/** The labelling feature wired once from its dependencies. */
export function createLabellingFeature(options: LabellingFeatureOptions): LabellingFeature {
  const { project, state, logger, background } = options;
  const training = new TrainingRunner({
    project,
    runs: new TrainingRuns(state),
    published: options.published,
    notifier: options.notifier,
    background,
    logger,
    shutdown: options.shutdown,
    pollIntervalMs: options.pollIntervalMs,
    telemetry: options.telemetry,
  });
  const labelling: Labelling = {
    project,
    images: new LabelImages(state),
    training,
    published: options.published,
    publishConfirmations: new PendingConfirmations<PublishSubject>(state, undefined, undefined, 'publish-confirmations'),
    flows: options.flows,
    classifiesWithPublished: options.classifiesWithPublished,
  };
  return {
    labelling,
    start: () => {
      if (project.trains) void background.track(training.resume().catch((error: unknown) => logger.error('could not resume training runs', { error })));
    },
  };
}
