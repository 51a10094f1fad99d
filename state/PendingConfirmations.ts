import { randomBytes } from 'node:crypto';

export interface PendingConfirmation {
  requestId: string;
  vm: string;
  /** Caller key (`channel/userId`) of the person who asked: the only one who may confirm. */
  requesterKey: string;
  requesterName: string;
  conversationId: string;
  expiresAt: number;
}

export type ConfirmationResult =
  | { ok: true; pending: PendingConfirmation }
  | { ok: false; reason: 'unknown' | 'expired' | 'not-requester'; pending?: PendingConfirmation };

/** Deallocations waiting for their requester's confirmation; each expires after `ttlMs`, and the store is bounded. */
export class PendingConfirmations {
  private readonly pending = new Map<string, PendingConfirmation>();

  constructor(
    readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  create(request: Omit<PendingConfirmation, 'requestId' | 'expiresAt'>): PendingConfirmation {
    this.evict();
    const entry = { ...request, requestId: randomBytes(4).toString('hex'), expiresAt: this.now() + this.ttlMs };
    this.pending.set(entry.requestId, entry);
    return entry;
  }

  /** Consumes the confirmation when `callerKey` asked for it and it has not expired; otherwise leaves it. */
  take(requestId: string, callerKey: string): ConfirmationResult {
    const pending = this.pending.get(requestId);
    if (!pending) return { ok: false, reason: 'unknown' };
    if (this.now() >= pending.expiresAt) {
      this.pending.delete(requestId);
      return { ok: false, reason: 'expired', pending };
    }
    if (pending.requesterKey !== callerKey) return { ok: false, reason: 'not-requester', pending };
    this.pending.delete(requestId);
    return { ok: true, pending };
  }

  private evict(): void {
    const now = this.now();
    for (const [id, entry] of this.pending) if (now >= entry.expiresAt) this.pending.delete(id);
    while (this.pending.size >= this.maxEntries) this.pending.delete(this.pending.keys().next().value as string);
  }
}
