import type { MachineKind, PowerState, VmAction, VmStatus } from '../services/compute/ComputeManager.js';
import { confirmationAnsweredDocument, confirmationDocument } from './confirmation.js';
import { costFacts, type VmCostView } from './costs.js';
import { computeInstanceSection } from './computeInstances.js';
import { code, data, fact, line, message, strongData, subtle, toned, type Line, type Card, type Section, type Span } from './Card.js';

/** One label per power state, the same in every rendering. */
export const POWER_STATE_LABELS: Record<PowerState, string> = {
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  'stopped-allocated': 'stopped, still allocated',
  deallocating: 'deallocating',
  deallocated: 'deallocated',
  unknown: 'unknown',
};

/** One label per action: what it is called, what it is doing, and where it ends. */
export const VM_ACTIONS: Record<VmAction, { command: string; doing: string; done: string }> = {
  start: { command: 'vm start', doing: 'Starting', done: 'is running' },
  deallocate: { command: 'vm stop', doing: 'Deallocating', done: 'is deallocated; compute billing has stopped' },
};

/** An Azure ML compute instance is stopped, not deallocated: its stop says so. */
const COMPUTE_INSTANCE_ACTIONS: typeof VM_ACTIONS = {
  start: VM_ACTIONS.start,
  deallocate: { command: 'vm stop', doing: 'Stopping', done: 'is stopped; compute billing has stopped' },
};

/** The action's words for this kind of training machine. */
export function actionLabels(action: VmAction, machine: MachineKind = 'vm'): { command: string; doing: string; done: string } {
  return (machine === 'compute-instance' ? COMPUTE_INSTANCE_ACTIONS : VM_ACTIONS)[action];
}

interface VmRow extends VmStatus {
  /** An operation the bot is running on it, e.g. "starting, asked by Ada". */
  busy?: string;
  /** Auto-stop, price and cost so far, when they were looked up. */
  costs?: VmCostView;
}

export function vmListDocument(rows: VmRow[], options: { single: boolean; backendName: string }): Card {
  return {
    title: options.single && rows[0] ? line(rows[0].kind === 'compute-instance' ? 'Compute instance ' : 'Training VM ', strongData(rows[0].name)) : listTitle(rows),
    sections: rows.map((row) => (row.kind === 'compute-instance' ? computeInstanceSection(row) : vmSection(row))),
    notes: [subtle(`From ${options.backendName}. Stopping a VM deallocates it, which ends compute billing.`)],
  };
}

function listTitle(rows: VmRow[]): Line {
  const instances = rows.some((row) => row.kind === 'compute-instance');
  const vms = rows.some((row) => row.kind !== 'compute-instance');
  return line(instances ? (vms ? 'Training VMs and compute instances' : 'Compute instances') : 'Training VMs');
}

function vmSection(row: VmRow): Section {
  const lines: Line[] = [];
  if (row.busy) lines.push(toned('accent', 'In progress: ', data(row.busy)));
  if (row.powerState === 'stopped-allocated') lines.push({ ...stillBilledWarning(row.name), tone: 'warning' });
  // A stopped-but-allocated VM nobody is working on gets a Deallocate button; it runs `vm stop`, so its requester confirms.
  const offersDeallocate = row.powerState === 'stopped-allocated' && !row.busy;
  return {
    heading: line(strongData(row.name)),
    facts: [
      fact('Power state', POWER_STATE_LABELS[row.powerState]),
      fact('Size', row.size ? data(row.size) : 'unknown'),
      fact('Location', row.location ? data(row.location) : 'unknown'),
      fact('Billing', billingNote(row.billed)),
      ...(row.costs ? costFacts(row.costs) : []),
    ],
    lines,
    ...(offersDeallocate ? { actions: [{ title: `Deallocate ${row.name}`, command: `vm stop ${row.name}`, style: 'destructive' as const }] } : {}),
  };
}

function billingNote(billed: boolean | undefined): string {
  if (billed === undefined) return 'billing unknown';
  return billed ? 'billed for compute' : 'not billed for compute';
}

function stillBilledWarning(vm: string): Line {
  return line('Warning: ', data(vm), ' is stopped but still allocated, so it is still billed for compute. Deallocate it to stop the billing.');
}

interface StopQuestionView {
  machine: MachineKind;
  name: string;
  requestId: string;
  minutes: number;
  requesterName: string;
}

