import { escapeMrkdwn, markdownToMrkdwn } from '../mrkdwn.js';
import {
  billingNote,
  confirmationData,
  confirmerNote,
  deallocateCommand,
  deallocationExplanation,
  offersDeallocate,
  operationTitle,
  POWER_STATE_LABELS,
  stillBilledWarning,
  type VmConfirmView,
  type VmListView,
  type VmOperationView,
  type VmRowView,
} from '../vmView.js';
import { actions, button, commandButton, context, divider, header, limitBlocks, section, type Block } from './blockKit.js';

/** Action ids of the confirmation's buttons (unique within the message, as Slack requires). */
export const CONFIRM_STOP_ACTION_ID = 'vm-confirm-stop';
export const CANCEL_STOP_ACTION_ID = 'vm-cancel-stop';

const POWER_SYMBOL: Record<VmRowView['powerState'], string> = {
  starting: '🟡',
  running: '🟢',
  stopping: '🟡',
  'stopped-allocated': '🟠',
  deallocating: '🟡',
  deallocated: '⚪',
  unknown: '❔',
};

/**
 * Training VMs as Block Kit: per VM its power state, size, location and billing in two columns; a stopped-but-
 * allocated VM is flagged as still billed and has a Deallocate button beside it, which runs `vm stop <name>` (the
 * requester confirms next, as everywhere).
 */
export function renderVmListBlocks(view: VmListView): Block[] {
  const blocks: Block[] = [header(view.title)];
  view.rows.forEach((row, index) => {
    const accessory = offersDeallocate(row) ? commandButton(`Deallocate ${row.name}`, deallocateCommand(row.name), `vm-deallocate-${index}`, 'danger') : undefined;
    blocks.push(
      divider(),
      section(`${POWER_SYMBOL[row.powerState]} *${escapeMrkdwn(row.name)}*`, {
        fields: [
          `*Power state*\n${POWER_STATE_LABELS[row.powerState]}`,
          `*Size*\n${escapeMrkdwn(row.size ?? 'unknown')}`,
          `*Location*\n${escapeMrkdwn(row.location ?? 'unknown')}`,
          `*Billing*\n${billingNote(row)}`,
        ],
        accessory,
      }),
    );
    const notes: string[] = [];
    if (row.busy) notes.push(`⏳ In progress: ${escapeMrkdwn(row.busy)}`);
    if (row.powerState === 'stopped-allocated') notes.push(`⚠️ ${escapeMrkdwn(stillBilledWarning(row.name))}`);
    if (notes.length > 0) blocks.push(context(...notes));
  });
  if (view.footer) blocks.push(context(escapeMrkdwn(view.footer)));
  return limitBlocks(blocks);
}

/**
 * The question before a deallocation, with Deallocate and Cancel buttons whose values are the same self-contained
 * objects the Adaptive Card sends, so a click becomes `vm confirm|cancel <requestId>`; the bot honours the
 * requester's click only.
 */
export function renderVmConfirmBlocks(view: VmConfirmView): Block[] {
  return [
    header(`Deallocate ${view.vm}?`),
    section(escapeMrkdwn(deallocationExplanation(view.vm))),
    context(escapeMrkdwn(confirmerNote(view))),
    actions([
      button(`Deallocate ${view.vm}`, confirmationData(view, 'vm.confirmStop'), CONFIRM_STOP_ACTION_ID, 'danger'),
      button('Cancel', confirmationData(view, 'vm.cancelStop'), CANCEL_STOP_ACTION_ID),
    ]),
  ];
}

const PHASE_SYMBOL: Record<VmOperationView['phase'], string> = { accepted: '⏳', succeeded: '✅', failed: '❌' };

/** The acknowledgement of a long operation, and its outcome. The message is Markdown written by the bot. */
export function renderVmOperationBlocks(view: VmOperationView): Block[] {
  return [header(`${PHASE_SYMBOL[view.phase]} ${operationTitle(view)}`), section(markdownToMrkdwn(view.message, { escape: true }))];
}
