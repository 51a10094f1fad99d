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
      const done = Promise.reject(unresumable(error, action, name));
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

/** Why a saved poller state was refused, in words fit for the log: URLs without their query (Azure signs some in it). */
class UnresumableState extends Error {
  override name = 'UnresumableState';
}

/**
 * Refuses a saved poller state that would send the bot's token elsewhere than `endpoint`, or poll another VM's
 * operation; the error says which.
 */
function checkResumeState(resumeState: string, endpoint: string, operationPath: string): void {
  let parsed: { state?: { config?: Record<string, unknown> } };
  try {
    parsed = JSON.parse(resumeState) as typeof parsed;
  } catch {
    throw new UnresumableState(`the saved poller state is not JSON (${resumeState.length} characters)`);
  }
  const config = parsed?.state?.config ?? {};
  const origin = new URL(endpoint).origin;
  for (const name of ['initialRequestUrl', 'operationLocation', 'resourceLocation']) {
    const url = config[name];
    if (url === undefined) continue;
    const parsedUrl = typeof url === 'string' && URL.canParse(url, endpoint) ? new URL(url, endpoint) : undefined;
    if (!parsedUrl) throw new UnresumableState(`the saved poller state's ${name} is not a URL`);
    if (parsedUrl.origin !== origin) {
      throw new UnresumableState(`the saved poller state's ${name} is at ${parsedUrl.origin}, not at the configured Resource Manager endpoint ${origin}`);
    }
  }
  if (typeof config.initialRequestUrl !== 'string') throw new UnresumableState('the saved poller state has no initialRequestUrl');
  const initial = new URL(config.initialRequestUrl, endpoint);
  if (initial.pathname.toLowerCase() !== operationPath.toLowerCase()) {
    throw new UnresumableState(`the saved poller state is for ${initial.pathname}, not for ${operationPath}`);
  }
  if (!config.operationLocation) throw new UnresumableState('the saved poller state has no operationLocation to poll');
}

/**
 * The end of an operation that could not be resumed: its outcome is unknown to the bot. The reason, with what an
 * administrator should check, is the error's adminHint; nothing of the saved state but origins and paths is in it
 * (the poller's own errors quote the whole state, signed URLs included, so they are not kept).
 */
function unresumable(error: unknown, action: VmAction, name: string): ServiceError {
  if (error instanceof ServiceError) {
    // The one ServiceError here: the VM is not managed by this instance.
    return new ServiceError(error.code, error.userMessage, { adminHint: `The VM operation saved for ${name} cannot be resumed: ${name} is not in this instance's TRAINING_VMS. Check that TRAINING_VMS is the same on every instance.` });
  }
  const reason = error instanceof UnresumableState ? error.message : `the poller could not be restored from the saved state (${error instanceof Error ? error.name : 'error'})`;
  return new ServiceError('outcome-unknown', `I could not follow ${VERBS[action]} ${name} any further; it may still finish. Ask \`vm status ${name}\` where it is.`, {
    adminHint:
      `The VM operation saved for ${name} cannot be resumed: ${reason}. Check that AZURE_RESOURCE_MANAGER_ENDPOINT and AZURE_SUBSCRIPTION_ID are the same on ` +
      'every instance, and that nothing but labmate writes to its state container.',
  });
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
