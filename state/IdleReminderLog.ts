import type { StateStore } from './StateStore.js';

interface ReminderRecord {
  /** The run it was about (the VM's start time): a new run starts afresh. */
  startedAt: number;
  /** No reminder before this. */
  quietUntil: number;
}

const RECORD_TTL_MS = 7 * 24 * 3_600_000;

/** When each VM was last reminded of running idle, so that a VM gets one reminder, not one per sweep. */
export class IdleReminderLog {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Claims the right to remind about this run of the VM, and stays quiet for `quietMs` afterwards. Atomic: with two
   * sweeps at once (a lease handed over), one wins.
   */
  async claim(vm: string, startedAt: number, quietMs: number): Promise<boolean> {
    const now = this.now();
    const next: ReminderRecord = { startedAt, quietUntil: now + quietMs };
    const record = await this.store.get<ReminderRecord>(key(vm));
    if (!record) return this.store.create(key(vm), next, { ttlMs: RECORD_TTL_MS });
    if (record.value.startedAt === startedAt && now < record.value.quietUntil) return false;
    return this.store.replace(key(vm), next, record.etag, { ttlMs: RECORD_TTL_MS });
  }

  /** "Keep running": nothing more about this run of the VM for `quietMs`. */
  async keepRunning(vm: string, startedAt: number, quietMs: number): Promise<void> {
    await this.store.put<ReminderRecord>(key(vm), { startedAt, quietUntil: this.now() + quietMs }, { ttlMs: RECORD_TTL_MS });
  }
}

function key(vm: string): string {
  return `idle-reminders/${vm.toLowerCase()}`;
}
