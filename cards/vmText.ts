import { billingNote, POWER_STATE_LABELS, type VmConfirmView, type VmListView, type VmOperationView } from './vmView.js';

export function renderVmListText(view: VmListView): string {
  const lines = [`**${view.title}**`];
  for (const row of view.rows) {
    const facts = [POWER_STATE_LABELS[row.powerState], row.size, row.location, billingNote(row)].filter(Boolean).join(' · ');
    lines.push(`- **${row.name}**: ${facts}${row.busy ? ` (in progress: ${row.busy})` : ''}`);
    if (row.powerState === 'stopped-allocated') {
      lines.push(`  Warning: still billed while stopped but allocated. \`vm stop ${row.name}\` deallocates it.`);
    }
  }
  if (view.footer) lines.push(`_${view.footer}_`);
  return lines.join('\n\n');
}

export function renderVmConfirmText(view: VmConfirmView): string {
  return [
    `**Deallocate ${view.vm}?** Stopping means deallocating: the VM is shut down and released, compute billing stops, disks are kept, and anything running on it ends.`,
    `${view.requesterName}, reply \`vm confirm ${view.requestId}\` within ${view.minutes} minutes to go ahead, or \`vm cancel ${view.requestId}\`.`,
  ].join('\n\n');
}

export function renderVmOperationText(view: VmOperationView): string {
  return view.message;
}
