import type { Capabilities } from '../../commands/Capabilities.js';
import type { VmCostView } from '../../documents/costs.js';
import type { VmStatus } from '../../services/compute/ComputeManager.js';

/**
 * A VM's auto-stop, price and cost so far, for `vm list` and `vm status`. What cannot be read is left out (and
 * logged): a list of VMs still answers when the schedules or the price list do not.
 */
export async function vmCosts(vm: VmStatus, { costs, logger }: Capabilities): Promise<VmCostView> {
  const [autoStop, price] = await Promise.all([
    costs.schedules.get(vm.name).then(
      (schedule) => schedule ?? null,
      (error: unknown) => {
        logger.warn('could not read the auto-stop schedule of a VM', { vm: vm.name, error });
        return undefined;
      },
    ),
    // The OS sets the price: without it there is no price, rather than a guess.
    vm.location && vm.size && vm.osType ? costs.prices.hourly({ region: vm.location, size: vm.size, os: vm.osType }) : Promise.resolve(undefined),
  ]);
  return { autoStop, price, osType: vm.osType, startedAt: vm.powerState === 'running' ? vm.startedAt : undefined, now: Date.now() };
}
