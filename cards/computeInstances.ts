import type { VmStatus } from '../services/compute/ComputeManager.js';
import { costFacts, type VmCostView } from './costs.js';
import { code, data, fact, line, strongData, subtle, toned, type Card, type Line, type Section } from './Card.js';

interface ComputeInstanceRow extends VmStatus {
  /** An operation the bot is running on it, e.g. "starting, asked by Ada". */
  busy?: string;
  costs?: VmCostView;
}

/** An Azure ML compute instance in `vm list` and `vm status`, beside the VMs. */
export function computeInstanceSection(row: ComputeInstanceRow): Section {
  const lines: Line[] = [];
  if (row.busy) lines.push(toned('accent', 'In progress: ', data(row.busy)));
  // Running with nothing to stop it: the costly case, flagged with the command that sets one.
  if (row.powerState === 'running' && row.idleShutdown === null) {
    lines.push(toned('warning', 'Warning: ', data(row.name), ' has no idle shutdown, so it runs (and is billed) until someone stops it. Set one with ', code(`vm autostop ${row.name} idle 30`), '.'));
  }
  return {
    heading: line(strongData(row.name), ` (Azure ML compute instance of the workspace `, data(row.workspace ?? ''), ')'),
    facts: [
      fact('State', data(row.azureState ?? 'Unknown')),
      fact('Size', row.size ? data(row.size) : 'unknown'),
      fact('Location', row.location ? data(row.location) : 'unknown'),
      fact('Billing', row.billed === undefined ? 'billing unknown' : row.billed ? 'billed for compute' : 'not billed for compute'),
      fact('Idle shutdown', ...idleShutdownText(row.idleShutdown)),
      ...(row.costs ? costFacts(row.costs, { dailyStop: false }) : []),
    ],
    lines,
  };
}

function idleShutdownText(value: string | null | undefined): Array<string | ReturnType<typeof data>> {
  if (value === undefined) return ['unknown'];
  if (value === null) return ['off'];
  return ['after ', data(idleDuration(value)), ' idle'];
}

/** `PT30M` -> `30 min`, `PT1H30M` -> `1 h 30 min`, `P1D` -> `1 d`; anything else as Azure wrote it. */
export function idleDuration(iso: string): string {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) return iso;
  const parts = [[match[1], 'd'], [match[2], 'h'], [match[3], 'min'], [match[4], 's']].filter(([value]) => value !== undefined && Number(value) > 0);
  return parts.length === 0 ? iso : parts.map(([value, unit]) => `${Number(value)} ${unit}`).join(' ');
}

/** What `vm autostop <instance> idle <minutes>` or `... off` did, as Azure reports it afterwards. */
export function idleShutdownDocument(instance: string, asked: number | undefined, reported: string | null | undefined): Card {
  const lines: Line[] = [];
  if (asked !== undefined && reported === `PT${asked}M`) {
    lines.push(toned('good', data(instance), ' stops after ', data(`${asked} min`), ' idle (Azure ML’s own idle shutdown).'));
    lines.push(subtle('Turn it off with ', code(`vm autostop ${instance} off`), '.'));
  } else if (asked === undefined && reported === null) {
    lines.push(line(data(instance), ' no longer stops when idle: it runs until someone stops it.'));
  } else {
    // Azure took the request; what it reports afterwards is what holds.
    lines.push(toned('warning', 'Azure took the change, but now reports for ', data(instance), ': idle shutdown ', ...idleShutdownText(reported), '.'));
  }
  return { title: line('Idle shutdown: ', strongData(instance)), sections: [{ lines }] };
}
