import type { Logger } from '../../../logging/logger.js';
import { isTerminal, type MachineLearningJobs } from '../../../services/machineLearning/MachineLearningJobs.js';
import type { FollowedExperiments } from '../../../state/FollowedExperiments.js';
import type { Lease, StateStore } from '../../../state/StateStore.js';
import { RECENT_JOBS } from '../JobsFeature.js';
import type { JobEndNotifier } from './JobEndNotifier.js';

export interface JobEndPollerOptions {
  jobs: MachineLearningJobs;
  follows: FollowedExperiments;
  ends: JobEndNotifier;
  state: StateStore;
  logger: Logger;
  /** AZUREML_POLL_SECONDS. */
  intervalMs: number;
}

const LEASE_KEY = 'leases/azureml-job-ends';

/**
 * Without Event Grid: every AZUREML_POLL_SECONDS the one instance holding the sweep's lease reads the recent jobs of
 * each followed experiment and posts each end once (the same claims as the events), to the conversations that
 * followed the experiment before the job ended.
 */
export class JobEndPoller {
  private timer?: NodeJS.Timeout;
  private lease?: Lease;
  private running?: Promise<void>;

  constructor(private readonly options: JobEndPollerOptions) {}

  start(): void {
    if (!this.options.jobs.configured || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.lease?.release().catch(() => undefined);
    this.lease = undefined;
  }

  /** One sweep, unless the previous one is still going or another instance holds the lease. */
  tick(): Promise<void> {
    this.running ??= this.sweepIfLeader()
      .catch((error: unknown) => this.options.logger.error('the job-end sweep failed', { error }))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepIfLeader(): Promise<void> {
    if (!(await this.holdLease())) return;
    const follows = await this.options.follows.all();
    const experiments = new Map<string, string>();
    for (const entry of follows) experiments.set(entry.experiment.toLowerCase(), entry.experiment);
    for (const experiment of experiments.values()) {
      try {
        await this.check(experiment);
      } catch (error) {
        this.options.logger.warn("could not read a followed experiment's jobs", { experiment, error });
      }
    }
  }

  private async check(experiment: string): Promise<void> {
    const followers = await this.options.follows.followersOf(experiment);
    const jobs = await this.options.jobs.list({ experiment, top: RECENT_JOBS });
    for (const job of jobs) {
      if (!isTerminal(job.status) || job.lastChangedAt === undefined) continue;
      // A job that ended before a conversation followed its experiment is not news there.
      const toTell = followers.filter((follower) => follower.followedAt <= (job.lastChangedAt ?? 0));
      if (toTell.length > 0) await this.options.ends.post(job, toTell);
    }
  }

  private async holdLease(): Promise<boolean> {
    if (this.lease && (await this.lease.renew())) return true;
    // Three intervals: a holder that stops sweeping (a crashed instance) hands over after that.
    this.lease = await this.options.state.lease(LEASE_KEY, 3 * this.options.intervalMs);
    return this.lease !== undefined;
  }
}
