import { createHash, randomBytes } from 'node:crypto';
import type { ConversationHandle } from './ConversationHandle.js';
import type { StateStore } from './StateStore.js';

export type NoticeChoice = 'delay60' | 'delay120' | 'skip';

/** Azure's own URLs of one notification: the only addresses a button press ever calls. */
export interface NoticeUrls {
  skip: string;
  delay60: string;
  delay120: string;
}

export interface ShutdownNotice {
  id: string;
  vm: string;
  urls: NoticeUrls;
  /** When Azure said it would shut the VM down (received + minutesUntilShutdown). */
  shutdownAt: number;
  timeZone: string;
  conversation: ConversationHandle;
  /** Set once an operator's choice has been sent to Azure (or is being sent). */
  answer?: { choice: NoticeChoice; byName: string; at: number };
}

type NoticeClaim =
  | { ok: true; notice: ShutdownNotice; undo(): Promise<void> }
  | { ok: false; reason: 'unknown' | 'answered'; notice?: ShutdownNotice };

/** A notice is answerable until well after its shutdown time (a 2-hour delay), then forgotten. */
const NOTICE_TTL_MS = 6 * 3_600_000;
const ID = /^[0-9a-f]{16}$/;

/**
 * Azure's shutdown notifications, kept in the state store: a button names a notice by its id and the URLs stay
 * here. The same notification delivered twice is stored once, and each notice is answered once, whichever
 * instance receives the press.
 */
export class ShutdownNotices {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores a new notice; undefined when this notification was already received (a replay). */
  async receive(notice: Omit<ShutdownNotice, 'id'>): Promise<ShutdownNotice | undefined> {
    const fingerprint = createHash('sha256').update(JSON.stringify(notice.urls)).digest('hex');
    if (!(await this.store.create(`notices-seen/${fingerprint}`, true, { ttlMs: 2 * NOTICE_TTL_MS }))) return undefined;
    for (;;) {
      const stored = { ...notice, id: randomBytes(8).toString('hex') };
      if (await this.store.create(key(stored.id), stored, { ttlMs: NOTICE_TTL_MS })) return stored;
    }
  }

  async get(id: string): Promise<ShutdownNotice | undefined> {
    if (!ID.test(id)) return undefined;
    return (await this.store.get<ShutdownNotice>(key(id)))?.value;
  }

  /** Marks the notice answered, atomically (two presses at once: one wins); `undo` reopens it when Azure refused. */
  async claim(id: string, choice: NoticeChoice, byName: string): Promise<NoticeClaim> {
    if (!ID.test(id)) return { ok: false, reason: 'unknown' };
    const record = await this.store.get<ShutdownNotice>(key(id));
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.value.answer) return { ok: false, reason: 'answered', notice: record.value };
    const answered: ShutdownNotice = { ...record.value, answer: { choice, byName, at: this.now() } };
    if (!(await this.store.replace(key(id), answered, record.etag, { ttlMs: NOTICE_TTL_MS }))) {
      return { ok: false, reason: 'answered', notice: (await this.get(id)) ?? record.value };
    }
    return {
      ok: true,
      notice: answered,
      undo: async () => {
        const current = await this.store.get<ShutdownNotice>(key(id));
        if (current) await this.store.replace(key(id), { ...current.value, answer: undefined }, current.etag, { ttlMs: NOTICE_TTL_MS });
      },
    };
  }
}

function key(id: string): string {
  return `notices/${id}`;
}
