import type { VmAction } from '../services/compute/ComputeManager.js';
import type { StateStore } from './StateStore.js';

export interface OperationInFlight {
  action: VmAction;
  requesterName: string;
  startedAt: number;
}

/** The long VM operations the bot has under way: at most one per VM, claimed in the state store. */
export class OperationsInFlight {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  async get(vm: string): Promise<OperationInFlight | undefined> {
    return (await this.store.get<OperationInFlight>(key(vm)))?.value;
  }

  /** Claims the VM for one operation; false when one is already running. Atomic: two turns cannot both win. */
  reserve(vm: string, action: VmAction, requesterName: string): Promise<boolean> {
    return this.store.create<OperationInFlight>(key(vm), { action, requesterName, startedAt: this.now() });
  }

  async release(vm: string): Promise<void> {
    await this.store.delete(key(vm));
  }
}

function key(vm: string): string {
  return `operations/${vm.toLowerCase()}`;
}
