import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TEST_SUBSCRIPTION_ID, type FakeArm } from './fakeArm.js';

/** The api-version labmate sends for computes (services/machineLearning/AzureMlComputeInstances.ts). */
export const COMPUTE_API_VERSION = '2024-04-01';

export interface FakeComputeInstance {
  name: string;
  /** properties.properties.state: Running, JobRunning, Stopped, Starting, Stopping... */
  state: string;
  vmSize?: string;
  location?: string;
  /** properties.properties.idleTimeBeforeShutdown (ISO 8601); absent: none set. */
  idleTimeBeforeShutdown?: string;
  /** properties.properties.lastOperation; a start or stop through this fake sets it. */
  lastOperation?: { operationName: string; operationTime: number; operationStatus: string };
  /** properties.computeType (default ComputeInstance). */
  computeType?: string;
}

export interface ComputeRequest {
  method: string;
  path: string;
  body?: unknown;
}

interface ComputeOperation {
  id: string;
  instance: FakeComputeInstance;
  action: 'start' | 'stop';
  pollsLeft: number;
  manual: boolean;
  released: boolean;
  outcome: 'Succeeded' | 'Failed';
  status: 'InProgress' | 'Succeeded' | 'Failed';
}

/**
 * The Azure ML compute calls of the Resource Manager REST API, answered on a FakeArm's endpoint (same token, same
 * host, as one Resource Manager): GET .../workspaces/{ws}/computes (pages of `pageSize`, `nextLink` to the next),
 * GET .../computes/{name} (404 ResourceNotFound for an unknown one), POST .../computes/{name}/start and /stop answering
 * 202 with Azure-AsyncOperation (`{status: InProgress|Succeeded|Failed}`), Location (202 until done, then 200) and
 * Retry-After, POST .../computes/{name}/updateIdleShutdownSetting (`{idleTimeBeforeShutdown}`, 200). Another
 * api-version than labmate's is refused (400), as Resource Manager refuses one it does not know.
 */
export class FakeAzureMlCompute {
  readonly requests: ComputeRequest[] = [];
  readonly instances = new Map<string, FakeComputeInstance>();
  readonly operations = new Map<string, ComputeOperation>();
  pageSize = 2;
  /** InProgress answers before the end; with `manual`, InProgress until `completeAll()`. */
  behaviour = { inProgressPolls: 1, manual: false, outcome: 'Succeeded' as 'Succeeded' | 'Failed' };
  /** Answer every compute request with this status (403, 429, 500...) instead. */
  failWith?: number;
  /** Hold every compute request without an answer (a Resource Manager that does not answer). */
  hang = false;

  constructor(
    private readonly arm: FakeArm,
    readonly resourceGroup: string,
    readonly workspace: string,
    instances: FakeComputeInstance[],
  ) {
    for (const instance of instances) this.add(instance);
    arm.providers.push((req, res, url, body) => this.handle(req, res, url, body));
  }

  get workspaceId(): string {
    return `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/${this.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${this.workspace}`;
  }

  add(instance: FakeComputeInstance): void {
    this.instances.set(instance.name.toLowerCase(), { vmSize: 'Standard_NC6s_v3', location: 'westeurope', ...instance });
  }

  instance(name: string): FakeComputeInstance {
    const found = this.instances.get(name.toLowerCase());
    if (!found) throw new Error(`no fake compute instance ${name}`);
    return found;
  }

  /** POSTs of start or stop (optionally of one instance). */
  actionCalls(action: 'start' | 'stop', name?: string): ComputeRequest[] {
    return this.requests.filter((request) => request.method === 'POST' && request.path.includes(`/computes/${name ?? ''}`) && request.path.includes(`/${action}?`));
  }

  idleShutdownCalls(): ComputeRequest[] {
    return this.requests.filter((request) => request.method === 'POST' && request.path.includes('/updateIdleShutdownSetting?'));
  }

  operationPolls(): ComputeRequest[] {
    return this.requests.filter((request) => request.method === 'GET' && request.path.includes('/computeOperations/'));
  }

  completeAll(): void {
    for (const operation of this.operations.values()) operation.released = true;
  }

  reset(): void {
    this.requests.length = 0;
    this.failWith = undefined;
    this.hang = false;
    this.pageSize = 2;
    this.behaviour = { inProgressPolls: 1, manual: false, outcome: 'Succeeded' };
  }

