import type { Notifier } from '../../Turn.js';
import type { Logger } from '../../../logging/logger.js';
import type { ComputeManager } from '../../../services/compute/ComputeManager.js';
import { OperationsInFlight } from '../../../state/OperationsInFlight.js';
import type { StateStore } from '../../../state/StateStore.js';
import type { Telemetry } from '../../../services/telemetry/Telemetry.js';
import { OperationRecovery } from './OperationRecovery.js';
import { VmOperationRunner, type BackgroundTracker } from './VmOperationRunner.js';

interface VmOperationsOptions {
  compute: ComputeManager;
  state: StateStore;
  notifier: Notifier;
  background: BackgroundTracker;
  logger: Logger;
  shutdown: AbortSignal;
  /** How long an instance's hold on an operation it follows lasts unrenewed (default 30 s; blob leases: 15 to 60 s). */
  leaseMs?: number;
  /** How often each instance looks for operations nobody follows any more (default every minute). */
  recoveryIntervalMs?: number;
  telemetry?: Telemetry;
}

/**
 * The VM operation runner over the state store, and, when training VMs are configured, the sweep that resumes
 * the operations another instance (or this one, before a restart) left unfinished.
 */
export function startVmOperations(options: VmOperationsOptions): VmOperationRunner {
  const { compute, state, logger, shutdown, leaseMs = 30_000 } = options;
  const inFlight = new OperationsInFlight(state, logger);
  const runner = new VmOperationRunner({ compute, inFlight, notifier: options.notifier, background: options.background, logger, shutdown, leaseMs, telemetry: options.telemetry });
  if (compute.configured) new OperationRecovery({ runner, inFlight, logger, leaseMs, intervalMs: options.recoveryIntervalMs, shutdown }).start();
  return runner;
}
