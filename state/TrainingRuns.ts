import type { ConversationHandle } from './ConversationHandle.js';
import type { Lease, StateStore } from './StateStore.js';

/** A training run started from chat: enough for any instance to follow it and report where it was asked. */
export interface TrainingRun {
  iterationId: string;
  iterationName: string;
  trainingType: 'quick' | 'advanced';
  requesterName: string;
  requesterKey: string;
  conversation: ConversationHandle;
  startedAt: number;
  /** Give up following it after this (the run's budget, plus margin). */
  deadline: number;
  /** The acknowledgement, rewritten with the outcome where the channel can. */
  ackMessageId?: string;
  status: 'training' | 'reported';
}

/** Who holds the project's one training slot. */
interface ActiveTraining {
  requesterName: string;
  startedAt: number;
  iterationName?: string;
}

const ACTIVE = 'training/active';
const REPORTED_KEPT_MS = 7 * 24 * 60 * 60_000;

/**
 * Training runs in the state store: one slot per project (`claim`, so two `train`s at once start one run), and a
 * record per run that outlives the instance that started it. A follower holds a lease on the run, so that with
 * several instances one of them polls it, and another takes over if that one stops renewing.
 */
export class TrainingRuns {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the training slot until `deadline` (it lapses by itself if nobody releases it); false when it is taken. */
  claim(holder: ActiveTraining, deadline: number): Promise<boolean> {
    return this.store.create<ActiveTraining>(ACTIVE, holder, { ttlMs: Math.max(1, deadline - this.now()) });
  }

  async active(): Promise<ActiveTraining | undefined> {
    return (await this.store.get<ActiveTraining>(ACTIVE))?.value;
  }

  async release(): Promise<void> {
    await this.store.delete(ACTIVE);
  }

  async save(run: TrainingRun): Promise<void> {
    const ttlMs = run.status === 'reported' ? REPORTED_KEPT_MS : Math.max(1, run.deadline - this.now()) + REPORTED_KEPT_MS;
    await this.store.put(runKey(run.iterationId), run, { ttlMs });
    if (run.status === 'training') {
      const active = await this.store.get<ActiveTraining>(ACTIVE);
      if (active) await this.store.replace(ACTIVE, { ...active.value, iterationName: run.iterationName }, active.etag, { ttlMs: Math.max(1, run.deadline - this.now()) });
    }
  }

  /** Runs not reported yet (their instance may have stopped): for a follower to pick up. */
  async unfinished(): Promise<TrainingRun[]> {
    const records = await this.store.list<TrainingRun>('training-runs/');
    return records.map((record) => record.value).filter((run) => run?.status === 'training');
  }

  /** One follower per run at a time. */
  follow(iterationId: string, ttlMs: number): Promise<Lease | undefined> {
    return this.store.lease(`training-followers/${encodeURIComponent(iterationId)}`, ttlMs);
  }
}

function runKey(iterationId: string): string {
  return `training-runs/${encodeURIComponent(iterationId)}`;
}
