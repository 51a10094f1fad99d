import type { Logger } from '../../../logging/logger.js';
import type { OperationsInFlight } from '../../../state/OperationsInFlight.js';
import type { VmOperationRunner } from './VmOperationRunner.js';

interface OperationRecoveryOptions {
  runner: VmOperationRunner;
  inFlight: OperationsInFlight;
  logger: Logger;
  /** How often to look; default every minute. */
  intervalMs?: number;
  /** The same hold the runner takes (its lease duration). */
  leaseMs: number;
  /** Stops the sweeps. */
  shutdown: AbortSignal;
}

/**
 * At start and then every minute, each instance looks for VM operations that some instance started and nobody
 * follows any more (their lease lapsed: the instance stopped or crashed), takes each one's lease, and resumes it
 * from its saved state: no second call to start or deallocate, and the outcome posted once.
 */
export class OperationRecovery {
  private sweeping?: Promise<void>;

  constructor(private readonly options: OperationRecoveryOptions) {}

  start(): void {
    const { shutdown, intervalMs = 60_000 } = this.options;
    if (shutdown.aborted) return;
    void this.sweep();
    const timer = setInterval(() => void this.sweep(), intervalMs);
    timer.unref();
    shutdown.addEventListener('abort', () => clearInterval(timer), { once: true });
  }

  /** One look (never two at once); resolves when every operation found was taken or left. */
  sweep(): Promise<void> {
    this.sweeping ??= this.takeOver().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async takeOver(): Promise<void> {
    const { runner, inFlight, logger, leaseMs, shutdown } = this.options;
    try {
      for (const operation of await inFlight.unfinished()) {
        if (shutdown.aborted) return;
        // Its lease is held while an instance follows it (this one included): then it is not ours to take.
        const hold = await inFlight.follow(operation, leaseMs);
        if (hold) runner.resume(operation, hold);
      }
    } catch (error) {
      logger.warn('could not look for unfinished VM operations; trying again later', { error });
    }
  }
}
