import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { sharedManagedIdentity, type FakeManagedIdentity } from './managedIdentity.js';
import { TEST_SUBSCRIPTION_ID } from './fakeArm.js';

/** The api-version `@azure/arm-machinelearning` 2.1.1 sends (its client's default). */
export const AZUREML_API_VERSION = '2022-10-01';

export interface FakeJob {
  name: string;
  displayName?: string;
  experimentName: string;
  status: string;
  compute?: string;
  createdAt: number;
  lastModifiedAt?: number;
}

export interface JobsRequest {
  method: string;
  path: string;
}

/**
 * A local HTTPS server answering the Azure ML jobs calls of the Resource Manager REST API as the SDK makes them:
 * GET .../workspaces/{ws}/jobs (pages of `pageSize`, `nextLink` to the next one), GET .../jobs/{id} (404
 * ResourceNotFound for an unknown one), POST .../jobs/{id}/cancel answering 202 with `Location` (polled: 202 once,
 * then 200; the job is Canceled then). Only the test run's managed-identity token for this endpoint is accepted.
 */
export class FakeAzureMlJobs {
  readonly requests: JobsRequest[] = [];
  readonly jobs = new Map<string, FakeJob>();
  pageSize = 2;
  /** Answer every request with this status (403, 429, 500...) instead. */
  failWith?: number;
  private readonly https: Server;
  private identity?: FakeManagedIdentity;
  private readonly cancels = new Map<string, { job: string; polls: number }>();

