import type { TrainingVmRef } from '../../config/index.js';
import { httpStatusOf } from '../azureRestErrors.js';
import { isDeadlineExceeded } from '../deadline.js';
import { ServiceError } from '../errors.js';

/** Refuses, before any Azure call, a name that is not in TRAINING_VMS. */
export function managedVm(vms: ReadonlyMap<string, TrainingVmRef>, name: string): TrainingVmRef {
  const vm = vms.get(name.toLowerCase());
  if (!vm) throw new ServiceError('bad-request', `I only manage these VMs: ${[...vms.values()].map((entry) => entry.name).join(', ')}. \`${name}\` is not one of them.`);
  return vm;
}

export function byName(vms: readonly TrainingVmRef[]): Map<string, TrainingVmRef> {
  return new Map(vms.map((vm) => [vm.name.toLowerCase(), vm]));
}

/** The VM's resource id, as ARM spells it. */
export function vmResourceId(subscriptionId: string, vm: TrainingVmRef): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${vm.name}`;
}

/**
 * An ARM error met while `doing` something to a VM (`reading the auto-stop schedule of`), in words for the chat; the
 * role to check goes to the log as `adminHint`.
 */
export function armError(error: unknown, vm: TrainingVmRef, doing: string, permission: string): ServiceError {
  if (error instanceof ServiceError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationError' || name === 'AggregateAuthenticationError') {
    return new ServiceError('auth', "I could not sign in to Azure to manage the training VMs. Please tell the bot's administrator.", {
      cause: error,
      adminHint: 'DefaultAzureCredential found no credential: give the bot a managed identity, or set AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_TENANT_ID.',
    });
  }
  if (isDeadlineExceeded(error)) {
    return new ServiceError('unavailable', `Azure did not answer in time while ${doing} ${vm.name}. Please try again in a few minutes.`, { cause: error });
  }
  const status = httpStatusOf(error);
  if (status === undefined) {
    return new ServiceError('unavailable', `I could not reach Azure while ${doing} ${vm.name}. Please try again in a few minutes.`, { cause: error });
  }
  switch (status) {
    case 401:
    case 403:
      return new ServiceError('auth', `Azure did not allow the bot to go on ${doing} ${vm.name}. Please tell the bot's administrator.`, {
        cause: error,
        adminHint: `Give the bot's identity ${permission} on the resource group ${vm.resourceGroup} (the template's labmate VM operator role has it).`,
      });
    case 429:
      return new ServiceError('rate-limited', `Azure is throttling requests right now; try ${vm.name} again in a minute.`, { cause: error });
    default:
      return new ServiceError('unavailable', `Azure did not answer properly while ${doing} ${vm.name}. Please try again in a few minutes.`, { cause: error });
  }
}
