/** The per-VM auto-shutdown schedule (Azure's own `Microsoft.DevTestLab/schedules`): the port and its domain types. */

export interface AutoStopSchedule {
  /** 24-hour `HH:MM`, in `timeZone`. */
  time: string;
  /** A Windows time zone id, as Azure takes it ("UTC", "W. Europe Standard Time"). */
  timeZone: string;
  /** False for a schedule that exists but is switched off (in the portal, say). */
  enabled: boolean;
  /** Whether Azure notifies a webhook before shutting down. */
  notifies: boolean;
}

export interface AutoStopRequest {
  time: string;
  timeZone: string;
  /** The VM's region: the schedule lives beside it. */
  location?: string;
  /** Where Azure posts the notice 30 minutes before; absent: no notice. */
  webhookUrl?: string;
}

/** How long before the shutdown Azure posts its notice. */
export const NOTICE_MINUTES = 30;

export interface AutoShutdownSchedules {
  /** False for the stand-in used when training VMs are not set up. */
  readonly configured: boolean;
  /** The VM's schedule, or undefined when it has none. */
  get(vm: string): Promise<AutoStopSchedule | undefined>;
  /** Creates or replaces the VM's daily schedule. */
  set(vm: string, request: AutoStopRequest): Promise<AutoStopSchedule>;
  /** Removes the VM's schedule; false when it had none. */
  remove(vm: string): Promise<boolean>;
}

/** Azure's name for a VM's auto-shutdown schedule, as the portal creates it. */
export function scheduleName(vm: string): string {
  return `shutdown-computevm-${vm}`;
}

/** `19:00` -> `1900` (Azure's form) and back. */
export function toAzureTime(time: string): string {
  return time.replace(':', '');
}

export function fromAzureTime(time: string | undefined): string | undefined {
  const match = /^(\d{2})(\d{2})$/.exec(time ?? '');
  return match ? `${match[1]}:${match[2]}` : undefined;
}