/** How a stop is asked for each kind of training machine: a VM is deallocated, a compute instance stopped. */
const STOP_QUESTIONS: Record<MachineKind, { verb: string; explanation: (name: string) => Line }> = {
  vm: {
    verb: 'Deallocate',
    explanation: (vm) =>
      line(
        'Stopping means deallocating: ',
        data(vm),
        ' is shut down and released from its host, so compute billing stops. Its disks are kept; anything running on it (a training job) ends, and a dynamic public IP may change.',
      ),
  },
  'compute-instance': {
    verb: 'Stop',
    explanation: (instance) =>
      line('Stopping shuts down the Azure ML compute instance ', data(instance), ', so it is no longer billed for compute. Anything running on it (a notebook, a job) ends.'),
  },
};

/** The question before a stop; its buttons answer it, and only the requester's answer counts. */
export function stopQuestionDocument(view: StopQuestionView): Card {
  const { verb, explanation } = STOP_QUESTIONS[view.machine];
  return confirmationDocument({
    question: stopQuestion(view.machine, view.name),
    explanation: explanation(view.name),
    requesterName: view.requesterName,
    minutes: view.minutes,
    confirm: { title: `${verb} ${view.name}`, command: `vm confirm ${view.requestId}`, style: 'destructive' },
    cancelCommand: `vm cancel ${view.requestId}`,
  });
}

/** The stop question answered (confirmed or cancelled). */
export function stopAnsweredDocument(machine: MachineKind, name: string, outcome: Line): Card {
  return confirmationAnsweredDocument(stopQuestion(machine, name), outcome);
}

function stopQuestion(machine: MachineKind, name: string): Line {
  return line(`${STOP_QUESTIONS[machine].verb} `, strongData(name), '?');
}

export type OperationPhase = 'accepted' | 'succeeded' | 'failed' | 'unknown';

const PHASE: Record<OperationPhase, { title: string; tone: 'accent' | 'good' | 'attention' | 'warning' }> = {
  accepted: { title: '', tone: 'accent' },
  succeeded: { title: 'Done', tone: 'good' },
  failed: { title: 'Failed', tone: 'attention' },
  unknown: { title: 'Unknown', tone: 'warning' },
};

/** The acknowledgement of a long operation, and its outcome (in Teams it replaces the acknowledgement). */
export function vmOperationDocument(vm: string, action: VmAction, phase: OperationPhase, message: Line, machine: MachineKind = 'vm'): Card {
  const title = phase === 'accepted' ? actionLabels(action, machine).doing : PHASE[phase].title;
  return { title: line(`${title}: `, strongData(vm)), sections: [{ lines: [{ ...message, tone: PHASE[phase].tone }] }] };
}

/**
 * What the acknowledgement becomes once the operation ended: when it was asked and when it ended, pointing to the
 * outcome's own message below, so that the conversation says the outcome once (the new message notifies people).
 */
export function vmOperationEndedAckDocument(
  vm: string,
  action: VmAction,
  phase: Exclude<OperationPhase, 'accepted'>,
  startedAt: number,
  endedAt: number,
  machine: MachineKind = 'vm',
): Card {
  const ended = phase === 'unknown' ? 'stopped following it' : 'ended';
  return {
    title: line(`${actionLabels(action, machine).doing}: `, strongData(vm)),
    sections: [{ lines: [subtle(`Asked at ${utcClock(startedAt)}; ${ended} at ${utcClock(endedAt)}. The outcome is in the message below.`)] }],
  };
}

function utcClock(at: number): string {
  return `${new Date(at).toISOString().slice(11, 16)} UTC`;
}

/** A name labmate does not manage (or none given), answered with the training machines there are. */
export function unknownMachineDocument(name: string, vmNames: readonly string[], computeInstanceNames: readonly string[]): Card {
  const names = (list: readonly string[]): Span[] => list.flatMap((vm, index) => (index === 0 ? [code(vm)] : [data(', '), code(vm)]));
  const known: Array<Span | string> =
    computeInstanceNames.length === 0
      ? ['The training VMs are: ', ...names(vmNames)]
      : vmNames.length === 0
        ? ['The Azure ML compute instances are: ', ...names(computeInstanceNames)]
        : ['The training VMs are: ', ...names(vmNames), '; the Azure ML compute instances: ', ...names(computeInstanceNames)];
  return name ? message(line("I don't manage a VM called ", data(name), '. ', ...known, '.')) : message(line('Which VM? ', ...known, '.'));
}
