import type { Notifier } from '../../Turn.js';
import { jobEndedDocument } from '../../../cards/jobs.js';
import type { Logger } from '../../../logging/logger.js';
import type { JobStatus, JobSummary, MachineLearningJobs } from '../../../services/machineLearning/MachineLearningJobs.js';
import type { FollowedExperiment, FollowedExperiments } from '../../../state/FollowedExperiments.js';
import type { JobEndNotices } from '../../../state/JobEndNotices.js';

export interface JobEndNotifierOptions {
  jobs: MachineLearningJobs;
  follows: FollowedExperiments;
  notices: JobEndNotices;
  notifier: Notifier;
  logger: Logger;
  now: () => number;
}

/** What a job's end became: posted to some conversations, or nobody follows its experiment. */
export interface JobEndOutcome {
  posted: number;
  followers: number;
}

/**
 * Posts a job's end once to each conversation that follows its experiment: each post is claimed in the state store
 * first (a create-if-absent), so Event Grid's redeliveries, a second instance and the poller post it once.
 */
export class JobEndNotifier {
  constructor(private readonly options: JobEndNotifierOptions) {}

  /** From an event: the job is read for its details; if that fails, the event's own status is told. */
  async jobEnded(ended: { name: string; experiment: string; status: JobStatus }): Promise<JobEndOutcome> {
    const followers = await this.options.follows.followersOf(ended.experiment);
    if (followers.length === 0) return { posted: 0, followers: 0 };
    let job: JobSummary;
    try {
      job = await this.options.jobs.get(ended.name);
    } catch (error) {
      this.options.logger.warn('could not read an ended job for its notice; posting what the event says', { job: ended.name, error });
      job = { name: ended.name, experiment: ended.experiment, status: ended.status };
    }
    // The event's status is the end; a read may lag behind it.
    return this.post({ ...job, status: ended.status, experiment: job.experiment ?? ended.experiment }, followers);
  }

  /** To each follower that has not been told yet (claims first, then posts). */
  async post(job: JobSummary, followers: readonly FollowedExperiment[]): Promise<JobEndOutcome> {
    let posted = 0;
    for (const follower of followers) {
      const { conversation } = follower;
      if (!(await this.options.notices.claimNotice(job.name, conversation.conversationId))) continue;
      try {
        const document = jobEndedDocument(job, this.options.now());
        await this.options.notifier.notify(conversation, async (turn) => {
          await turn.reply(document);
        });
        posted++;
        this.options.logger.info('posted the end of a job', { job: job.name, status: job.status, experiment: job.experiment, conversationId: conversation.conversationId });
      } catch (error) {
        this.options.logger.error('could not post the end of a job', { job: job.name, conversationId: conversation.conversationId, error });
      }
    }
    return { posted, followers: followers.length };
  }
}
