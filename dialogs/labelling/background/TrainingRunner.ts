import type { Telemetry } from '../../../services/telemetry/Telemetry.js';
import { setTimeout as delay } from 'node:timers/promises';
import type { Notifier, Turn } from '../../Turn.js';
import { code, data, line, message, prose, type Card } from '../../../cards/Card.js';
import { trainingFailedDocument, trainingResultDocument, trainingStartedDocument } from '../../../cards/training.js';
import { elapsedSince } from '../../../cards/wording.js';
import { audit } from '../../../logging/audit.js';
import type { Logger } from '../../../logging/logger.js';
import { isServiceError } from '../../../services/errors.js';
import type { Iteration, IterationPerformance, TrainingProject, TrainingRequest } from '../../../services/labelling/TrainingProject.js';
import type { PublishedModel } from '../../../state/PublishedModel.js';
import type { TrainingRun, TrainingRuns } from '../../../state/TrainingRuns.js';
import type { BackgroundTracker } from '../../vm/background/VmOperationRunner.js';
import { auditIteration } from '../Labelling.js';

interface TrainingRunnerOptions {
  project: TrainingProject;
  runs: TrainingRuns;
  published: PublishedModel;
  notifier: Notifier;
  /** Tracks background polling so shutdown can wait for it. */
  background: BackgroundTracker;
  logger: Logger;
  /** Aborted at shutdown: polling stops, the run's record stays for the next follower. */
  shutdown?: AbortSignal;
  /** Between two reads of the iteration (Custom Vision allows 10 calls a second on S0; quick training takes minutes). */
  pollIntervalMs?: number;
  /** Counts what is sent (telemetry on). */
  telemetry?: Telemetry;
}

const HOUR = 60 * 60_000;
/** A follower's lease on a run, renewed at every poll. */
const FOLLOW_LEASE_MS = 60_000;

/**
 * `train`: one run per project at a time, acknowledged as soon as Custom Vision accepted it, followed in the
 * background and reported to the same conversation with the iteration's performance next to the published one's.
 * Runs are kept in the state store, so after a restart (or on another instance) `resume` picks up the ones nobody
 * reported.
 */
export class TrainingRunner {
  private readonly pollIntervalMs: number;

  constructor(private readonly options: TrainingRunnerOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 15_000;
  }

  async start(turn: Turn, request: TrainingRequest): Promise<void> {
    const { runs, project } = this.options;
    const startedAt = Date.now();
    // Quick training takes minutes; advanced training up to its budget. Past the deadline the run is no longer followed.
    const deadline = startedAt + (request.advancedHours ?? 1) * HOUR + HOUR;
    if (!(await runs.claim({ requesterName: turn.caller.name, startedAt }, deadline))) {
      const active = await runs.active();
      auditIteration(this.options.logger, turn, 'train', 'request', active?.iterationName, 'busy');
      await turn.reply(
        message(line('Training is already running', ...(active?.iterationName ? [' (', data(active.iterationName), ')'] : []), ', asked by ', data(active?.requesterName ?? 'someone'), ". I'll post the results when it is done.")),
      );
      return;
    }
    let iteration: Iteration;
    try {
      iteration = await project.train(request);
    } catch (error) {
      await runs.release();
      auditIteration(this.options.logger, turn, 'train', 'outcome', undefined, 'refused-by-service', isServiceError(error) ? error.code : 'error');
      throw error;
    }
    const run: TrainingRun = {
      iterationId: iteration.id,
      iterationName: iteration.name,
      trainingType: request.advancedHours === undefined ? 'quick' : 'advanced',
      requesterName: turn.caller.name,
      requesterKey: turn.caller.key,
      conversation: turn.conversation,
      startedAt,
      deadline,
      status: 'training',
    };
    await runs.save(run);
    auditIteration(this.options.logger, turn, 'train', 'request', iteration.name, 'accepted');
    const ackMessageId = await turn.reply(trainingStartedDocument(iteration, turn.caller.name));
    if (ackMessageId) await runs.save({ ...run, ackMessageId });
    this.follow({ ...run, ...(ackMessageId ? { ackMessageId } : {}) });
  }

  /** Follows every run nobody has reported yet (after a restart; another instance's, if it stopped). */
  async resume(): Promise<void> {
    for (const run of await this.options.runs.unfinished()) this.follow(run);
  }

