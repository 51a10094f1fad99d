import type { Capabilities } from '../Capabilities.js';
import type { VmCostView } from '../../cards/costs.js';
import type { VmStatus } from '../../services/compute/ComputeManager.js';
import type { HourlyPrice, VmPrices } from '../../services/costs/VmPrices.js';

/**
 * A VM's auto-stop, price and cost so far, for `vm list` and `vm status`. What cannot be read is left out (and
 * logged): a list of VMs still answers when the schedules or the price list do not.
 */
export async function vmCosts(vm: VmStatus, { costs, logger }: Capabilities): Promise<VmCostView> {
  const startedAt = vm.powerState === 'running' ? vm.startedAt : undefined;
  // A compute instance has no daily schedule (its idle shutdown comes with its status): only its price is looked up.
  if (vm.kind === 'compute-instance') return { autoStop: null, price: await hourlyPriceOf(vm, costs.prices), osType: vm.osType, startedAt, now: Date.now() };
  const [autoStop, price] = await Promise.all([
    costs.schedules.get(vm.name).then(
      (schedule) => schedule ?? null,
      (error: unknown) => {
        logger.warn('could not read the auto-stop schedule of a VM', { vm: vm.name, error });
        return undefined;
      },
    ),
    hourlyPriceOf(vm, costs.prices),
  ]);
  return { autoStop, price, osType: vm.osType, startedAt, now: Date.now() };
}

/** The VM's pay-as-you-go price per hour. The OS sets the price: without it (or region, size) there is no price, rather than a guess. */
export async function hourlyPriceOf(vm: VmStatus, prices: VmPrices): Promise<HourlyPrice | undefined> {
  return vm.location && vm.size && vm.osType ? prices.hourly({ region: vm.location, size: vm.size, os: vm.osType }) : undefined;
}
