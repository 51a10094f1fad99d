/** Azure Monitor's platform metrics of a training VM: the port. */
export interface VmMetrics {
  readonly configured: boolean;
  /**
   * The VM's average `Percentage CPU` over the last `minutes`, or undefined when Azure has no data points for that
   * window (a VM that just started, a metrics outage): no data is never read as idle.
   */
  averageCpuPercent(vm: string, minutes: number): Promise<number | undefined>;
}
