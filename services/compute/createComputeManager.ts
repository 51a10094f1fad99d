import type { TokenCredential } from '@azure/identity';
import type { ComputeManagementClientOptionalParams } from '@azure/arm-compute';
import type { ComputeConfig } from '../../config/index.js';
import type { ComputeManager } from './ComputeManager.js';
import { NotConfiguredCompute } from './NotConfiguredCompute.js';

export interface ComputeManagerOverrides {
  /** Default: DefaultAzureCredential (managed identity, AZURE_CLIENT_ID/SECRET/TENANT_ID, developer login). */
  credential?: TokenCredential;
  pollIntervalMs?: number;
  clientOptions?: ComputeManagementClientOptionalParams;
}

/**
 * Azure Resource Manager when training VMs are configured (the Azure SDKs are loaded only then); otherwise a
 * stand-in whose every call says they are not set up. DefaultAzureCredential reads its own environment variables
 * (AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_TENANT_ID, IDENTITY_ENDPOINT, IDENTITY_HEADER, ...): that is the
 * SDK's doing.
 */
export async function createComputeManager(
  config: ComputeConfig | undefined,
  timeouts: { requestMs: number; operationMs: number },
  overrides: ComputeManagerOverrides = {},
): Promise<ComputeManager> {
  if (!config) return new NotConfiguredCompute();
  const [{ AzureComputeManager }, { DefaultAzureCredential }] = await Promise.all([import('./AzureComputeManager.js'), import('@azure/identity')]);
  return new AzureComputeManager({
    credential: overrides.credential ?? new DefaultAzureCredential(),
    subscriptionId: config.subscriptionId,
    vms: config.vms,
    endpoint: config.resourceManagerEndpoint,
    pollIntervalMs: overrides.pollIntervalMs,
    clientOptions: overrides.clientOptions,
    requestTimeoutMs: timeouts.requestMs,
    operationTimeoutMs: timeouts.operationMs,
  });
}
