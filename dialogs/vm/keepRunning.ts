import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { keptRunningDocument } from '../../cards/costs.js';
import { data, line, message } from '../../cards/Card.js';
import { askedBy, audit } from '../../logging/audit.js';

/** How long "Keep running" silences reminders about a VM. */
const KEEP_RUNNING_HOURS = 12;

/** `vm keep <vm>`, the Keep running button of an idle reminder (operators): no reminder about it for a while. */
export async function keepRunning(turn: Turn, vm: string, { costs, compute, logger }: Capabilities): Promise<void> {
  const { startedAt } = await compute.get(vm);
  if (startedAt === undefined) {
    await turn.reply(message(line(data(vm), ' is not running; there is nothing to keep.')));
    return;
  }
  await costs.reminders.keepRunning(vm, startedAt, KEEP_RUNNING_HOURS * 3_600_000);
  audit(logger, { ...askedBy(turn.caller, turn.conversation.conversationId), event: 'request', action: 'vm keep', vm, result: 'kept' });
  await turn.replaceAnswered(keptRunningDocument(vm, turn.caller.name, KEEP_RUNNING_HOURS));
}
