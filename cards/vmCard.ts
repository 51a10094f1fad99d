import { adaptiveCard, commandButton, container, executeButton, factSet, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive.js';
import { renderVmConfirmText, renderVmListText, renderVmOperationText } from './vmText.js';
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
} from './vmView.js';

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
      items.push(textBlock(stillBilledWarning(row.name), { color: 'warning' }));
    }
    body.push(container(items, { separator: true }));
  }
  if (view.footer) body.push(textBlock(view.footer, { subtle: true }));
  const actions = view.rows
    .filter(offersDeallocate)
    .map((row) => commandButton(`Deallocate ${row.name}`, deallocateCommand(row.name)));
  return adaptiveCard(body, { actions, fallbackText: renderVmListText(view) });
}

/** The question before a deallocation: Action.Execute with an Action.Submit fallback, honoured for the requester only. */
export function renderVmConfirmCard(view: VmConfirmView): AdaptiveCard {
  return adaptiveCard(
    [heading(`Deallocate ${view.vm}?`), textBlock(deallocationExplanation(view.vm)), textBlock(confirmerNote(view), { subtle: true })],
    {
      actions: [
        executeButton(`Deallocate ${view.vm}`, 'vm.confirmStop', confirmationData(view, 'vm.confirmStop'), { destructive: true }),
        executeButton('Cancel', 'vm.cancelStop', confirmationData(view, 'vm.cancelStop')),
      ],
      fallbackText: renderVmConfirmText(view),
    },
  );
}

/** The acknowledgement of a long operation, and (in Teams, updated in place) its outcome. */
export function renderVmOperationCard(view: VmOperationView): AdaptiveCard {
  const color = view.phase === 'succeeded' ? 'good' : view.phase === 'failed' ? 'attention' : 'accent';
  return adaptiveCard([heading(operationTitle(view)), textBlock(view.message, { color })], { fallbackText: renderVmOperationText(view) });
}
