import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { keptRunningDocument } from '../../cards/costs.js';
import { code, data, line, message } from '../../cards/Card.js';
import { askedBy, audit } from '../../logging/audit.js';

/** How long "Keep running" (and `vm keep <vm>` without hours) silences reminders about a VM. */
export const KEEP_RUNNING_HOURS = 12;
/** The longest `vm keep <vm> <hours>` takes: a week. */
const MOST_HOURS = 7 * 24;

/** `vm keep <vm> [hours]`, the Keep running button of an idle reminder (operators): no reminder about it for a while. */
export async function keepRunning(turn: Turn, vm: string, hoursText: string, { costs, compute, logger }: Capabilities): Promise<void> {
  const hours = hoursText.trim() === '' ? KEEP_RUNNING_HOURS : Number(hoursText.trim());
  if (!Number.isInteger(hours) || hours < 1 || hours > MOST_HOURS) {
    await turn.reply(message(line('Say how many whole hours to keep it, 1 to ', data(String(MOST_HOURS)), ': ', code(`vm keep ${vm} 24`), '.')));
    return;
  }
  const { startedAt } = await compute.get(vm);
  if (startedAt === undefined) {
    await turn.reply(message(line(data(vm), ' is not running; there is nothing to keep.')));
    return;
  }
  await costs.reminders.keepRunning(vm, startedAt, hours * 3_600_000);
  audit(logger, { ...askedBy(turn.caller, turn.conversation.conversationId), event: 'request', action: 'vm keep', vm, result: `kept ${hours} h` });
  await turn.replaceAnswered(keptRunningDocument(vm, turn.caller.name, hours));
}
