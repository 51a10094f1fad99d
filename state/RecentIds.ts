/**
 * Ids seen within `ttlMs`, at most `maxEntries` of them, so that what a channel redelivers acts once: Teams
 * retries a slow activity, and chat services redeliver an event that failed or took too long (same event id).
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /** True the first time an id is seen (within the window); false for a repeat. */
  firstTime(id: string): boolean {
    const now = this.now();
    for (const [oldId, at] of this.seen) {
      if (this.seen.size < this.maxEntries && now - at < this.ttlMs) break;
      this.seen.delete(oldId);
    }
    const at = this.seen.get(id);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, now);
    return true;
  }

  /** Lets an id through again (its first delivery was refused and the service will redeliver it). */
  forget(id: string): void {
    this.seen.delete(id);
  }
}
