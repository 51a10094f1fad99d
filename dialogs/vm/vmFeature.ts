import type { Notifier } from '../Turn.js';
import type { ComputeConfig, CostGuardConfig } from '../../config/index.js';
import type { Logger } from '../../logging/logger.js';
import type { ComputeManager } from '../../services/compute/ComputeManager.js';
import { callAzureNoticeUrl } from '../../services/costs/callAzureNoticeUrl.js';
import type { CostServices } from '../../services/costs/createCostServices.js';
import type { Telemetry } from '../../services/telemetry/Telemetry.js';
import { IdleReminderLog } from '../../state/IdleReminderLog.js';
import { OperationsInFlight } from '../../state/OperationsInFlight.js';
import { ShutdownNotices } from '../../state/ShutdownNotices.js';
import type { StateStore } from '../../state/StateStore.js';
import { VmConversations } from '../../state/VmConversations.js';
import type { CostGuard } from './CostGuard.js';
import { IdleReminders } from './background/IdleReminders.js';
import { OperationRecovery } from './background/OperationRecovery.js';
import { ShutdownNoticeReceiver } from './background/ShutdownNoticeReceiver.js';
import { VmOperationRunner, type BackgroundTracker } from './background/VmOperationRunner.js';

export interface VmFeatureOptions {
  compute: ComputeManager;
  costServices: CostServices;
  computeConfig: ComputeConfig | undefined;
  costGuardConfig: CostGuardConfig;
  state: StateStore;
  notifier: Notifier;
  /** Tracks background polling so shutdown can wait for it. */
  background: BackgroundTracker;
  logger: Logger;
  /** Aborted when shutdown gives up waiting: polling stops, the operation records stay for the next follower. */
  shutdown: AbortSignal;
  /** How long an instance's hold on an operation it follows lasts unrenewed (default 30 s; blob leases: 15 to 60 s). */
  leaseMs?: number;
  /** How often each instance looks for operations nobody follows any more (default every minute). */
  recoveryIntervalMs?: number;
  /** How often idle VMs are looked for (default VM_IDLE_CHECK_MINUTES). */
  idleCheckMs?: number;
  telemetry?: Telemetry;
}

/** The training machines' feature: what the `vm` commands use, what Azure's shutdown notices go to, and its timers. */
export interface VmFeature {
  vmOperations: VmOperationRunner;
  costs: CostGuard;
  /** What the shutdown notices route hands Azure's notices to. */
  notices: ShutdownNoticeReceiver;
  /** Starts the sweep for operations nobody follows (when VMs are configured) and the idle reminders. */
  start(): void;
  stop(): Promise<void>;
}

/** VM operations, their recovery, shutdown notices and idle reminders, wired once from their dependencies. */
export function createVmFeature(options: VmFeatureOptions): VmFeature {
  const { compute, state, notifier, logger, shutdown, telemetry, leaseMs = 30_000 } = options;
  const inFlight = new OperationsInFlight(state, logger);
  const vmOperations = new VmOperationRunner({ compute, inFlight, notifier, background: options.background, logger, shutdown, leaseMs, telemetry });
  const recovery = new OperationRecovery({ runner: vmOperations, inFlight, logger, leaseMs, intervalMs: options.recoveryIntervalMs, shutdown });
  const costs: CostGuard = {
    ...options.costServices,
    config: options.costGuardConfig,
    notices: new ShutdownNotices(state),
    conversations: new VmConversations(state),
    reminders: new IdleReminderLog(state),
    callNoticeUrl: (url) => callAzureNoticeUrl(url),
  };
  const notices = new ShutdownNoticeReceiver({ compute: options.computeConfig, notices: costs.notices, conversations: costs.conversations, notifier, logger, telemetry });
  const idle = new IdleReminders({
    compute,
    costs,
    state,
    notifier,
    logger,
    intervalMs: options.idleCheckMs ?? options.costGuardConfig.idleCheckMinutes * 60_000,
    telemetry,
  });
  return {
    vmOperations,
    costs,
    notices,
    start: () => {
      if (compute.configured) recovery.start();
      idle.start();
    },
    stop: () => idle.stop(),
  };
}
