import type { TokenCredential } from '@azure/identity';
import type { MachineLearningConfig } from '../../config/index.js';
import type { MachineLearningJobs } from './MachineLearningJobs.js';
import { NotConfiguredJobs } from './NotConfiguredJobs.js';

export interface MachineLearningJobsOverrides {
  /** Default: DefaultAzureCredential (managed identity, AZURE_CLIENT_ID/SECRET/TENANT_ID, developer login). */
  credential?: TokenCredential;
  /** Poll interval of a cancellation when Azure sends no usable Retry-After. */
  pollIntervalMs?: number;
}

/**
 * Azure Resource Manager when a workspace is configured (the SDK is loaded only then); otherwise a stand-in whose
 * every call says it is not set up. Same credential and ARM endpoint as the training VMs.
 */
export async function createMachineLearningJobs(
  config: MachineLearningConfig | undefined,
  timeouts: { requestMs: number; operationMs: number },
  overrides: MachineLearningJobsOverrides = {},
): Promise<MachineLearningJobs> {
  if (!config) return new NotConfiguredJobs();
  const [{ AzureMlJobs }, { DefaultAzureCredential }] = await Promise.all([import('./AzureMlJobs.js'), import('@azure/identity')]);
  return new AzureMlJobs({
    credential: overrides.credential ?? new DefaultAzureCredential(),
    config,
    endpoint: config.resourceManagerEndpoint,
    pollIntervalMs: overrides.pollIntervalMs,
    requestTimeoutMs: timeouts.requestMs,
    operationTimeoutMs: timeouts.operationMs,
  });
}
