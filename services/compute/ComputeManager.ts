/** The training-VM port and its domain types; no SDK type crosses this line. */

/** `stopped-allocated`: powered off but still on its host, so still billed for compute. */
export type PowerState = 'starting' | 'running' | 'stopping' | 'stopped-allocated' | 'deallocating' | 'deallocated' | 'unknown';

export type VmAction = 'start' | 'deallocate';

/** A VM of TRAINING_VMS, or an Azure ML compute instance of AZUREML_COMPUTE_INSTANCES. */
export type MachineKind = 'vm' | 'compute-instance';

/** Which kind of training machine `name` is (case-insensitive): a compute instance's stop and idle shutdown differ. */
export function machineKindOf(compute: Pick<ComputeManager, 'computeInstanceNames'>, name: string): MachineKind {
  return compute.computeInstanceNames.some((instance) => instance.toLowerCase() === name.toLowerCase()) ? 'compute-instance' : 'vm';
}

export interface VmStatus {
  name: string;
  resourceGroup: string;
  powerState: PowerState;
  /** e.g. Standard_NC6s_v3 */
  size?: string;
  location?: string;
  /** Whether the VM is billed for compute in this state; undefined when the state is unknown. */
  billed?: boolean;
  /** Linux or Windows (its OS disk's type), which sets its price. */
  osType?: 'Linux' | 'Windows';
  /**
   * For a running VM, when its last operation (normally the start) succeeded: the instance view's
   * ProvisioningState time. Another operation on a running VM moves it later, so time since start is never overstated.
   */
  startedAt?: number;
  /** Absent: a VM. */
  kind?: MachineKind;
  /** A compute instance's workspace. */
  workspace?: string;
  /** A compute instance's state as Azure ML names it (Running, JobRunning, Stopped...); `powerState` is what it means. */
  azureState?: string;
  /** A compute instance's idle shutdown (an ISO 8601 duration such as PT30M), null when none is set. */
  idleShutdown?: string | null;
}

/** An operation Azure has accepted; `done` settles when it has finished (rejects with a ServiceError). */
export interface RunningOperation {
  done: Promise<void>;
  /**
   * What following the operation to its end takes, as plain text to keep in shared state: another instance (or
   * this one after a restart) resumes polling from it without asking Azure to start or deallocate again.
   */
  resumeState: string;
}

export interface ComputeManager {
  readonly backendName: string;
  /** False for the stand-in used when no training VMs are configured. */
  readonly configured: boolean;
  /** The VM names the bot manages (TRAINING_VMS), in configured order. */
  readonly vmNames: readonly string[];
  /** The Azure ML compute instances the bot manages (AZUREML_COMPUTE_INSTANCES), in configured order. */
  readonly computeInstanceNames: readonly string[];
  /** The configured name for `name` (case-insensitive), or undefined when it is not managed. */
  resolve(name: string): string | undefined;
  get(name: string): Promise<VmStatus>;
  /** Every machine the bot manages: the VMs, then the compute instances. */
  getAll(): Promise<VmStatus[]>;
  /** The power state alone (one instance-view call): what a start or stop checks first. */
  powerState(name: string): Promise<PowerState>;
  /** Sends the request; resolves once Azure accepted it, with the operation still running. */
  begin(action: VmAction, name: string, options?: { signal?: AbortSignal }): Promise<RunningOperation>;
  /**
   * Follows an operation `begin` started, from its `resumeState`, with no new request to start or deallocate;
   * `done` rejects with a ServiceError when the state is not one this backend would have saved for that VM.
   */
  resume(action: VmAction, name: string, resumeState: string, options?: { signal?: AbortSignal }): RunningOperation;
  /** Sets a compute instance's idle shutdown to `minutes`, or clears it (undefined); a VM is refused. */
  setIdleShutdown(name: string, minutes: number | undefined): Promise<void>;
}

const POWER_STATES: Record<string, PowerState> = {
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped-allocated',
  deallocating: 'deallocating',
  deallocated: 'deallocated',
};

/** `PowerState/stopped` -> stopped-allocated, as the instance view reports it. */
export function powerStateFromCode(code: string | undefined): PowerState {
  const match = /^PowerState\/(\w+)$/i.exec(code ?? '');
  return (match && POWER_STATES[match[1].toLowerCase()]) || 'unknown';
}

/**
 * Azure bills compute while a VM is starting, running, stopping or stopped (still allocated); not once it is
 * deallocating or deallocated ("States and billing status of Azure Virtual Machines").
 */
export function isBilled(state: PowerState): boolean | undefined {
  if (state === 'unknown') return undefined;
  return !(state === 'deallocating' || state === 'deallocated');
}

/** The state an action leads to, and the states in which it has nothing to do. */
export const ACTION_TARGET: Record<VmAction, { target: PowerState; alreadyThere: readonly PowerState[] }> = {
  start: { target: 'running', alreadyThere: ['running', 'starting'] },
  deallocate: { target: 'deallocated', alreadyThere: ['deallocated', 'deallocating'] },
};
