import { notConfigured } from '../compute/NotConfiguredCompute.js';
import type { AutoShutdownSchedules, AutoStopSchedule } from './AutoShutdown.js';
import type { VmActivity, VmMetrics } from './VmMetrics.js';
import type { HourlyPrice, VmPrices } from './VmPrices.js';

/** No training VMs configured: schedules say so, as every `vm` command does. */
export class NotConfiguredAutoShutdown implements AutoShutdownSchedules {
  readonly configured = false;

  async get(): Promise<AutoStopSchedule | undefined> {
    throw notConfigured();
  }

  async set(): Promise<AutoStopSchedule> {
    throw notConfigured();
  }

  async remove(): Promise<boolean> {
    throw notConfigured();
  }
}

/** No training VMs configured: no metrics, so nothing ever reads as idle. */
export class NotConfiguredMetrics implements VmMetrics {
  readonly configured = false;

  async activity(): Promise<VmActivity> {
    return {};
  }
}

/** No training VMs configured: no prices to look up. */
export class NoPrices implements VmPrices {
  async hourly(): Promise<HourlyPrice | undefined> {
    return undefined;
  }
}
