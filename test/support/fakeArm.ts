import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { answerMetrics, answerSchedule } from './fakeArmCosts.js';
import { sharedManagedIdentity, type FakeManagedIdentity } from './managedIdentity.js';

export const TEST_SUBSCRIPTION_ID = '00000000-1111-4222-8333-444444444444';

export interface FakeVm {
  resourceGroup: string;
  name: string;
  /** The instance view's PowerState code suffix: running, stopped, deallocated... */
  power: string;
  size?: string;
  location?: string;
  /** The OS disk's type (default Linux). */
  os?: 'Linux' | 'Windows';
  /** When its last operation ended (the instance view's ProvisioningState time); a start sets it. */
  provisionedAt?: number;
  /** `Percentage CPU` averages the metrics API answers with (one per 5-minute grain); empty: no data. */
  cpu?: number[];
  /** `Network In Total` and `Network Out Total`: bytes per 5-minute grain; absent: no data. */
  network?: { in: number[]; out: number[] };
  /** `Disk Read Bytes` and `Disk Write Bytes`: bytes per 5-minute grain; absent: no data. */
  disk?: { read: number[]; write: number[] };
}

export interface ArmRequest {
  method: string;
  path: string;
  authorization?: string;
  /** The JSON body of a PUT. */
  body?: unknown;
}

/** A `Microsoft.DevTestLab/schedules` resource as stored (the PUT's body, plus what ARM adds). */
export interface FakeSchedule {
  resourceGroup: string;
  name: string;
  location?: string;
  properties: Record<string, unknown>;
}

/** How the next operations behave. */
export interface OperationBehaviour {
  /** InProgress answers before the terminal status; ignored when `durationMs` or `manual` is set. */
  inProgressPolls: number;
  /** Or: InProgress until this long after the POST. */
  durationMs?: number;
  /** Or: InProgress until `completeAll()`. */
  manual?: boolean;
  outcome: 'Succeeded' | 'Failed';
  /** Sent with the 202 and every InProgress answer (seconds, as ARM sends it). */
  retryAfter: string;
  /** Answer the POST with 409 OperationNotAllowed. */
  conflict: boolean;
}

interface Operation {
  id: string;
  vm: FakeVm;
  action: 'start' | 'deallocate';
  startedAt: number;
  pollsLeft: number;
  behaviour: OperationBehaviour;
  released: boolean;
  status: 'InProgress' | 'Succeeded' | 'Failed';
}

/**
 * A local HTTPS server answering the Azure Resource Manager calls labmate makes for training VMs, as the
 * Compute REST reference and "Track asynchronous Azure operations" document them: GET virtualMachines/{vm}
 * and .../instanceView; POST .../start and .../deallocate answering 202 with Azure-AsyncOperation, Location and
 * Retry-After; the Azure-AsyncOperation URL answering {status: InProgress|Succeeded|Failed, error?}; the
 * Location URL answering 202 until done, then 200; 409 OperationNotAllowed while another operation runs.
 * It accepts the bearer token of the test run's managed identity endpoint (see managedIdentity.ts).
 */
export class FakeArm {
  readonly requests: ArmRequest[] = [];
  readonly vms = new Map<string, FakeVm>();
  readonly operations = new Map<string, Operation>();
  /** Auto-shutdown schedules by `resourceGroup/name` (lower case). */
  readonly schedules = new Map<string, FakeSchedule>();
  behaviour: OperationBehaviour = { inProgressPolls: 1, outcome: 'Succeeded', retryAfter: '0', conflict: false };
  /** Status polls of operations are held without an answer (a Resource Manager that hangs). */
  hangPolls = false;
  /** Requests to auto-shutdown schedules are held without an answer. */
  hangSchedules = false;
  /** How long a start or deallocate request waits before it is accepted (a slow Resource Manager). */
  actionDelayMs = 0;
  /** Other Resource Manager providers answered on the same endpoint (fakeAzureMlCompute.ts); each says whether it took the request. */
  readonly providers: Array<(req: IncomingMessage, res: ServerResponse, url: URL, body: unknown) => boolean> = [];
  private readonly https: Server;
  private identity?: FakeManagedIdentity;

