import type { Logger } from '../../logging/logger.js';
import type { MachineLearningJobs } from '../../services/machineLearning/MachineLearningJobs.js';
import type { FollowedExperiments } from '../../state/FollowedExperiments.js';
import type { PendingConfirmations } from '../../state/PendingConfirmations.js';

/** What the `jobs` and `job` commands work with (built by background/createJobsFeature.ts). */
export interface JobsFeature {
  /** A null object when no workspace is configured (`configured` is false). */
  jobs: MachineLearningJobs;
  follows: FollowedExperiments;
  /** `job cancel` waits here for its requester's confirmation. */
  cancellations: PendingConfirmations<{ job: string }>;
  logger: Logger;
  now(): number;
}

/** How many jobs `jobs` lists. */
export const RECENT_JOBS = 10;
