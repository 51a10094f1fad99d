import {
  ComputeManagementClient,
  restorePoller,
  type ComputeManagementClientOptionalParams,
  type VirtualMachineInstanceView,
} from '@azure/arm-compute';
import type { TokenCredential } from '@azure/identity';
import type { TrainingVmRef } from '../../config/index.js';
import { httpStatusOf } from '../azureRestErrors.js';
import { armError, byName, managedVm, vmResourceId } from './armErrors.js';
import { requestTimeoutPolicy, seconds, withDeadline } from '../deadline.js';
import { ServiceError } from '../errors.js';
import {
  isBilled,
  powerStateFromCode,
  type ComputeManager,
  type PowerState,
  type RunningOperation,
  type VmAction,
  type VmStatus,
} from './ComputeManager.js';

export interface AzureComputeManagerOptions {
  credential: TokenCredential;
  subscriptionId: string;
  vms: readonly TrainingVmRef[];
  /** ARM endpoint; the token scope follows it (`<endpoint>/.default`). */
  endpoint: string;
  /** Poll interval when Azure sends no usable Retry-After (the SDK's default is 2 s). */
  pollIntervalMs?: number;
  /** Passed to the SDK client: retry settings, extra pipeline policies. */
  clientOptions?: ComputeManagementClientOptionalParams;
  /** One call (a read, a request, one status poll), retries included. */
  requestTimeoutMs: number;
  /** A start or deallocation, start to end, before it is reported as unknown. */
  operationTimeoutMs: number;
}

/** The SDK's poller of a start or deallocate (its type stays in this file). */
type VmPoller = ReturnType<ComputeManagementClient['virtualMachines']['start']>;

const VERBS: Record<VmAction, string> = { start: 'starting', deallocate: 'deallocating' };

/** Training VMs through Azure Resource Manager (`@azure/arm-compute`); only the configured VMs are ever touched. */
export class AzureComputeManager implements ComputeManager {
  readonly backendName = 'Azure Resource Manager';
  readonly configured = true;
  readonly vmNames: readonly string[];
  readonly computeInstanceNames: readonly string[] = [];
  private readonly client: ComputeManagementClient;
  private readonly byName: Map<string, TrainingVmRef>;

  constructor(private readonly options: AzureComputeManagerOptions) {
    this.vmNames = options.vms.map((vm) => vm.name);
    this.byName = byName(options.vms);
    this.client = new ComputeManagementClient(options.credential, options.subscriptionId, {
      ...options.clientOptions,
      endpoint: options.endpoint,
      credentials: { scopes: [`${options.endpoint}/.default`] },
      // Every request, the operation's status polls included: a poll that hangs is retried, not waited on forever.
      additionalPolicies: [...(options.clientOptions?.additionalPolicies ?? []), { policy: requestTimeoutPolicy(options.requestTimeoutMs), position: 'perRetry' }],
    });
  }

  resolve(name: string): string | undefined {
    return this.byName.get(name.toLowerCase())?.name;
  }

  async get(name: string): Promise<VmStatus> {
    const vm = managedVm(this.byName, name);
    try {
      const [model, view] = await Promise.all([
        this.client.virtualMachines.get(vm.resourceGroup, vm.name, { abortSignal: this.deadline() }),
        this.client.virtualMachines.instanceView(vm.resourceGroup, vm.name, { abortSignal: this.deadline() }),
      ]);
      const powerState = powerStateOf(view);
      return {
        name: vm.name,
        resourceGroup: vm.resourceGroup,
        powerState,
        size: model.hardwareProfile?.vmSize,
        location: model.location,
        billed: isBilled(powerState),
        osType: osTypeOf(model.storageProfile?.osDisk?.osType),
        startedAt: powerState === 'running' ? provisionedAt(view) : undefined,
      };
    } catch (error) {
      throw toServiceError(error, vm, 'reading the state of');
    }
  }

  getAll(): Promise<VmStatus[]> {
    return Promise.all(this.vmNames.map((name) => this.get(name)));
  }

  async setIdleShutdown(name: string): Promise<void> {
    throw new ServiceError('bad-request', `${managedVm(this.byName, name).name} is a VM: its auto-stop is a daily time, \`vm autostop ${name} HH:MM\`.`);
  }

  async powerState(name: string): Promise<PowerState> {
    const vm = managedVm(this.byName, name);
    try {
      return powerStateOf(await this.client.virtualMachines.instanceView(vm.resourceGroup, vm.name, { abortSignal: this.deadline() }));
    } catch (error) {
      throw toServiceError(error, vm, 'reading the state of');
    }
  }

  async begin(action: VmAction, name: string, { signal }: { signal?: AbortSignal } = {}): Promise<RunningOperation> {
    const vm = managedVm(this.byName, name);
    const overall = AbortSignal.timeout(this.options.operationTimeoutMs);
    const options = { updateIntervalInMs: this.options.pollIntervalMs, abortSignal: withOverall(overall, signal) };
    const poller =
      action === 'start'
        ? this.client.virtualMachines.start(vm.resourceGroup, vm.name, options)
        : this.client.virtualMachines.deallocate(vm.resourceGroup, vm.name, options);
    try {
      await withDeadline(this.options.requestTimeoutMs, () => poller.submitted());
    } catch (error) {
      throw toServiceError(error, vm, VERBS[action]);
    }
    return { done: this.finished(poller, action, vm, overall), resumeState: await poller.serialize() };
  }

