import type { AzureMachineLearningWorkspaces, ComputeInstance, ComputeResource } from '@azure/arm-machinelearning';
import { createSerializer, type OperationSpec, type OperationQueryParameter, type OperationURLParameter } from '@azure/core-client';
import { seconds, withDeadline } from '../deadline.js';
import { ServiceError } from '../errors.js';
import { isBilled, type ComputeManager, type PowerState, type RunningOperation, type VmAction, type VmStatus } from '../compute/ComputeManager.js';
import { computeError } from './computeErrors.js';
import { workspaceClient, type WorkspaceClientOptions } from './workspaceClient.js';

/**
 * The REST api-version of every compute call. The SDK's own (2022-10-01) has no idle shutdown: 2024-04-01's compute
 * instance carries `idleTimeBeforeShutdown`, and has `updateIdleShutdownSetting`, which the SDK 2.1.1 has no method for.
 */
export const COMPUTE_API_VERSION = '2024-04-01';

/** The SDK's poller of a start or stop (its type stays in this file). */
type ComputePoller = Awaited<ReturnType<AzureMachineLearningWorkspaces['computeOperations']['beginStart']>>;

const VERBS: Record<VmAction, string> = { start: 'starting', deallocate: 'stopping' };

/** Azure ML's compute instance states, as the REST reference spells them, and what they mean for a start or stop. */
const STATES: Record<string, PowerState> = {
  Running: 'running',
  JobRunning: 'running',
  Starting: 'starting',
  Restarting: 'starting',
  SettingUp: 'starting',
  UserSettingUp: 'starting',
  Stopping: 'deallocating',
  Stopped: 'deallocated',
};

/**
 * The Azure ML compute instances labmate may start and stop (AZUREML_COMPUTE_INSTANCES), through Azure Resource
 * Manager (`@azure/arm-machinelearning`); nothing else in the workspace is touched.
 */
export class AzureMlComputeInstances implements ComputeManager {
  readonly configured = true;
  readonly backendName: string;
  readonly vmNames: readonly string[] = [];
  readonly computeInstanceNames: readonly string[];
  private readonly client: AzureMachineLearningWorkspaces;
  private readonly byName: Map<string, string>;

  constructor(private readonly options: WorkspaceClientOptions) {
    this.computeInstanceNames = options.config.computeInstances;
    this.byName = new Map(this.computeInstanceNames.map((name) => [name.toLowerCase(), name]));
    this.backendName = `the Azure Machine Learning workspace ${options.config.workspace}`;
    this.client = workspaceClient(options, COMPUTE_API_VERSION);
  }

  resolve(name: string): string | undefined {
    return this.byName.get(name.toLowerCase());
  }

  async get(name: string): Promise<VmStatus> {
    const instance = this.managed(name);
    const { resourceGroup, workspace } = this.options.config;
    let body: unknown;
    try {
      const resource = await this.client.computeOperations.get(resourceGroup, workspace, instance, {
        abortSignal: AbortSignal.timeout(this.options.requestTimeoutMs),
        // The SDK's model drops what its api-version did not have (the idle shutdown): it is read from the JSON.
        onResponse: (response) => (body = response.parsedBody),
      });
      return this.toStatus(instance, resource, body);
    } catch (error) {
      throw computeError(error, workspace, `reading the state of the compute instance ${instance} in`, instance);
    }
  }

