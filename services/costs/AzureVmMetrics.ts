import { MonitorClient } from '@azure/arm-monitor';
import type { TokenCredential } from '@azure/identity';
import type { TrainingVmRef } from '../../config/index.js';
import { armError, byName, managedVm, vmResourceId } from '../compute/armErrors.js';
import { requestTimeoutPolicy } from '../deadline.js';
import type { VmMetrics } from './VmMetrics.js';

export interface AzureVmMetricsOptions {
  credential: TokenCredential;
  subscriptionId: string;
  vms: readonly TrainingVmRef[];
  endpoint: string;
  /** One call, retries included, must be done within this. */
  requestMs: number;
}

/**
 * The VMs' platform metrics through Resource Manager (`@azure/arm-monitor`, api-version 2018-01-01): the host
 * measures `Percentage CPU` without any agent in the VM, so every VM has it.
 */
export class AzureVmMetrics implements VmMetrics {
  readonly configured = true;
  private readonly client: MonitorClient;
  private readonly vms: Map<string, TrainingVmRef>;

  constructor(private readonly options: AzureVmMetricsOptions) {
    this.vms = byName(options.vms);
    this.client = new MonitorClient(options.credential, options.subscriptionId, {
      additionalPolicies: [{ policy: requestTimeoutPolicy(options.requestMs), position: 'perRetry' }],
      // Requests are built from $host; without credentialScopes the token would be for the public cloud.
      $host: options.endpoint,
      endpoint: options.endpoint,
      credentialScopes: [`${options.endpoint}/.default`],
    });
  }

  async averageCpuPercent(name: string, minutes: number): Promise<number | undefined> {
    const vm = managedVm(this.vms, name);
    const end = Date.now();
    const timespan = `${new Date(end - minutes * 60_000).toISOString()}/${new Date(end).toISOString()}`;
    try {
      // The operation's path is `/{resourceUri}/providers/...` with the id unencoded: the id goes without its leading slash.
      const response = await this.client.metrics.list(vmResourceId(this.options.subscriptionId, vm).slice(1), {
        metricnames: 'Percentage CPU',
        aggregation: 'Average',
        interval: 'PT5M',
        timespan,
        abortSignal: AbortSignal.timeout(this.options.requestMs),
      });
      const points = response.value
        .flatMap((metric) => metric.timeseries)
        .flatMap((series) => series.data ?? [])
        .map((point) => point.average)
        .filter((average): average is number => typeof average === 'number');
      if (points.length === 0) return undefined;
      return points.reduce((sum, value) => sum + value, 0) / points.length;
    } catch (error) {
      throw armError(error, vm, 'reading the CPU use of', 'Microsoft.Insights/metrics/read');
    }
  }
}