  private follow(run: TrainingRun): void {
    void this.options.background.track(
      this.poll(run).catch((error: unknown) => this.options.logger.error('could not follow a training run', { iteration: run.iterationName, error })),
    );
  }

  private async poll(run: TrainingRun): Promise<void> {
    const { runs, project, shutdown } = this.options;
    const lease = await runs.follow(run.iterationId, FOLLOW_LEASE_MS);
    if (!lease) return; // Another follower has it.
    try {
      let iteration: Iteration | undefined;
      let failures = 0;
      while (!shutdown?.aborted && Date.now() < run.deadline) {
        try {
          iteration = await project.iteration(run.iterationId);
          failures = 0;
        } catch (error) {
          // A blip (429, a timeout) is retried; the run goes on in Custom Vision whatever happens here.
          if (++failures >= 10) throw error;
          this.options.logger.warn('could not read a training iteration; retrying', { iteration: run.iterationName, error });
        }
        if (iteration && iteration.status !== 'training') break;
        // Shutdown cuts the pause short (delay rejects on abort); the loop then ends.
        await delay(this.pollIntervalMs, undefined, { signal: shutdown }).catch(() => undefined);
        if (!(await lease.renew())) return;
      }
      if (shutdown?.aborted) return;
      await this.report(run, iteration);
    } finally {
      await lease.release();
    }
  }

  private async report(run: TrainingRun, iteration: Iteration | undefined): Promise<void> {
    const document = await this.outcome(run, iteration);
    await this.options.runs.save({ ...run, status: 'reported' });
    await this.options.runs.release();
    audit(this.options.logger, {
      event: 'outcome',
      action: 'train',
      subject: run.iterationName,
      user: run.requesterKey.slice(run.requesterKey.indexOf('/') + 1),
      userName: run.requesterName,
      channel: run.conversation.channel,
      conversation: run.conversation.conversationId,
      result: iteration?.status ?? 'timed-out',
      durationMs: Date.now() - run.startedAt,
    });
    this.options.telemetry?.count('labmate.training_runs.ended', { 'labmate.outcome': iteration?.status ?? 'timed-out' });
    try {
      await this.options.notifier.notify(run.conversation, async (proactive) => {
        await proactive.reply(document);
        if (run.ackMessageId) await proactive.update(run.ackMessageId, document);
      });
    } catch (error) {
      this.options.logger.error('could not report the end of a training run', { iteration: run.iterationName, conversationId: run.conversation.conversationId, error });
    }
  }

  private async outcome(run: TrainingRun, iteration: Iteration | undefined): Promise<Card> {
    if (!iteration || iteration.status === 'training') {
      const named = iteration ?? { id: run.iterationId, name: run.iterationName, status: 'training' as const };
      return trainingFailedDocument(named, line(data(run.iterationName), ' is still training after ', data(elapsedSince(run.startedAt)), '; I stopped waiting for it. The Custom Vision portal shows how it ends.'));
    }
    if (iteration.status === 'failed') return trainingFailedDocument(iteration, line('Custom Vision reports that training ', data(iteration.name), ' failed. Try ', code('train'), ' again; if it keeps failing, check the project in the Custom Vision portal.'));
    try {
      const performance = await this.options.project.performance(iteration.id);
      const baseline = await this.baseline(iteration.id);
      return trainingResultDocument({ iteration, performance, baseline, requesterName: run.requesterName, elapsed: elapsedSince(run.startedAt), publishes: this.options.project.publishes });
    } catch (error) {
      if (!isServiceError(error)) throw error;
      return trainingFailedDocument(iteration, prose(`${iteration.name} has finished training, but I could not read its performance: ${error.userMessage}`));
    }
  }

  /** The iteration labmate classifies with (or else the latest published one), with its performance. */
  private async baseline(excluding: string): Promise<{ name: string; performance: IterationPerformance } | undefined> {
    try {
      const current = await this.options.published.current();
      const published = (await this.options.project.iterations()).filter((candidate) => candidate.publishName && candidate.id !== excluding);
      const baseline = published.find((candidate) => candidate.publishName === current) ?? published.at(-1);
      return baseline ? { name: baseline.name, performance: await this.options.project.performance(baseline.id) } : undefined;
    } catch (error) {
      this.options.logger.warn('could not read the published iteration to compare with', { error });
      return undefined;
    }
  }
}