  /** Every configured instance, from one paged list of the workspace's computes (`nextLink`). */
  async getAll(): Promise<VmStatus[]> {
    const { resourceGroup, workspace } = this.options.config;
    try {
      const found = await withDeadline(this.options.requestTimeoutMs * 3, async (abortSignal) => {
        const bodies = new Map<string, unknown>();
        const resources = new Map<string, ComputeResource>();
        const onResponse = (response: { parsedBody?: unknown }) => {
          for (const item of (response.parsedBody as { value?: Array<{ name?: string }> } | undefined)?.value ?? []) {
            if (item.name) bodies.set(item.name.toLowerCase(), item);
          }
        };
        for await (const resource of this.client.computeOperations.list(resourceGroup, workspace, { abortSignal, onResponse })) {
          const name = resource.name && this.resolve(resource.name);
          if (name) resources.set(name, resource);
          if (resources.size === this.computeInstanceNames.length) break;
        }
        return { bodies, resources };
      });
      return this.computeInstanceNames.map((name) => {
        const resource = found.resources.get(name);
        if (!resource) throw notInWorkspace(name, workspace);
        return this.toStatus(name, resource, found.bodies.get(name.toLowerCase()));
      });
    } catch (error) {
      throw computeError(error, workspace, 'listing the compute instances of');
    }
  }

  async powerState(name: string): Promise<PowerState> {
    return (await this.get(name)).powerState;
  }

  async begin(action: VmAction, name: string, { signal }: { signal?: AbortSignal } = {}): Promise<RunningOperation> {
    const instance = this.managed(name);
    const { resourceGroup, workspace } = this.options.config;
    const overall = AbortSignal.timeout(this.options.operationTimeoutMs);
    let poller: ComputePoller;
    try {
      // Sends the POST and reads the operation's first status: resolves once Azure has accepted it. The poller keeps
      // this signal for every later poll: the deadline's part only ever aborts when the deadline passes.
      poller = await withDeadline(this.options.requestTimeoutMs * 2, (deadline) => {
        const options = { updateIntervalInMs: this.options.pollIntervalMs, abortSignal: AbortSignal.any([withOverall(overall, signal), deadline]) };
        return action === 'start'
          ? this.client.computeOperations.beginStart(resourceGroup, workspace, instance, options)
          : this.client.computeOperations.beginStop(resourceGroup, workspace, instance, options);
      });
    } catch (error) {
      throw computeError(error, workspace, `${VERBS[action]} the compute instance ${instance} in`, instance);
    }
    const resumeState = JSON.stringify({ computeInstance: instance, action, poller: poller.toString() } satisfies SavedOperation);
    return { done: this.finished(poller, action, instance, overall), resumeState };
  }

  resume(action: VmAction, name: string, resumeState: string, { signal }: { signal?: AbortSignal } = {}): RunningOperation {
    const done = (async () => {
      const instance = this.managed(name);
      const { resourceGroup, workspace } = this.options.config;
      const saved = checkResumeState(resumeState, this.options.endpoint, instance, action);
      const overall = AbortSignal.timeout(this.options.operationTimeoutMs);
      // With `resumeFrom`, the SDK polls the saved operation: no second POST.
      const options = { resumeFrom: saved.poller, updateIntervalInMs: this.options.pollIntervalMs, abortSignal: withOverall(overall, signal) };
      let poller: ComputePoller;
      try {
        poller =
          action === 'start'
            ? await this.client.computeOperations.beginStart(resourceGroup, workspace, instance, options)
            : await this.client.computeOperations.beginStop(resourceGroup, workspace, instance, options);
      } catch (error) {
        throw this.unfinished(error, action, instance, overall);
      }
      return this.finished(poller, action, instance, overall);
    })().catch((error: unknown) => {
      throw error instanceof ServiceError ? error : new ServiceError('bad-request', `I could not follow ${VERBS[action]} ${name} any further.`, { cause: error });
    });
    done.catch(() => undefined);
    return { done, resumeState };
  }

  async setIdleShutdown(name: string, minutes: number | undefined): Promise<void> {
    const instance = this.managed(name);
    const { resourceGroup, workspace } = this.options.config;
    // `off` sends the setting without a duration: the REST reference's IdleShutdownSetting has only this optional field.
    const parameters = minutes === undefined ? {} : { idleTimeBeforeShutdown: `PT${minutes}M` };
    try {
      await this.client.sendOperationRequest(
        { resourceGroupName: resourceGroup, workspaceName: workspace, computeName: instance, parameters, options: { abortSignal: AbortSignal.timeout(this.options.requestTimeoutMs) } },
        UPDATE_IDLE_SHUTDOWN,
      );
    } catch (error) {
      throw computeError(error, workspace, `changing the idle shutdown of the compute instance ${instance} in`, instance);
    }
  }