  constructor(vms: FakeVm[]) {
    for (const vm of vms) this.vms.set(key(vm.resourceGroup, vm.name), { size: 'Standard_NC6s_v3', location: 'westeurope', ...vm });
    const key_ = process.env.LABMATE_TEST_TLS_KEY;
    const cert = process.env.LABMATE_TEST_TLS_CERT;
    if (!key_ || !cert) throw new Error('run the tests with `npm test` (or `npx mocha`): .mocharc.cjs makes the test certificate');
    this.https = createHttpsServer({ key: readFileSync(key_), cert: readFileSync(cert) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => this.handleArm(req, res, Buffer.concat(chunks).toString('utf8')));
    });
  }

  /** Starts the HTTPS server, and the test run's managed identity endpoint (IDENTITY_ENDPOINT/IDENTITY_HEADER) if needed. */
  async start(): Promise<void> {
    this.identity = await sharedManagedIdentity();
    await new Promise<void>((resolve) => this.https.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.https.closeAllConnections();
    await new Promise<void>((resolve) => this.https.close(() => resolve()));
  }

  /** Token requests for this server's endpoint as the audience. */
  get tokenRequests(): Array<{ resource: string | null }> {
    return (this.identity?.requests ?? []).filter((request) => request.resource === this.endpoint);
  }

  /** The ARM endpoint, for AZURE_RESOURCE_MANAGER_ENDPOINT. */
  get endpoint(): string {
    return `https://127.0.0.1:${(this.https.address() as AddressInfo).port}`;
  }

  /** POSTs of one action (`start` or `deallocate`), optionally for one VM. */
  actionCalls(action: 'start' | 'deallocate', vmName?: string): ArmRequest[] {
    return this.requests.filter(
      (request) => request.method === 'POST' && request.path.includes(`/${action}?`) && (!vmName || request.path.includes(`/virtualMachines/${vmName}/`)),
    );
  }

  /** Requests to auto-shutdown schedules (any method). */
  scheduleCalls(method?: string): ArmRequest[] {
    return this.requests.filter((request) => request.path.includes('/providers/Microsoft.DevTestLab/schedules/') && (!method || request.method === method));
  }

  /** Status polls of long-running operations (GET .../locations/{location}/operations/{id}). */
  operationPolls(): ArmRequest[] {
    return this.requests.filter((request) => request.method === 'GET' && /\/providers\/Microsoft\.Compute\/locations\/[^/]+\/operations\//.test(request.path));
  }

  /** Requests to the metrics API. */
  metricsCalls(): ArmRequest[] {
    return this.requests.filter((request) => request.path.includes('/providers/Microsoft.Insights/metrics'));
  }

  /** Every request that names a VM (any method). */
  callsFor(vmName: string): ArmRequest[] {
    return this.requests.filter((request) => request.path.includes(`/virtualMachines/${vmName}`));
  }

  /** Ends every manual operation with its configured outcome. */
  completeAll(): void {
    for (const operation of this.operations.values()) operation.released = true;
  }

  reset(): void {
    this.requests.length = 0;
  }

  private handleArm(req: IncomingMessage, res: ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', this.endpoint);
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization: req.headers.authorization, body });
    if (!this.identity || req.headers.authorization !== `Bearer ${this.identity.tokenFor(this.endpoint)}`) {
      return send(res, 401, { error: { code: 'AuthenticationFailed', message: 'Authentication failed.' } });
    }
    if (!url.searchParams.get('api-version')) {
      return send(res, 400, { error: { code: 'MissingApiVersionParameter', message: "The api-version query parameter (?api-version=) is required for all requests." } });
    }
    if (this.providers.some((provider) => provider(req, res, url, body))) return;
    const operation = /\/providers\/Microsoft\.Compute\/locations\/[^/]+\/operations\/([^/]+)$/.exec(url.pathname);
    if (operation && req.method === 'GET' && this.hangPolls) return;
    if (operation && req.method === 'GET') return this.answerOperation(res, operation[1], url.searchParams.get('monitor') === 'true');

    const schedule = new RegExp(`^/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/([^/]+)/providers/Microsoft\\.DevTestLab/schedules/([^/]+)$`).exec(url.pathname);
    if (schedule && this.hangSchedules) return;
    if (schedule) return answerSchedule(this.schedules, req, res, url, decodeURIComponent(schedule[1]), decodeURIComponent(schedule[2]), body, TEST_SUBSCRIPTION_ID);
    const metrics = new RegExp(`^/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachines/([^/]+)/providers/Microsoft\\.Insights/metrics$`).exec(url.pathname);
    if (metrics && req.method === 'GET') {
      return answerMetrics(res, url, this.vms.get(key(decodeURIComponent(metrics[1]), decodeURIComponent(metrics[2]))), url.pathname.split('/providers/Microsoft.Insights')[0]);
    }

    const vmPath = new RegExp(
      `^/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachines/([^/]+)(?:/(instanceView|start|deallocate))?$`,
    ).exec(url.pathname);
    const vm = vmPath && this.vms.get(key(decodeURIComponent(vmPath[1]), decodeURIComponent(vmPath[2])));
    if (!vmPath || !vm) {
      return send(res, 404, { error: { code: 'ResourceNotFound', message: `The Resource was not found.` } });
    }
    const verb = vmPath[3];
    if (req.method === 'GET' && verb === undefined) {
      return send(res, 200, {
        id: `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${vm.name}`,
        name: vm.name,
        type: 'Microsoft.Compute/virtualMachines',
        location: vm.location,
        properties: {
          hardwareProfile: { vmSize: vm.size },
          storageProfile: { osDisk: { osType: vm.os ?? 'Linux', name: `${vm.name}_OsDisk`, createOption: 'FromImage' } },
          provisioningState: 'Succeeded',
        },
      });
    }
    if (req.method === 'GET' && verb === 'instanceView') {
      return send(res, 200, {
        computerName: vm.name,
        statuses: [
          { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: new Date(vm.provisionedAt ?? Date.now()).toISOString() },
          { code: `PowerState/${vm.power}`, level: 'Info', displayStatus: `VM ${vm.power}` },
        ],
      });
    }
    if (req.method === 'POST' && (verb === 'start' || verb === 'deallocate')) {
      if (this.actionDelayMs > 0) return void setTimeout(() => this.beginOperation(res, vm, verb), this.actionDelayMs);
      return this.beginOperation(res, vm, verb);
    }
    send(res, 405, { error: { code: 'MethodNotAllowed', message: 'The method is not allowed.' } });
  }

  private beginOperation(res: ServerResponse, vm: FakeVm, action: 'start' | 'deallocate'): void {
    const running = [...this.operations.values()].some((op) => op.vm === vm && op.status === 'InProgress' && !this.isFinished(op));
    if (this.behaviour.conflict || running) {
      return send(res, 409, {
        error: {
          code: 'OperationNotAllowed',
          message: `Operation '${action}' is not allowed on VM '${vm.name}' since the VM is in the middle of another operation. Please retry later.`,
        },
      });
    }
    const id = randomUUID();
    this.operations.set(id, {
      id,
      vm,
      action,
      startedAt: Date.now(),
      pollsLeft: this.behaviour.inProgressPolls,
      behaviour: { ...this.behaviour },
      released: false,
      status: 'InProgress',
    });
    vm.power = action === 'start' ? 'starting' : 'deallocating';
    const operationUrl = `${this.endpoint}/subscriptions/${TEST_SUBSCRIPTION_ID}/providers/Microsoft.Compute/locations/${vm.location}/operations/${id}?api-version=2024-07-01`;
    res.writeHead(202, {
      'azure-asyncoperation': operationUrl,
      location: `${operationUrl}&monitor=true`,
      'retry-after': this.behaviour.retryAfter,
      'content-length': '0',
    });
    res.end();
  }

  private isFinished(op: Operation): boolean {
    if (op.behaviour.manual) return op.released;
    if (op.behaviour.durationMs !== undefined) return Date.now() - op.startedAt >= op.behaviour.durationMs;
    return op.pollsLeft <= 0;
  }

  private answerOperation(res: ServerResponse, id: string, monitor: boolean): void {
    const op = this.operations.get(id);
    if (!op) return send(res, 404, { error: { code: 'NotFound', message: 'The operation was not found.' } });
    if (op.status === 'InProgress' && !monitor) {
      if (this.isFinished(op)) this.finish(op);
      else op.pollsLeft--;
    }
    if (monitor) {
      // The Location URL: 202 while running, then 200 with no body (start and deallocate return nothing).
      if (op.status === 'InProgress') {
        res.writeHead(202, { location: `${this.endpoint}${new URL(res.req.url ?? '/', this.endpoint).pathname}`, 'retry-after': op.behaviour.retryAfter });
        return void res.end();
      }
      res.writeHead(200, { 'content-length': '0' });
      return void res.end();
    }
    const body: Record<string, unknown> = { name: id, startTime: new Date(op.startedAt).toISOString(), status: op.status };
    if (op.status !== 'InProgress') body.endTime = new Date().toISOString();
    if (op.status === 'Failed') {
      body.error = {
        code: 'AllocationFailed',
        message: 'Allocation failed. We do not have sufficient capacity for the requested VM size in this region.',
      };
    }
    const headers: Record<string, string> = op.status === 'InProgress' ? { 'retry-after': op.behaviour.retryAfter } : {};
    send(res, 200, body, headers);
  }

  private finish(op: Operation): void {
    op.status = op.behaviour.outcome;
    op.vm.provisionedAt = Date.now();
    if (op.status === 'Succeeded') op.vm.power = op.action === 'start' ? 'running' : 'deallocated';
    else op.vm.power = op.action === 'start' ? 'deallocated' : 'running';
  }
}

/** The environment that points labmate at this Resource Manager and makes every one of its VMs a training VM. */
export function trainingVmsEnv(arm: FakeArm): Record<string, string> {
  return {
    AZURE_SUBSCRIPTION_ID: TEST_SUBSCRIPTION_ID,
    TRAINING_VMS: [...arm.vms.values()].map((vm) => `${vm.resourceGroup}/${vm.name}`).join(', '),
    AZURE_RESOURCE_MANAGER_ENDPOINT: arm.endpoint,
  };
}

function key(resourceGroup: string, name: string): string {
  return `${resourceGroup.toLowerCase()}/${name.toLowerCase()}`;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
