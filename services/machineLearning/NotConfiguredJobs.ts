import { notSetUp } from '../errors.js';
import type { JobSummary, MachineLearningJobs } from './MachineLearningJobs.js';

const ADMIN_HINT =
  'Set AZURE_SUBSCRIPTION_ID and AZUREML_WORKSPACE (resourceGroup/workspaceName), and give the bot\'s identity the ' +
  "template's labmate role on the workspace (read jobs, cancel jobs).";

/** No Azure ML workspace configured: every call says so (and the log says how to set it up). */
export class NotConfiguredJobs implements MachineLearningJobs {
  readonly configured = false;
  readonly backendName = 'no Azure Machine Learning workspace';
  readonly workspaceId = '';

  async list(): Promise<JobSummary[]> {
    throw jobsNotSetUp();
  }

  async get(): Promise<JobSummary> {
    throw jobsNotSetUp();
  }

  async cancel(): Promise<void> {
    throw jobsNotSetUp();
  }
}

export function jobsNotSetUp() {
  return notSetUp('Azure Machine Learning jobs', ADMIN_HINT);
}
