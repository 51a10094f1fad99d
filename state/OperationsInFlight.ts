import type { VmAction } from '../services/compute/ComputeManager.js';

export interface OperationInFlight {
  action: VmAction;
  requesterName: string;
  startedAt: number;
}

/** The long VM operations the bot has under way: at most one per VM. */
export class OperationsInFlight {
  private readonly running = new Map<string, OperationInFlight>();

  constructor(private readonly now: () => number = Date.now) {}

  get(vm: string): OperationInFlight | undefined {
    return this.running.get(vm);
  }

  /** Claims the VM for one operation; false when one is already running. Synchronous, so two turns cannot both win. */
  reserve(vm: string, action: VmAction, requesterName: string): boolean {
    if (this.running.has(vm)) return false;
    this.running.set(vm, { action, requesterName, startedAt: this.now() });
    return true;
  }

  release(vm: string): void {
    this.running.delete(vm);
  }
}
