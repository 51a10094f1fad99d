import type { AzureMachineLearningWorkspaces, JobBase } from '@azure/arm-machinelearning';
import { withDeadline } from '../deadline.js';
import { ServiceError } from '../errors.js';
import { jobsError } from './jobsErrors.js';
import { workspaceClient, type WorkspaceClientOptions } from './workspaceClient.js';
import { JOB_NAME, type JobStatus, type JobSummary, type MachineLearningJobs } from './MachineLearningJobs.js';

/** How many jobs a list reads at most, whatever the experiment (pages of the workspace's jobs, newest first). */
const MAX_JOBS_READ = 200;

const STATUSES: readonly JobStatus[] = [
  'NotStarted', 'Queued', 'Preparing', 'Provisioning', 'Starting', 'Running', 'Finalizing', 'CancelRequested',
  'Completed', 'Failed', 'Canceled', 'NotResponding', 'Paused',
];

/** The workspace's jobs through Azure Resource Manager (`@azure/arm-machinelearning`). */
export class AzureMlJobs implements MachineLearningJobs {
  readonly configured = true;
  readonly backendName: string;
  readonly workspaceId: string;
  private readonly client: AzureMachineLearningWorkspaces;

  constructor(private readonly options: WorkspaceClientOptions) {
    const { subscriptionId, resourceGroup, workspace } = options.config;
    this.backendName = `Azure Machine Learning workspace ${workspace}`;
    this.workspaceId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}`;
    this.client = workspaceClient(options);
  }

  async list({ experiment, top }: { experiment?: string; top: number }): Promise<JobSummary[]> {
    const { resourceGroup, workspace } = this.options.config;
    try {
      return await withDeadline(this.options.requestTimeoutMs * 3, async (abortSignal) => {
        const found: JobSummary[] = [];
        let read = 0;
        for await (const job of this.client.jobs.list(resourceGroup, workspace, { abortSignal })) {
          if (++read > MAX_JOBS_READ) break;
          const summary = toSummary(job);
          if (experiment === undefined || summary.experiment?.toLowerCase() === experiment.toLowerCase()) found.push(summary);
          if (experiment === undefined && found.length >= top * 5) break;
        }
        return found.sort((a, b) => (b.submittedAt ?? 0) - (a.submittedAt ?? 0)).slice(0, top);
      });
    } catch (error) {
      throw jobsError(error, workspace, 'listing the jobs of');
    }
  }

  async get(name: string): Promise<JobSummary> {
    const { resourceGroup, workspace } = this.options.config;
    checkName(name);
    try {
      return toSummary(await this.client.jobs.get(resourceGroup, workspace, name, { abortSignal: AbortSignal.timeout(this.options.requestTimeoutMs) }));
    } catch (error) {
      throw jobsError(error, workspace, `reading the job ${name} in`, name);
    }
  }

  async cancel(name: string): Promise<void> {
    const { resourceGroup, workspace } = this.options.config;
    checkName(name);
    try {
      await this.client.jobs.beginCancelAndWait(resourceGroup, workspace, name, {
        abortSignal: AbortSignal.timeout(this.options.operationTimeoutMs),
        updateIntervalInMs: this.options.pollIntervalMs,
      });
    } catch (error) {
      throw jobsError(error, workspace, `cancelling the job ${name} in`, name);
    }
  }
}

function checkName(name: string): void {
  if (!JOB_NAME.test(name)) throw new ServiceError('bad-request', 'A job name has only letters, digits, - _ and . in it.');
}

function toSummary(job: JobBase): JobSummary {
  const { properties } = job;
  const status = STATUSES.find((known) => known === properties.status) ?? 'Unknown';
  return {
    name: job.name ?? '',
    displayName: properties.displayName ?? undefined,
    experiment: properties.experimentName,
    status,
    compute: properties.computeId?.split('/').pop() || undefined,
    submittedAt: job.systemData?.createdAt?.getTime(),
    lastChangedAt: job.systemData?.lastModifiedAt?.getTime(),
    studioUrl: studioLink(properties.services?.Studio?.endpoint ?? undefined),
  };
}

/** Only an https link is shown (it is Azure's, but it goes into a chat). */
function studioLink(endpoint: string | undefined): string | undefined {
  return endpoint?.startsWith('https://') ? endpoint : undefined;
}
