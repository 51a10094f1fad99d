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