  private managed(name: string): string {
    const instance = this.resolve(name);
    if (!instance) throw new ServiceError('bad-request', `I only manage these compute instances: ${this.computeInstanceNames.join(', ')}. \`${name}\` is not one of them.`);
    return instance;
  }

  private toStatus(name: string, resource: ComputeResource, body: unknown): VmStatus {
    const { workspace, resourceGroup } = this.options.config;
    const compute = resource.properties;
    if (compute?.computeType !== 'ComputeInstance') {
      throw new ServiceError('bad-request', `${name} in the workspace ${workspace} is not a compute instance, so I cannot start or stop it.`, {
        adminHint: `AZUREML_COMPUTE_INSTANCES names ${name}, which is a ${compute?.computeType ?? 'compute of unknown type'}: list compute instances only (clusters scale on their own).`,
      });
    }
    const properties = (compute as ComputeInstance).properties;
    const azureState = properties?.state ?? 'Unknown';
    const powerState = STATES[azureState] ?? 'unknown';
    const last = properties?.lastOperation;
    const startedAt =
      powerState === 'running' && (last?.operationName === 'Start' || last?.operationName === 'Create') && last.operationStatus === 'Succeeded'
        ? last.operationTime?.getTime()
        : undefined;
    return {
      name,
      resourceGroup,
      kind: 'compute-instance',
      workspace,
      azureState,
      powerState,
      size: properties?.vmSize,
      location: resource.location ?? compute.computeLocation,
      // Stopped and Stopping do not bill for compute; a state labmate does not know is left unknown.
      billed: STATES[azureState] === undefined ? undefined : isBilled(powerState),
      // Compute instances run Azure ML's Ubuntu images: their price is the Linux one of their size.
      osType: 'Linux',
      startedAt: Number.isFinite(startedAt) ? startedAt : undefined,
      idleShutdown: idleShutdownOf(body),
    };
  }

  /** Settles when Azure reports the operation's end; an unsuccessful end becomes a ServiceError saying what Azure said. */
  private finished(poller: ComputePoller, action: VmAction, instance: string, overall: AbortSignal): Promise<void> {
    const done = poller.pollUntilDone({ abortSignal: overall }).then(
      () => undefined,
      (error: unknown) => {
        throw this.unfinished(error, action, instance, overall, poller);
      },
    );
    done.catch(() => undefined);
    return done;
  }

  private unfinished(error: unknown, action: VmAction, instance: string, overall: AbortSignal, poller?: ComputePoller): ServiceError {
    const state = poller?.getOperationState();
    if (state?.isCancelled || (state?.error && !overall.aborted)) {
      // The SDK words a failed end "The long-running operation has failed. <code>. <message>": the code is Azure's.
      const code = /has failed\. ([\w.]+)\./.exec(state.error?.message ?? '')?.[1];
      return new ServiceError(
        'operation-failed',
        `Azure reports that ${VERBS[action]} the compute instance ${instance} ${state.isCancelled ? 'was canceled' : 'failed'}${code ? ` (${code})` : ''}. ` +
          'Its page in Azure Machine Learning studio says why; try again, or ask an administrator.',
        { cause: error },
      );
    }
    const why = overall.aborted
      ? `Azure had not finished ${VERBS[action]} ${instance} after ${minutes(this.options.operationTimeoutMs)}, so I stopped waiting`
      : `I lost track of ${VERBS[action]} ${instance}: Azure stopped answering about it`;
    return new ServiceError('outcome-unknown', `${why}; it may still finish. Ask \`vm status ${instance}\` where it is.`, { cause: error });
  }
}

interface SavedOperation {
  computeInstance: string;
  action: VmAction;
  /** The SDK poller's own serialized state. */
  poller: string;
}