  resume(action: VmAction, name: string, resumeState: string, { signal }: { signal?: AbortSignal } = {}): RunningOperation {
    try {
      const vm = managedVm(this.byName, name);
      // The saved state names the URLs to poll with the bot's token: only this endpoint's, for this VM's operation.
      checkResumeState(resumeState, this.options.endpoint, `${vmResourceId(this.options.subscriptionId, vm)}/${action}`);
      const source = action === 'start' ? this.client.virtualMachines.start : this.client.virtualMachines.deallocate;
      // How long it ran before is not known here: a resumed operation gets the whole deadline again.
      const overall = AbortSignal.timeout(this.options.operationTimeoutMs);
      const poller = restorePoller(this.client, resumeState, source, { updateIntervalInMs: this.options.pollIntervalMs, abortSignal: withOverall(overall, signal) });
      return { done: this.finished(poller, action, vm, overall), resumeState };
    } catch (error) {
      const done = Promise.reject(error instanceof ServiceError ? error : new ServiceError('bad-request', `I could not follow ${VERBS[action]} ${name} any further.`, { cause: error }));
      done.catch(() => undefined);
      return { done, resumeState };
    }
  }

  /** Settles when Azure reports the operation's end; an unsuccessful end becomes a ServiceError saying what Azure said. */
  private finished(poller: VmPoller, action: VmAction, vm: TrainingVmRef, overall: AbortSignal): Promise<void> {
    const done = poller.pollUntilDone().then(
      () => undefined,
      (error: unknown) => {
        const state = poller.operationState?.status;
        if (state === 'failed' || state === 'canceled') {
          const code = /has failed\. ([\w.]+)\./.exec(error instanceof Error ? error.message : '')?.[1];
          throw new ServiceError(
            'operation-failed',
            `Azure reports that ${VERBS[action]} ${vm.name} ${state === 'canceled' ? 'was canceled' : 'failed'}${code ? ` (${code})` : ''}. ` +
              `The VM's activity log in the Azure portal says why; try again, or ask an administrator.`,
            { cause: error },
          );
        }
        // Azure accepted the operation; only following it failed, so how it ended is unknown, not failed.
        const why = overall.aborted
          ? `Azure had not finished ${VERBS[action]} ${vm.name} after ${minutes(this.options.operationTimeoutMs)}, so I stopped waiting`
          : `I lost track of ${VERBS[action]} ${vm.name}: Azure stopped answering about it`;
        throw new ServiceError('outcome-unknown', `${why}; it may still finish. Ask \`vm status ${vm.name}\` where it is.`, { cause: error });
      },
    );
    // The caller may attach its handler later; a rejection is never unhandled here.
    done.catch(() => undefined);
    return done;
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.options.requestTimeoutMs);
  }
}

function minutes(ms: number): string {
  const value = Math.round(ms / 60_000);
  return value >= 1 ? `${value} min` : seconds(ms);
}

function withOverall(overall: AbortSignal, signal: AbortSignal | undefined): AbortSignal {
  return signal ? AbortSignal.any([signal, overall]) : overall;
}

/** Refuses a saved poller state that would send the bot's token elsewhere than `endpoint`, or poll another VM's operation. */
function checkResumeState(resumeState: string, endpoint: string, operationPath: string): void {
  const config = (JSON.parse(resumeState) as { state?: { config?: Record<string, unknown> } }).state?.config ?? {};
  const origin = new URL(endpoint).origin;
  const urls = ['initialRequestUrl', 'operationLocation', 'resourceLocation'].map((name) => config[name]).filter((url) => url !== undefined);
  const initial = typeof config.initialRequestUrl === 'string' ? new URL(config.initialRequestUrl, endpoint) : undefined;
  const sameOrigin = urls.every((url) => typeof url === 'string' && new URL(url, endpoint).origin === origin);
  if (!initial || !sameOrigin || initial.pathname.toLowerCase() !== operationPath.toLowerCase() || !config.operationLocation) {
    throw new Error('the saved operation state does not describe this VM operation at the configured Resource Manager endpoint');
  }
}

function powerStateOf(view: VirtualMachineInstanceView): PowerState {
  return powerStateFromCode(view.statuses?.find((status) => status.code?.startsWith('PowerState/'))?.code);
}

function osTypeOf(osType: string | undefined): VmStatus['osType'] {
  return osType === 'Linux' || osType === 'Windows' ? osType : undefined;
}

/** The time of the instance view's ProvisioningState status: when the VM's last operation ended. */
function provisionedAt(view: VirtualMachineInstanceView): number | undefined {
  const time = view.statuses?.find((status) => status.code?.startsWith('ProvisioningState/'))?.time;
  const ms = time instanceof Date ? time.getTime() : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** What only a VM's own operations meet (no such VM, another operation under way); the rest as for any ARM call on a VM. */
function toServiceError(error: unknown, vm: TrainingVmRef, doing: string): ServiceError {
  switch (httpStatusOf(error)) {
    case 404:
      return new ServiceError('not-found', `Azure has no VM ${vm.name} where the bot expects it. Please tell the bot's administrator.`, {
        cause: error,
        adminHint: `No VM ${vm.resourceGroup}/${vm.name} in the configured subscription: check TRAINING_VMS and AZURE_SUBSCRIPTION_ID.`,
      });
    case 409:
      return new ServiceError(
        'conflict',
        `Azure is still busy with another operation on ${vm.name} (started elsewhere, or not finished yet). Try again in a minute or two; \`vm status ${vm.name}\` shows where it is.`,
        { cause: error },
      );
    default:
      return armError(error, vm, doing, 'Microsoft.Compute/virtualMachines read, start and deallocate');
  }
}
