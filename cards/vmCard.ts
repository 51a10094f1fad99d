import { adaptiveCard, commandButton, container, executeButton, factSet, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive.js';
import { renderVmConfirmText, renderVmListText, renderVmOperationText } from './vmText.js';
import { billingNote, POWER_STATE_LABELS, type VmConfirmView, type VmListView, type VmOperationView } from './vmView.js';

/** Training VMs with power state and size; a stopped-but-allocated VM is flagged as still billed, with a Deallocate button. */
export function renderVmListCard(view: VmListView): AdaptiveCard {
  const body: CardElement[] = [heading(view.title)];
  for (const row of view.rows) {
    const items: CardElement[] = [
      textBlock(row.name, { weight: 'Bolder' }),
      factSet([
        ['Power state', POWER_STATE_LABELS[row.powerState]],
        ['Size', row.size ?? 'unknown'],
        ['Location', row.location ?? 'unknown'],
        ['Billing', billingNote(row)],
      ]),
    ];
    if (row.busy) items.push(textBlock(`In progress: ${row.busy}`, { color: 'accent' }));
    if (row.powerState === 'stopped-allocated') {
      items.push(textBlock(`Warning: ${row.name} is stopped but still allocated, so it is still billed for compute. Deallocate it to stop the billing.`, { color: 'warning' }));
    }
    body.push(container(items, { separator: true }));
  }
  if (view.footer) body.push(textBlock(view.footer, { subtle: true }));
  const actions = view.rows
    .filter((row) => row.powerState === 'stopped-allocated' && !row.busy)
    .map((row) => commandButton(`Deallocate ${row.name}`, `vm stop ${row.name}`));
  return adaptiveCard(body, { actions, fallbackText: renderVmListText(view) });
}

/** The question before a deallocation: Action.Execute with an Action.Submit fallback, honoured for the requester only. */
export function renderVmConfirmCard(view: VmConfirmView): AdaptiveCard {
  const data = { vm: view.vm, requestId: view.requestId };
  return adaptiveCard(
    [
      heading(`Deallocate ${view.vm}?`),
      textBlock(
        `Stopping means deallocating: ${view.vm} is shut down and released from its host, so compute billing stops. ` +
          'Its disks are kept; anything running on it (a training job) ends, and a dynamic public IP may change.',
      ),
      textBlock(`Only ${view.requesterName} can confirm, within ${view.minutes} minutes.`, { subtle: true }),
    ],
    {
      actions: [
        executeButton(`Deallocate ${view.vm}`, 'vm.confirmStop', { action: 'vm.confirmStop', ...data }, { destructive: true }),
        executeButton('Cancel', 'vm.cancelStop', { action: 'vm.cancelStop', ...data }),
      ],
      fallbackText: renderVmConfirmText(view),
    },
  );
}

/** The acknowledgement of a long operation, and (in Teams, updated in place) its outcome. */
export function renderVmOperationCard(view: VmOperationView): AdaptiveCard {
  const color = view.phase === 'succeeded' ? 'good' : view.phase === 'failed' ? 'attention' : 'accent';
  const title = { accepted: view.action === 'start' ? 'Starting' : 'Deallocating', succeeded: 'Done', failed: 'Failed' }[view.phase];
  return adaptiveCard([heading(`${title}: ${view.vm}`), textBlock(view.message, { color })], { fallbackText: renderVmOperationText(view) });
}
