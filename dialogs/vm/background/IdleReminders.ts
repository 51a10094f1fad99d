import type { Telemetry } from '../../../services/telemetry/Telemetry.js';
import type { Notifier } from '../../Turn.js';
import { idleReminderDocument } from '../../../cards/costs.js';
import type { Logger } from '../../../logging/logger.js';
import type { ComputeManager } from '../../../services/compute/ComputeManager.js';
import type { Lease, StateStore } from '../../../state/StateStore.js';
import type { CostGuard } from '../CostGuard.js';
import { hourlyPriceOf } from '../vmCosts.js';
import { KEEP_RUNNING_HOURS } from '../keepRunning.js';
import { isIdle } from '../../../services/costs/VmMetrics.js';

interface IdleRemindersOptions {
  compute: ComputeManager;
  costs: CostGuard;
  state: StateStore;
  notifier: Notifier;
  logger: Logger;
  /** How often to look (VM_IDLE_CHECK_MINUTES). */
  intervalMs: number;
  now?: () => number;
  /** Counts what is sent (telemetry on). */
  telemetry?: Telemetry;
}

const LEASE_KEY = 'leases/idle-reminders';
/** Activity over this window decides whether a VM is idle. */
const WINDOW_MINUTES = 60;

/**
 * Every few minutes, the one instance holding the sweep's lease looks at the running training VMs: one that has run
 * longer than VM_IDLE_AFTER_HOURS, and over the last hour had average CPU below VM_IDLE_CPU_PERCENT and little
 * network and disk traffic (isIdle), gets one reminder, in the conversation where it was last started, saying what
 * was measured, with its cost so far.
 */
export class IdleReminders {
  private timer?: NodeJS.Timeout;
  private lease?: Lease;
  private running?: Promise<void>;

  constructor(private readonly options: IdleRemindersOptions) {}

  start(): void {
    if (!this.options.compute.configured || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.lease?.release().catch(() => undefined);
    this.lease = undefined;
  }

  /** One sweep, unless the previous one is still going or another instance holds the lease. */
  tick(): Promise<void> {
    this.running ??= this.sweepIfLeader()
      .catch((error: unknown) => this.options.logger.error('the idle-VM sweep failed', { error }))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepIfLeader(): Promise<void> {
    if (!(await this.holdLease())) return;
    for (const vm of this.options.compute.vmNames) {
      try {
        await this.check(vm);
      } catch (error) {
        this.options.logger.warn('could not check whether a VM is idle', { vm, error });
      }
    }
  }

  private async holdLease(): Promise<boolean> {
    if (this.lease && (await this.lease.renew())) return true;
    // Three intervals: a holder that stops sweeping (a crashed instance) hands over after that.
    this.lease = await this.options.state.lease(LEASE_KEY, 3 * this.options.intervalMs);
    return this.lease !== undefined;
  }

  private async check(vm: string): Promise<void> {
    const { compute, costs, logger } = this.options;
    const now = (this.options.now ?? Date.now)();
    const status = await compute.get(vm);
    const { startedAt } = status;
    if (status.powerState !== 'running' || startedAt === undefined) return;
    if (now - startedAt < costs.config.idleAfterHours * 3_600_000) return;
    const activity = await costs.metrics.activity(vm, WINDOW_MINUTES);
    if (!isIdle(activity, { cpuPercent: costs.config.idleCpuPercent, minutes: WINDOW_MINUTES })) return;
    const conversation = await costs.conversations.forReminder(vm);
    if (!conversation) {
      logger.info('an idle VM has no conversation to be reminded in', { vm, ...activity });
      return;
    }
    if (!(await costs.reminders.claim(vm, startedAt, costs.config.idleAfterHours * 3_600_000))) return;
    const price = await hourlyPriceOf(status, costs.prices);
    const document = idleReminderDocument({ vm, startedAt, now, activity, minutes: WINDOW_MINUTES, keepHours: KEEP_RUNNING_HOURS, price });
    await this.options.notifier.notify(conversation, async (turn) => {
      await turn.reply(document);
    });
    this.options.telemetry?.count('labmate.idle_reminders.sent');
    logger.info('reminded about an idle VM', { vm, ...activity, conversationId: conversation.conversationId });
  }
}
