import { MonitorClient } from '@azure/arm-monitor';
import type { TokenCredential } from '@azure/identity';
import type { TrainingVmRef } from '../../config/index.js';
import { armError, byName, managedVm, vmResourceId } from '../compute/armErrors.js';
import { requestTimeoutPolicy } from '../deadline.js';
import type { VmActivity, VmMetrics } from './VmMetrics.js';

export interface AzureVmMetricsOptions {
  credential: TokenCredential;
  subscriptionId: string;
  vms: readonly TrainingVmRef[];
  endpoint: string;
  /** One call, retries included, must be done within this. */
  requestMs: number;
}

/** The platform metrics read, by their names in the REST API, and the aggregation each is read with. */
const MEASURES = {
  'Percentage CPU': { field: 'cpuPercent', aggregation: 'average' },
  'Network In Total': { field: 'networkInBytes', aggregation: 'total' },
  'Network Out Total': { field: 'networkOutBytes', aggregation: 'total' },
  'Disk Read Bytes': { field: 'diskReadBytes', aggregation: 'total' },
  'Disk Write Bytes': { field: 'diskWriteBytes', aggregation: 'total' },
} as const satisfies Record<string, { field: keyof VmActivity; aggregation: 'average' | 'total' }>;

type MeasureName = keyof typeof MEASURES;

/**
 * The VMs' platform metrics through Resource Manager (`@azure/arm-monitor`, api-version 2018-01-01): the host
 * measures CPU, network and disk traffic without any agent in the VM, so every VM has them. One call asks for all
 * five (metric names comma-separated, aggregations Average and Total).
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

  async activity(name: string, minutes: number): Promise<VmActivity> {
    const vm = managedVm(this.vms, name);
    const end = Date.now();
    const timespan = `${new Date(end - minutes * 60_000).toISOString()}/${new Date(end).toISOString()}`;
    try {
      // The operation's path is `/{resourceUri}/providers/...` with the id unencoded: the id goes without its leading slash.
      const response = await this.client.metrics.list(vmResourceId(this.options.subscriptionId, vm).slice(1), {
        metricnames: Object.keys(MEASURES).join(','),
        aggregation: 'Average,Total',
        interval: 'PT5M',
        timespan,
        abortSignal: AbortSignal.timeout(this.options.requestMs),
      });
      const activity: VmActivity = {};
      for (const metric of response.value) {
        const measure = MEASURES[metric.name.value as MeasureName] as (typeof MEASURES)[MeasureName] | undefined;
        if (!measure) continue;
        const points = metric.timeseries
          .flatMap((series) => series.data ?? [])
          .map((point) => point[measure.aggregation])
          .filter((value): value is number => typeof value === 'number');
        if (points.length === 0) continue;
        const sum = points.reduce((total, value) => total + value, 0);
        activity[measure.field] = measure.aggregation === 'average' ? sum / points.length : sum;
      }
      return activity;
    } catch (error) {
      throw armError(error, vm, 'reading the CPU, network and disk use of', 'Microsoft.Insights/metrics/read');
    }
  }
}
