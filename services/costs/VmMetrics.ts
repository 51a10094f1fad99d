/**
 * What Azure Monitor's platform metrics say a training VM did over a window. The host measures them without any
 * agent in the VM, so every VM has them; a GPU's use is not among them.
 */
export interface VmActivity {
  /** Average `Percentage CPU`. */
  cpuPercent?: number;
  /** `Network In Total` and `Network Out Total`: bytes over the window, all network interfaces. */
  networkInBytes?: number;
  networkOutBytes?: number;
  /** `Disk Read Bytes` and `Disk Write Bytes`: bytes over the window, all disks. */
  diskReadBytes?: number;
  diskWriteBytes?: number;
}

/** Azure Monitor's platform metrics of a training VM: the port. */
export interface VmMetrics {
  readonly configured: boolean;
  /**
   * The VM's activity over the last `minutes`; a measure Azure has no data points for in that window (a VM that just
   * started, a metrics outage) is left out, and a measure left out is never read as idle.
   */
  activity(vm: string, minutes: number): Promise<VmActivity>;
}

/** The most network and disk traffic an idle VM has in an hour (agents, updates, logs, an open SSH session). */
export const IDLE_BYTES_PER_HOUR = {
  networkInBytes: 50 * 1024 * 1024,
  networkOutBytes: 50 * 1024 * 1024,
  diskReadBytes: 100 * 1024 * 1024,
  diskWriteBytes: 100 * 1024 * 1024,
} as const satisfies Record<Exclude<keyof VmActivity, 'cpuPercent'>, number>;

/**
 * Idle: every measure was there and low over the window: average CPU below `cpuPercent`, and network and disk traffic
 * below IDLE_BYTES_PER_HOUR (scaled to the window). A training job shows in at least one of them, except one that
 * keeps a GPU busy on data already in memory: Azure cannot see that, and the reminder says so.
 */
export function isIdle(activity: VmActivity, { cpuPercent, minutes }: { cpuPercent: number; minutes: number }): boolean {
  if (activity.cpuPercent === undefined || activity.cpuPercent >= cpuPercent) return false;
  return (Object.keys(IDLE_BYTES_PER_HOUR) as Array<keyof typeof IDLE_BYTES_PER_HOUR>).every((measure) => {
    const bytes = activity[measure];
    return bytes !== undefined && bytes < (IDLE_BYTES_PER_HOUR[measure] * minutes) / 60;
  });
}