  constructor(
    readonly resourceGroup: string,
    readonly workspace: string,
  ) {
    const key = process.env.LABMATE_TEST_TLS_KEY;
    const cert = process.env.LABMATE_TEST_TLS_CERT;
    if (!key || !cert) throw new Error('run the tests with `npx mocha`: .mocharc.cjs makes the test certificate');
    this.https = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
      req.resume();
      req.on('end', () => this.handle(req, res));
    });
  }

  async start(): Promise<void> {
    this.identity = await sharedManagedIdentity();
    await new Promise<void>((resolve) => this.https.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.https.closeAllConnections();
    await new Promise<void>((resolve) => this.https.close(() => resolve()));
  }

  get endpoint(): string {
    return `https://127.0.0.1:${(this.https.address() as AddressInfo).port}`;
  }

  get workspaceId(): string {
    return `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/${this.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${this.workspace}`;
  }

  add(job: FakeJob): void {
    this.jobs.set(job.name, job);
  }

  cancelCalls(job?: string): JobsRequest[] {
    return this.requests.filter((request) => request.method === 'POST' && request.path.includes(`/jobs/${job ?? ''}`) && request.path.includes('/cancel?'));
  }

  reset(): void {
    this.requests.length = 0;
    this.jobs.clear();
    this.failWith = undefined;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.endpoint);
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search });
    if (!this.identity || req.headers.authorization !== `Bearer ${this.identity.tokenFor(this.endpoint)}`) {
      return send(res, 401, { error: { code: 'AuthenticationFailed', message: 'Authentication failed.' } });
    }
    if (url.searchParams.get('api-version') !== AZUREML_API_VERSION) {
      return send(res, 400, { error: { code: 'InvalidApiVersionParameter', message: `The api-version '${url.searchParams.get('api-version')}' is invalid.` } });
    }
    if (this.failWith) return send(res, this.failWith, { error: { code: this.failWith === 429 ? 'TooManyRequests' : 'Error', message: 'failure for the test' } }, this.failWith === 429 ? { 'retry-after': '0' } : {});
    const operation = /\/locations\/westeurope\/mfeOperationResults\/([^/]+)$/.exec(url.pathname);
    if (operation && req.method === 'GET') return this.answerCancelPoll(res, operation[1]);
    const prefix = `${this.workspaceId}/jobs`;
    if (url.pathname === prefix && req.method === 'GET') return this.answerList(res, Number(url.searchParams.get('$skip') ?? 0));
    const match = new RegExp(`^${escape(prefix)}/([^/]+)(/cancel)?$`).exec(url.pathname);
    const job = match && this.jobs.get(decodeURIComponent(match[1]));
    if (!match || !job) return send(res, 404, { error: { code: 'ResourceNotFound', message: 'The Resource was not found.' } });
    if (req.method === 'GET' && !match[2]) return send(res, 200, this.resource(job));
    if (req.method === 'POST' && match[2]) {
      const id = `jc-${this.cancels.size + 1}`;
      this.cancels.set(id, { job: job.name, polls: 1 });
      job.status = 'CancelRequested';
      return send(res, 202, undefined, { location: `${this.endpoint}/subscriptions/${TEST_SUBSCRIPTION_ID}/providers/Microsoft.MachineLearningServices/locations/westeurope/mfeOperationResults/${id}?api-version=${AZUREML_API_VERSION}`, 'retry-after': '0' });
    }
    return send(res, 405, { error: { code: 'MethodNotAllowed', message: 'no' } });
  }

  private answerList(res: ServerResponse, skip: number): void {
    const all = [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
    const page = all.slice(skip, skip + this.pageSize);
    const next = skip + this.pageSize < all.length ? `${this.endpoint}${this.workspaceId}/jobs?api-version=${AZUREML_API_VERSION}&$skip=${skip + this.pageSize}` : undefined;
    send(res, 200, { value: page.map((job) => this.resource(job)), ...(next ? { nextLink: next } : {}) });
  }

  private answerCancelPoll(res: ServerResponse, id: string): void {
    const cancel = this.cancels.get(id);
    if (!cancel) return send(res, 404, { error: { code: 'ResourceNotFound', message: 'no such operation' } });
    if (cancel.polls-- > 0) return send(res, 202, undefined, { location: `${this.endpoint}/subscriptions/${TEST_SUBSCRIPTION_ID}/providers/Microsoft.MachineLearningServices/locations/westeurope/mfeOperationResults/${id}?api-version=${AZUREML_API_VERSION}`, 'retry-after': '0' });
    const job = this.jobs.get(cancel.job);
    if (job) {
      job.status = 'Canceled';
      job.lastModifiedAt = Date.now();
    }
    send(res, 200, undefined);
  }

  private resource(job: FakeJob): Record<string, unknown> {
    return {
      id: `${this.workspaceId}/jobs/${job.name}`,
      name: job.name,
      type: 'Microsoft.MachineLearningServices/workspaces/jobs',
      systemData: { createdAt: new Date(job.createdAt).toISOString(), createdBy: 'Ada', createdByType: 'User', lastModifiedAt: new Date(job.lastModifiedAt ?? job.createdAt).toISOString() },
      properties: {
        jobType: 'Command',
        displayName: job.displayName,
        experimentName: job.experimentName,
        status: job.status,
        computeId: job.compute ? `${this.workspaceId}/computes/${job.compute}` : undefined,
        command: 'python train.py',
        environmentId: 'azureml:AzureML-sklearn-1.0:1',
        services: { Studio: { jobServiceType: 'Studio', endpoint: `https://ml.azure.com/runs/${job.name}?wsid=${this.workspaceId}` } },
        properties: {},
        tags: {},
      },
    };
  }
}

/** The environment of a labmate that works with this fake's workspace (operator: emulator/operator-1). */
export function azureMlEnv(fake: FakeAzureMlJobs, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AZURE_SUBSCRIPTION_ID: TEST_SUBSCRIPTION_ID,
    AZUREML_WORKSPACE: `${fake.resourceGroup}/${fake.workspace}`,
    AZURE_RESOURCE_MANAGER_ENDPOINT: fake.endpoint,
    VM_OPERATORS: 'emulator/operator-1',
    ...extra,
  };
}

/** A RunStatusChanged as the workspace's system topic sends it in the Event Grid schema. */
export function runStatusChanged(fake: FakeAzureMlJobs, job: { name: string; experimentName: string }, runStatus: string, id = randomUUID()): Record<string, unknown> {
  return {
    topic: fake.workspaceId,
    subject: `experiments/0fa9dfaa-cba3-4fa7-b590-23e48548f5c1/runs/${job.name}`,
    eventType: 'Microsoft.MachineLearningServices.RunStatusChanged',
    eventTime: new Date().toISOString(),
    id,
    data: { experimentId: '0fa9dfaa-cba3-4fa7-b590-23e48548f5c1', experimentName: job.experimentName, runId: job.name, runType: 'azureml.scriptrun', runTags: {}, runProperties: {}, runStatus },
    dataVersion: '',
    metadataVersion: '1',
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
