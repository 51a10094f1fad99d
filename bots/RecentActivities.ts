/**
 * Activity ids seen recently, so a channel's redelivery (Teams retries slow requests) acts once. Bounded:
 * entries expire after `ttlMs`, and the oldest go first past `maxEntries`.
 */
export class RecentActivities {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /** True the first time a key is offered (within the time to live), false for a repeat. */
  firstTime(key: string): boolean {
    const now = this.now();
    this.evict(now);
    const seenAt = this.seen.get(key);
    if (seenAt !== undefined && now - seenAt < this.ttlMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    return true;
  }

  private evict(now: number): void {
    // Map iterates in insertion order: the oldest first.
    for (const [key, seenAt] of this.seen) {
      if (now - seenAt < this.ttlMs && this.seen.size < this.maxEntries) break;
      this.seen.delete(key);
    }
  }
}
