import type { PowerState, VmAction } from '../services/compute/ComputeManager.js';

export interface VmRowView {
  name: string;
  powerState: PowerState;
  size?: string;
  location?: string;
  billed?: boolean;
  /** An operation the bot is running on it, e.g. "starting, asked by Ada". */
  busy?: string;
}

export interface VmListView {
  title: string;
  rows: VmRowView[];
  footer?: string;
}

export interface VmConfirmView {
  vm: string;
  requestId: string;
  minutes: number;
  requesterName: string;
}

export interface VmOperationView {
  vm: string;
  action: VmAction;
  phase: 'accepted' | 'succeeded' | 'failed';
  /** What happened, in one or two sentences. */
  message: string;
}

export const POWER_STATE_LABELS: Record<PowerState, string> = {
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  'stopped-allocated': 'stopped, still allocated',
  deallocating: 'deallocating',
  deallocated: 'deallocated',
  unknown: 'unknown',
};

export function billingNote(row: VmRowView): string {
  if (row.billed === undefined) return 'billing unknown';
  return row.billed ? 'billed for compute' : 'not billed for compute';
}

/** A stopped-but-allocated VM nobody is working on gets a Deallocate button (in every rendering that has buttons). */
export function offersDeallocate(row: VmRowView): boolean {
  return row.powerState === 'stopped-allocated' && !row.busy;
}

/** What the Deallocate button runs: the same `vm stop` as typed, so the requester still confirms. */
export function deallocateCommand(vm: string): string {
  return `vm stop ${vm}`;
}

export function stillBilledWarning(vm: string): string {
  return `Warning: ${vm} is stopped but still allocated, so it is still billed for compute. Deallocate it to stop the billing.`;
}

export function deallocationExplanation(vm: string): string {
  return (
    `Stopping means deallocating: ${vm} is shut down and released from its host, so compute billing stops. ` +
    'Its disks are kept; anything running on it (a training job) ends, and a dynamic public IP may change.'
  );
}

export function confirmerNote(view: VmConfirmView): string {
  return `Only ${view.requesterName} can confirm, within ${view.minutes} minutes.`;
}

export type ConfirmationAction = 'vm.confirmStop' | 'vm.cancelStop';

/**
 * The self-contained value a confirmation button sends (Adaptive Card data, Slack button value): the bot turns it
 * into `vm confirm|cancel <requestId>` (bots/cardActions.ts), so no state is needed to read it.
 */
export function confirmationData(view: VmConfirmView, action: ConfirmationAction): { action: ConfirmationAction; vm: string; requestId: string } {
  return { action, vm: view.vm, requestId: view.requestId };
}

export function operationTitle(view: VmOperationView): string {
  const title = { accepted: view.action === 'start' ? 'Starting' : 'Deallocating', succeeded: 'Done', failed: 'Failed' }[view.phase];
  return `${title}: ${view.vm}`;
}
