import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { ComputeManagementClientOptionalParams } from '@azure/arm-compute';
import type { ComputeConfig } from '../../config/index.js';
import { AzureComputeManager } from './AzureComputeManager.js';
import type { ComputeManager } from './ComputeManager.js';

export interface ComputeManagerOverrides {
  /** Default: DefaultAzureCredential (managed identity, AZURE_CLIENT_ID/SECRET/TENANT_ID, developer login). */
  credential?: TokenCredential;
  pollIntervalMs?: number;
  clientOptions?: ComputeManagementClientOptionalParams;
}

/**
 * Azure Resource Manager when training VMs are configured; undefined otherwise (the VM commands then say
 * how to configure them). DefaultAzureCredential reads its own environment variables (AZURE_CLIENT_ID,
 * AZURE_CLIENT_SECRET, AZURE_TENANT_ID, IDENTITY_ENDPOINT, IDENTITY_HEADER, ...): that is the SDK's doing.
 */
export function createComputeManager(config: ComputeConfig | undefined, overrides: ComputeManagerOverrides = {}): ComputeManager | undefined {
  if (!config) return undefined;
  return new AzureComputeManager({
    credential: overrides.credential ?? new DefaultAzureCredential(),
    subscriptionId: config.subscriptionId,
    vms: config.vms,
    endpoint: config.resourceManagerEndpoint,
    pollIntervalMs: overrides.pollIntervalMs,
    clientOptions: overrides.clientOptions,
  });
}
