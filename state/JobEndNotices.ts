import type { StateStore } from './StateStore.js';

/** How long a claim is kept: far longer than Event Grid retries an event (24 hours) or a poll could see it again. */
const KEPT_MS = 14 * 24 * 3_600_000;

/**
 * The job ends labmate has told a conversation about, and the Event Grid events it has taken: each claimed with a
 * create-if-absent in the state store, so a redelivered event, a second instance, and the poller post once.
 */
export class JobEndNotices {
  constructor(private readonly store: StateStore) {}

  /** True the first time an Event Grid event id is seen. */
  claimEvent(eventId: string): Promise<boolean> {
    return this.store.create(`azureml-events/${encodeURIComponent(eventId)}`, true, { ttlMs: KEPT_MS });
  }

  /** Lets an event through again (it could not be handled; Event Grid will redeliver it). */
  async forgetEvent(eventId: string): Promise<void> {
    await this.store.delete(`azureml-events/${encodeURIComponent(eventId)}`);
  }

  /** True for the one caller that may post the end of `job` to `conversationId`. */
  claimNotice(job: string, conversationId: string): Promise<boolean> {
    return this.store.create(`azureml-job-ends/${encodeURIComponent(job)}/${encodeURIComponent(conversationId)}`, { at: Date.now() }, { ttlMs: KEPT_MS });
  }
}
