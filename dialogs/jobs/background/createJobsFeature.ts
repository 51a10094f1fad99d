import type { Notifier } from '../../Turn.js';
import type { MachineLearningConfig } from '../../../config/index.js';
import type { Logger } from '../../../logging/logger.js';
import type { MachineLearningJobs } from '../../../services/machineLearning/MachineLearningJobs.js';
import { FollowedExperiments } from '../../../state/FollowedExperiments.js';
import { JobEndNotices } from '../../../state/JobEndNotices.js';
import { PendingConfirmations } from '../../../state/PendingConfirmations.js';
import type { StateStore } from '../../../state/StateStore.js';
import type { JobsFeature } from '../JobsFeature.js';
import { AzureMlEventReceiver } from './AzureMlEventReceiver.js';
import { JobEndNotifier } from './JobEndNotifier.js';
import { JobEndPoller } from './JobEndPoller.js';

export interface JobsFeatureOptions {
  config: MachineLearningConfig | undefined;
  jobs: MachineLearningJobs;
  state: StateStore;
  notifier: Notifier;
  logger: Logger;
  /** Default AZUREML_POLL_SECONDS (tests: milliseconds). */
  pollIntervalMs?: number;
  now?: () => number;
}

export interface JobsRuntime {
  /** What the `jobs` and `job` commands use. */
  feature: JobsFeature;
  /** What the Event Grid route hands its events to. */
  events: AzureMlEventReceiver;
  /** Starts the poller when Event Grid is not set up (no AZUREML_EVENTS_SECRET). */
  start(): void;
  stop(): Promise<void>;
}

/** Azure ML jobs wired once: the commands' capabilities, the Event Grid receiver and the poller. */
export function createJobsFeature(options: JobsFeatureOptions): JobsRuntime {
  const { jobs, state, logger } = options;
  const now = options.now ?? Date.now;
  const follows = new FollowedExperiments(state, now);
  const notices = new JobEndNotices(state);
  const ends = new JobEndNotifier({ jobs, follows, notices, notifier: options.notifier, logger, now });
  const poller = new JobEndPoller({ jobs, follows, ends, state, logger, intervalMs: options.pollIntervalMs ?? (options.config?.pollSeconds ?? 60) * 1000 });
  return {
    feature: { jobs, follows, cancellations: new PendingConfirmations<{ job: string }>(state, undefined, now, 'job-cancel-confirmations'), logger, now },
    events: new AzureMlEventReceiver({ workspaceId: jobs.workspaceId, notices, ends, logger }),
    start: () => {
      if (options.config && !options.config.eventsSecret) poller.start();
    },
    stop: () => poller.stop(),
  };
}
