import { notSetUp } from '../errors.js';
import type { ComputeManager, PowerState, RunningOperation, VmAction, VmStatus } from './ComputeManager.js';

const TRAINING_VMS_ADMIN_HINT =
  'Set AZURE_SUBSCRIPTION_ID and TRAINING_VMS (resourceGroup/vmName, comma-separated), give the bot\'s identity the ' +
  'Virtual Machine Contributor role on those resource groups, and list in VM_OPERATORS who may start and stop them; ' +
  'for Azure ML compute instances, AZUREML_WORKSPACE and AZUREML_COMPUTE_INSTANCES.';

/** No training VMs configured: every call says so (and the log says how to set them up). */
export class NotConfiguredCompute implements ComputeManager {
  readonly backendName = 'no training VMs';
  readonly configured = false;
  readonly vmNames: readonly string[] = [];
  readonly computeInstanceNames: readonly string[] = [];

  resolve(): string | undefined {
    return undefined;
  }

  async get(): Promise<VmStatus> {
    throw notConfigured();
  }

  async getAll(): Promise<VmStatus[]> {
    throw notConfigured();
  }

  async setIdleShutdown(): Promise<void> {
    throw notConfigured();
  }

  async powerState(): Promise<PowerState> {
    throw notConfigured();
  }

  async begin(): Promise<RunningOperation> {
    throw notConfigured();
  }

  resume(_action: VmAction, _name: string, resumeState: string): RunningOperation {
    const done = Promise.reject(notConfigured());
    done.catch(() => undefined);
    return { done, resumeState };
  }
}

export function notConfigured() {
  return notSetUp('Training VM control', TRAINING_VMS_ADMIN_HINT);
}
