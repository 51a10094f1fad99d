import { DevTestLabsClient, type Schedule } from '@azure/arm-devtestlabs';
import type { TokenCredential } from '@azure/identity';
import type { TrainingVmRef } from '../../config/index.js';
import { httpStatusOf } from '../azureRestErrors.js';
import { armError, byName, managedVm, vmResourceId } from '../compute/armErrors.js';
import { requestTimeoutPolicy } from '../deadline.js';
import { fromAzureTime, NOTICE_MINUTES, scheduleName, toAzureTime, type AutoShutdownSchedules, type AutoStopRequest, type AutoStopSchedule } from './AutoShutdown.js';

export interface AzureAutoShutdownOptions {
  credential: TokenCredential;
  subscriptionId: string;
  vms: readonly TrainingVmRef[];
  /** ARM endpoint; the token scope follows it. */
  endpoint: string;
  /** One call, retries included, must be done within this. */
  requestMs: number;
}

const PERMISSION = 'Microsoft.DevTestLab/schedules read, write and delete';

/**
 * The VMs' auto-shutdown schedules through Resource Manager (`@azure/arm-devtestlabs` global schedules, api-version
 * 2018-09-15): `shutdown-computevm-<vm>` in the VM's resource group, as the portal names it, so the portal shows
 * what labmate set and the other way round.
 */
export class AzureAutoShutdown implements AutoShutdownSchedules {
  readonly configured = true;
  private readonly client: DevTestLabsClient;
  private readonly vms: Map<string, TrainingVmRef>;

  constructor(private readonly options: AzureAutoShutdownOptions) {
    this.vms = byName(options.vms);
    this.client = new DevTestLabsClient(options.credential, options.subscriptionId, {
      additionalPolicies: [{ policy: requestTimeoutPolicy(options.requestMs), position: 'perRetry' }],
      // Requests are built from $host; the token scope follows `endpoint`.
      $host: options.endpoint,
      endpoint: options.endpoint,
    });
  }

  async get(name: string): Promise<AutoStopSchedule | undefined> {
    const vm = managedVm(this.vms, name);
    try {
      return toDomain(await this.client.globalSchedules.get(vm.resourceGroup, scheduleName(vm.name), { abortSignal: this.deadline() }));
    } catch (error) {
      if (httpStatusOf(error) === 404) return undefined;
      throw armError(error, vm, 'reading the shutdown schedule of', PERMISSION);
    }
  }

  async set(name: string, request: AutoStopRequest): Promise<AutoStopSchedule> {
    const vm = managedVm(this.vms, name);
    const schedule: Schedule = {
      location: request.location,
      status: 'Enabled',
      taskType: 'ComputeVmShutdownTask',
      dailyRecurrence: { time: toAzureTime(request.time) },
      timeZoneId: request.timeZone,
      targetResourceId: vmResourceId(this.options.subscriptionId, vm),
      notificationSettings: request.webhookUrl
        ? { status: 'Enabled', timeInMinutes: NOTICE_MINUTES, webhookUrl: request.webhookUrl, notificationLocale: 'en' }
        : { status: 'Disabled', timeInMinutes: NOTICE_MINUTES },
    };
    try {
      const saved = await this.client.globalSchedules.createOrUpdate(vm.resourceGroup, scheduleName(vm.name), schedule, { abortSignal: this.deadline() });
      return toDomain(saved) ?? { time: request.time, timeZone: request.timeZone, enabled: true, notifies: request.webhookUrl !== undefined };
    } catch (error) {
      throw armError(error, vm, 'setting the shutdown schedule of', PERMISSION);
    }
  }

  async remove(name: string): Promise<boolean> {
    const vm = managedVm(this.vms, name);
    try {
      // ARM answers 204 when there was nothing to delete; a GET first tells the person which it was.
      if (!(await this.get(vm.name))) return false;
      await this.client.globalSchedules.delete(vm.resourceGroup, scheduleName(vm.name), { abortSignal: this.deadline() });
      return true;
    } catch (error) {
      throw armError(error, vm, 'removing the shutdown schedule of', PERMISSION);
    }
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.options.requestMs);
  }
}

function toDomain(schedule: Schedule): AutoStopSchedule | undefined {
  const time = fromAzureTime(schedule.dailyRecurrence?.time);
  if (!time) return undefined;
  return {
    time,
    timeZone: schedule.timeZoneId ?? 'UTC',
    enabled: schedule.status !== 'Disabled',
    notifies: schedule.notificationSettings?.status === 'Enabled' && Boolean(schedule.notificationSettings.webhookUrl),
  };
}
