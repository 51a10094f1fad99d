import type { StateStore } from './StateStore.js';

/**
 * Ids seen within `ttlMs`, so that what a channel redelivers acts once: Teams retries a slow activity, and chat
 * services redeliver an event that failed or took too long (same event id). Claimed in the state store, so that
 * with several instances an id is claimed once among all of them.
 */
export class RecentIds {
  constructor(
    private readonly store: StateStore,
    /** Keeps kinds of ids apart (`activities/`, `slack-events/`). */
    private readonly prefix: string,
    private readonly ttlMs = 60 * 60 * 1000,
  ) {}

  /** True the first time an id is seen (within the window); false for a repeat. */
  firstTime(id: string): Promise<boolean> {
    return this.store.create(this.key(id), true, { ttlMs: this.ttlMs });
  }

  /** Lets an id through again (its first delivery was refused and the service will redeliver it). */
  async forget(id: string): Promise<void> {
    await this.store.delete(this.key(id));
  }

  private key(id: string): string {
    return `seen/${this.prefix}${encodeURIComponent(id)}`;
  }
}
