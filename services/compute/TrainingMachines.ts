import type { ComputeManager, PowerState, RunningOperation, VmAction, VmStatus } from './ComputeManager.js';

/**
 * The training VMs and the Azure ML compute instances as one port: each call goes to the backend that manages the
 * name (config refuses a name listed in both). Either backend may be the stand-in that is not configured.
 */
export class TrainingMachines implements ComputeManager {
  readonly configured = true;
  readonly backendName: string;
  readonly vmNames: readonly string[];
  readonly computeInstanceNames: readonly string[];

  constructor(
    private readonly vms: ComputeManager,
    private readonly instances: ComputeManager,
  ) {
    this.vmNames = vms.vmNames;
    this.computeInstanceNames = instances.computeInstanceNames;
    this.backendName = vms.configured ? `${vms.backendName} and ${instances.backendName}` : instances.backendName;
  }

  resolve(name: string): string | undefined {
    return this.vms.resolve(name) ?? this.instances.resolve(name);
  }

  get(name: string): Promise<VmStatus> {
    return this.backendOf(name).get(name);
  }

  async getAll(): Promise<VmStatus[]> {
    const [vms, instances] = await Promise.all([this.vms.configured ? this.vms.getAll() : [], this.instances.getAll()]);
    return [...vms, ...instances];
  }

  powerState(name: string): Promise<PowerState> {
    return this.backendOf(name).powerState(name);
  }

  begin(action: VmAction, name: string, options?: { signal?: AbortSignal }): Promise<RunningOperation> {
    return this.backendOf(name).begin(action, name, options);
  }

  resume(action: VmAction, name: string, resumeState: string, options?: { signal?: AbortSignal }): RunningOperation {
    return this.backendOf(name).resume(action, name, resumeState, options);
  }

  setIdleShutdown(name: string, minutes: number | undefined): Promise<void> {
    return this.backendOf(name).setIdleShutdown(name, minutes);
  }

  /** The compute instances' backend for one of its names; the VMs' for anything else (which refuses an unknown name). */
  private backendOf(name: string): ComputeManager {
    return this.instances.resolve(name) !== undefined ? this.instances : this.vms;
  }
}