  private handle(req: IncomingMessage, res: ServerResponse, url: URL, body: unknown): boolean {
    const operation = new RegExp(`^/subscriptions/${TEST_SUBSCRIPTION_ID}/providers/Microsoft\\.MachineLearningServices/locations/[^/]+/computeOperations/([^/]+)$`).exec(url.pathname);
    const prefix = `${this.workspaceId}/computes`;
    if (!operation && !url.pathname.toLowerCase().startsWith(prefix.toLowerCase())) return false;
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, body });
    if (this.hang) return true;
    if (url.searchParams.get('api-version') !== COMPUTE_API_VERSION) {
      send(res, 400, { error: { code: 'InvalidApiVersionParameter', message: `The api-version '${url.searchParams.get('api-version')}' is invalid.` } });
      return true;
    }
    if (this.failWith) {
      send(res, this.failWith, { error: { code: this.failWith === 403 ? 'AuthorizationFailed' : this.failWith === 429 ? 'TooManyRequests' : 'InternalServerError', message: 'failure for the test' } }, this.failWith === 429 ? { 'retry-after': '0' } : {});
      return true;
    }
    if (operation && req.method === 'GET') {
      this.answerOperation(res, operation[1], url.searchParams.get('monitor') === 'true');
      return true;
    }
    if (url.pathname === prefix && req.method === 'GET') {
      this.answerList(res, Number(url.searchParams.get('$skip') ?? 0));
      return true;
    }
    const match = new RegExp(`^${escape(prefix)}/([^/]+)(?:/(start|stop|updateIdleShutdownSetting))?$`).exec(url.pathname);
    const instance = match && this.instances.get(decodeURIComponent(match[1]).toLowerCase());
    if (!match || !instance) {
      send(res, 404, { error: { code: 'ResourceNotFound', message: 'The Resource was not found.' } });
      return true;
    }
    const verb = match[2];
    if (req.method === 'GET' && verb === undefined) send(res, 200, this.resource(instance));
    else if (req.method === 'POST' && (verb === 'start' || verb === 'stop')) this.beginOperation(res, instance, verb);
    else if (req.method === 'POST' && verb === 'updateIdleShutdownSetting') {
      const idle = (body as { idleTimeBeforeShutdown?: unknown } | undefined)?.idleTimeBeforeShutdown;
      if (typeof idle === 'string') instance.idleTimeBeforeShutdown = idle;
      else delete instance.idleTimeBeforeShutdown;
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    } else send(res, 405, { error: { code: 'MethodNotAllowed', message: 'The method is not allowed.' } });
    return true;
  }

  private answerList(res: ServerResponse, skip: number): void {
    const all = [...this.instances.values()];
    const page = all.slice(skip, skip + this.pageSize);
    const next = skip + this.pageSize < all.length ? `${this.arm.endpoint}${this.workspaceId}/computes?api-version=${COMPUTE_API_VERSION}&$skip=${skip + this.pageSize}` : undefined;
    send(res, 200, { value: page.map((instance) => this.resource(instance)), ...(next ? { nextLink: next } : {}) });
  }

  private beginOperation(res: ServerResponse, instance: FakeComputeInstance, action: 'start' | 'stop'): void {
    const id = randomUUID();
    this.operations.set(id, { id, instance, action, pollsLeft: this.behaviour.inProgressPolls, manual: this.behaviour.manual, released: false, outcome: this.behaviour.outcome, status: 'InProgress' });
    instance.state = action === 'start' ? 'Starting' : 'Stopping';
    const operationUrl = `${this.arm.endpoint}/subscriptions/${TEST_SUBSCRIPTION_ID}/providers/Microsoft.MachineLearningServices/locations/${instance.location}/computeOperations/${id}?api-version=${COMPUTE_API_VERSION}`;
    res.writeHead(202, { 'azure-asyncoperation': operationUrl, location: `${operationUrl}&monitor=true`, 'retry-after': '0', 'content-length': '0' });
    res.end();
  }

  private answerOperation(res: ServerResponse, id: string, monitor: boolean): void {
    const operation = this.operations.get(id);
    if (!operation) return send(res, 404, { error: { code: 'NotFound', message: 'The operation was not found.' } });
    if (operation.status === 'InProgress' && !monitor) {
      const finished = operation.manual ? operation.released : operation.pollsLeft <= 0;
      if (finished) this.finish(operation);
      else operation.pollsLeft--;
    }
    if (monitor) {
      res.writeHead(operation.status === 'InProgress' ? 202 : 200, { 'retry-after': '0', 'content-length': '0' });
      return void res.end();
    }
    const answer: Record<string, unknown> = { name: id, status: operation.status };
    if (operation.status === 'Failed') answer.error = { code: 'ComputeInstanceStartFailed', message: 'The compute instance could not be started.' };
    send(res, 200, answer, operation.status === 'InProgress' ? { 'retry-after': '0' } : {});
  }

  private finish(operation: ComputeOperation): void {
    const { instance, action } = operation;
    operation.status = operation.outcome;
    const succeeded = operation.outcome === 'Succeeded';
    instance.state = (action === 'start') === succeeded ? 'Running' : 'Stopped';
    instance.lastOperation = { operationName: action === 'start' ? 'Start' : 'Stop', operationTime: Date.now(), operationStatus: succeeded ? 'Succeeded' : action === 'start' ? 'StartFailed' : 'StopFailed' };
  }

  private resource(instance: FakeComputeInstance): Record<string, unknown> {
    const last = instance.lastOperation;
    return {
      id: `${this.workspaceId}/computes/${instance.name}`,
      name: instance.name,
      type: 'Microsoft.MachineLearningServices/workspaces/computes',
      location: instance.location,
      properties: {
        computeType: instance.computeType ?? 'ComputeInstance',
        computeLocation: instance.location,
        provisioningState: 'Succeeded',
        properties: {
          vmSize: instance.vmSize,
          state: instance.state,
          ...(instance.idleTimeBeforeShutdown ? { idleTimeBeforeShutdown: instance.idleTimeBeforeShutdown } : {}),
          ...(last ? { lastOperation: { ...last, operationTime: new Date(last.operationTime).toISOString(), operationTrigger: 'User' } } : {}),
          applicationSharingPolicy: 'Personal',
        },
      },
    };
  }
}

/** The environment of a labmate with this workspace's compute instances beside the FakeArm's VMs. */
export function computeInstancesEnv(fake: FakeAzureMlCompute, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AZUREML_WORKSPACE: `${fake.resourceGroup}/${fake.workspace}`,
    AZUREML_COMPUTE_INSTANCES: [...fake.instances.values()].map((instance) => instance.name).join(','),
    ...extra,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