/** The idle shutdown Azure reports (`properties.properties.idleTimeBeforeShutdown`), null when none is set. */
function idleShutdownOf(body: unknown): string | null | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as { properties?: { properties?: { idleTimeBeforeShutdown?: unknown } } }).properties?.properties?.idleTimeBeforeShutdown;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Refuses a saved state that is not this instance's operation, or that would send the bot's token elsewhere than
 * `endpoint` (the poller polls the URLs it holds).
 */
function checkResumeState(resumeState: string, endpoint: string, instance: string, action: VmAction): SavedOperation {
  const saved = JSON.parse(resumeState) as Partial<SavedOperation>;
  if (saved.computeInstance?.toLowerCase() !== instance.toLowerCase() || saved.action !== action || typeof saved.poller !== 'string') {
    throw new Error('the saved operation state is not this compute instance operation');
  }
  const config = (JSON.parse(saved.poller) as { state?: { config?: Record<string, unknown> } }).state?.config ?? {};
  const origin = new URL(endpoint).origin;
  const urls = ['operationLocation', 'resourceLocation'].map((key) => config[key]).filter((url) => url !== undefined);
  if (!config.operationLocation || !urls.every((url) => typeof url === 'string' && new URL(url, endpoint).origin === origin)) {
    throw new Error('the saved operation state polls somewhere other than the configured Resource Manager endpoint');
  }
  return saved as SavedOperation;
}

function notInWorkspace(name: string, workspace: string): ServiceError {
  return new ServiceError('not-found', `The workspace ${workspace} has no compute instance ${name}. Please tell the bot's administrator.`, {
    adminHint: `AZUREML_COMPUTE_INSTANCES names ${name}, which the workspace ${workspace} does not have: check the name and AZUREML_WORKSPACE.`,
  });
}

function withOverall(overall: AbortSignal, signal: AbortSignal | undefined): AbortSignal {
  return signal ? AbortSignal.any([signal, overall]) : overall;
}

function minutes(ms: number): string {
  const value = Math.round(ms / 60_000);
  return value >= 1 ? `${value} min` : seconds(ms);
}

const stringParameter = (name: string, serializedName = name): OperationURLParameter => ({ parameterPath: name, mapper: { serializedName, required: true, type: { name: 'String' } } });

const API_VERSION_PARAMETER: OperationQueryParameter = {
  parameterPath: 'apiVersion',
  mapper: { defaultValue: COMPUTE_API_VERSION, isConstant: true, serializedName: 'api-version', type: { name: 'String' } },
};

/** `POST .../computes/{computeName}/updateIdleShutdownSetting` (Compute_UpdateIdleShutdownSetting), answered 200. */
const UPDATE_IDLE_SHUTDOWN: OperationSpec = {
  path: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}/computes/{computeName}/updateIdleShutdownSetting',
  httpMethod: 'POST',
  responses: { 200: {}, default: {} },
  requestBody: {
    parameterPath: 'parameters',
    mapper: { serializedName: 'parameters', required: true, type: { name: 'Composite', modelProperties: { idleTimeBeforeShutdown: { serializedName: 'idleTimeBeforeShutdown', type: { name: 'String' } } } } },
  },
  queryParameters: [API_VERSION_PARAMETER],
  urlParameters: [
    { ...stringParameter('$host'), skipEncoding: true },
    stringParameter('subscriptionId'),
    stringParameter('resourceGroupName'),
    stringParameter('workspaceName'),
    stringParameter('computeName'),
  ],
  headerParameters: [
    { parameterPath: ['options', 'contentType'], mapper: { defaultValue: 'application/json', isConstant: true, serializedName: 'Content-Type', type: { name: 'String' } } },
    { parameterPath: 'accept', mapper: { defaultValue: 'application/json', isConstant: true, serializedName: 'Accept', type: { name: 'String' } } },
  ],
  mediaType: 'json',
  serializer: createSerializer({}, false),
};
