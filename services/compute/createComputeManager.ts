import type { TokenCredential } from '@azure/identity';
import type { ComputeManagementClientOptionalParams } from '@azure/arm-compute';
import type { ComputeConfig, MachineLearningConfig } from '../../config/index.js';
import type { ComputeManager } from './ComputeManager.js';
import { NotConfiguredCompute } from './NotConfiguredCompute.js';

export interface ComputeManagerOverrides {
  /** Default: DefaultAzureCredential (managed identity, AZURE_CLIENT_ID/SECRET/TENANT_ID, developer login). */
  credential?: TokenCredential;
  pollIntervalMs?: number;
  clientOptions?: ComputeManagementClientOptionalParams;
}

/**
 * Azure Resource Manager when training VMs or Azure ML compute instances are configured (each one's SDK is loaded only
 * then); otherwise a stand-in whose every call says they are not set up. DefaultAzureCredential reads its own
 * environment variables (AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_TENANT_ID, IDENTITY_ENDPOINT, IDENTITY_HEADER,
 * ...): that is the SDK's doing.
 */
export async function createComputeManager(
  config: ComputeConfig | undefined,
  timeouts: { requestMs: number; operationMs: number },
  overrides: ComputeManagerOverrides = {},
  machineLearning?: MachineLearningConfig,
): Promise<ComputeManager> {
  const instancesConfig = machineLearning && machineLearning.computeInstances.length > 0 ? machineLearning : undefined;
  if (!config && !instancesConfig) return new NotConfiguredCompute();
  const { DefaultAzureCredential } = await import('@azure/identity');
  const credential = overrides.credential ?? new DefaultAzureCredential();
  const common = { pollIntervalMs: overrides.pollIntervalMs, requestTimeoutMs: timeouts.requestMs, operationTimeoutMs: timeouts.operationMs };
  const vms = config ? await azureVms(config, credential, common, overrides.clientOptions) : new NotConfiguredCompute();
  if (!instancesConfig) return vms;
  const [{ AzureMlComputeInstances }, { TrainingMachines }] = await Promise.all([import('../machineLearning/AzureMlComputeInstances.js'), import('./TrainingMachines.js')]);
  const instances = new AzureMlComputeInstances({ credential, config: instancesConfig, endpoint: instancesConfig.resourceManagerEndpoint, ...common });
  return new TrainingMachines(vms, instances);
}

async function azureVms(
  config: ComputeConfig,
  credential: TokenCredential,
  common: { pollIntervalMs?: number; requestTimeoutMs: number; operationTimeoutMs: number },
  clientOptions: ComputeManagementClientOptionalParams | undefined,
): Promise<ComputeManager> {
  const { AzureComputeManager } = await import('./AzureComputeManager.js');
  return new AzureComputeManager({ credential, subscriptionId: config.subscriptionId, vms: config.vms, endpoint: config.resourceManagerEndpoint, clientOptions, ...common });
}
