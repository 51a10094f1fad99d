import { randomBytes } from 'node:crypto';
import type { StateStore } from './StateStore.js';

/** Who asked, where, and until when; `Subject` is what they asked for (a VM to deallocate, an iteration to publish). */
type PendingConfirmation<Subject extends object = { vm: string }> = Subject & {
  requestId: string;
  /** Caller key (`channel/userId`) of the person who asked: the only one who may confirm. */
  requesterKey: string;
  requesterName: string;
  conversationId: string;
  expiresAt: number;
};

type ConfirmationResult<Subject extends object = { vm: string }> =
  | { ok: true; pending: PendingConfirmation<Subject> }
  | { ok: false; reason: 'unknown' | 'expired' | 'not-requester'; pending?: PendingConfirmation<Subject> };

/** An expired confirmation is kept this much longer, to tell "expired" from "unknown". */
const EXPIRED_KEPT_MS = 60 * 60_000;

/**
 * Actions waiting for their requester's confirmation (a deallocation; a publish); each expires after `ttlMs`. In
 * the state store, so a confirmation survives a restart and is consumed once (a conditional delete) even when two
 * instances take it. Each kind has its own `namespace`, so a code of one kind never confirms the other.
 */
export class PendingConfirmations<Subject extends object = { vm: string }> {
  constructor(
    private readonly store: StateStore,
    readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly namespace = 'confirmations',
  ) {}

  async create(request: Omit<PendingConfirmation<Subject>, 'requestId' | 'expiresAt'>): Promise<PendingConfirmation<Subject>> {
    for (;;) {
      const entry = { ...request, requestId: randomBytes(4).toString('hex'), expiresAt: this.now() + this.ttlMs } as PendingConfirmation<Subject>;
      if (await this.store.create(this.key(entry.requestId), entry, { ttlMs: this.ttlMs + EXPIRED_KEPT_MS })) return entry;
    }
  }

  /** Consumes the confirmation when `callerKey` asked for it and it has not expired; otherwise leaves it. */
  async take(requestId: string, callerKey: string): Promise<ConfirmationResult<Subject>> {
    if (!/^[0-9a-f]{8}$/.test(requestId)) return { ok: false, reason: 'unknown' };
    const record = await this.store.get<PendingConfirmation<Subject>>(this.key(requestId));
    if (!record) return { ok: false, reason: 'unknown' };
    const pending = record.value;
    if (this.now() >= pending.expiresAt) {
      await this.store.delete(this.key(requestId), record.etag);
      return { ok: false, reason: 'expired', pending };
    }
    if (pending.requesterKey !== callerKey) return { ok: false, reason: 'not-requester', pending };
    // Only the one who deletes the version read has consumed it: a second taker, here or elsewhere, finds nothing.
    if (!(await this.store.delete(this.key(requestId), record.etag))) return { ok: false, reason: 'unknown' };
    return { ok: true, pending };
  }

  private key(requestId: string): string {
    return `${this.namespace}/${requestId}`;
  }
}
