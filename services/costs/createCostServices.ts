import type { TokenCredential } from '@azure/identity';
import type { ComputeConfig, CostGuardConfig } from '../../config/index.js';
import type { Logger } from '../../logging/logger.js';
import type { AutoShutdownSchedules } from './AutoShutdown.js';
import { NoPrices, NotConfiguredAutoShutdown, NotConfiguredMetrics } from './NotConfiguredCosts.js';
import { RetailPrices } from './RetailPrices.js';
import type { VmMetrics } from './VmMetrics.js';
import type { VmPrices } from './VmPrices.js';

export interface CostServices {
  schedules: AutoShutdownSchedules;
  metrics: VmMetrics;
  prices: VmPrices;
}

export interface CostServicesOverrides {
  credential?: TokenCredential;
}

/**
 * Azure (schedules, metrics, retail prices) when training VMs are configured, the Azure SDKs loaded only then;
 * retail prices alone for Azure ML compute instances (`computeInstances`); otherwise null objects. `requestMs`: how
 * long one call to Resource Manager or the price list may take, retries included.
 */
export async function createCostServices(
  compute: ComputeConfig | undefined,
  config: CostGuardConfig,
  logger: Logger,
  requestMs: number,
  overrides: CostServicesOverrides = {},
  computeInstances = false,
): Promise<CostServices> {
  // Azure ML compute instances alone have prices, but no schedules or metrics of VMs.
  const prices = compute || computeInstances ? new RetailPrices({ url: config.retailPricesUrl, logger, timeoutMs: requestMs }) : new NoPrices();
  if (!compute) return { schedules: new NotConfiguredAutoShutdown(), metrics: new NotConfiguredMetrics(), prices };
  const [{ AzureAutoShutdown }, { AzureVmMetrics }, { DefaultAzureCredential }] = await Promise.all([
    import('./AzureAutoShutdown.js'),
    import('./AzureVmMetrics.js'),
    import('@azure/identity'),
  ]);
  const credential = overrides.credential ?? new DefaultAzureCredential();
  const common = { credential, subscriptionId: compute.subscriptionId, vms: compute.vms, endpoint: compute.resourceManagerEndpoint, requestMs };
  return {
    schedules: new AzureAutoShutdown(common),
    metrics: new AzureVmMetrics(common),
    prices,
  };
}
