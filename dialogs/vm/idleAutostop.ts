import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { afterFirstWord, firstWord } from '../Command.js';
import { idleShutdownDocument } from '../../cards/computeInstances.js';
import { code, line, message, placeholder } from '../../cards/Card.js';
import { askedBy, audit } from '../../logging/audit.js';

/** Azure ML takes an idle time from 15 minutes to 3 days (the REST reference's IdleShutdownSetting). */
const MIN_MINUTES = 15;
const MAX_MINUTES = 3 * 24 * 60;

/**
 * `vm autostop <instance> idle <minutes>` or `vm autostop <instance> off`: the compute instance's own idle shutdown.
 * Checked before any Azure call; afterwards the instance is read back, so the answer says what Azure now reports.
 */
export async function idleAutostop(turn: Turn, instance: string, rest: string, { compute, logger }: Capabilities): Promise<void> {
  const word = firstWord(rest).toLowerCase();
  let minutes: number | undefined;
  if (word === 'idle') {
    const text = firstWord(afterFirstWord(rest));
    minutes = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
    if (!(minutes >= MIN_MINUTES && minutes <= MAX_MINUTES) || afterFirstWord(afterFirstWord(rest)) !== '') {
      return void (await turn.reply(usage(instance, `Azure ML stops an idle compute instance after ${MIN_MINUTES} to ${MAX_MINUTES} minutes (3 days). `)));
    }
  } else if (word !== 'off' || afterFirstWord(rest) !== '') {
    return void (await turn.reply(usage(instance, `${instance} is an Azure ML compute instance: it stops when idle, not at a time of day. `)));
  }
  await compute.setIdleShutdown(instance, minutes);
  const result = minutes === undefined ? 'idle shutdown off' : `idle shutdown PT${minutes}M`;
  audit(logger, { ...askedBy(turn.caller, turn.conversation.conversationId), event: 'outcome', action: 'vm autostop', vm: instance, result });
  const { idleShutdown } = await compute.get(instance);
  await turn.reply(idleShutdownDocument(instance, minutes, idleShutdown));
}

function usage(instance: string, problem: string) {
  return message(
    line(problem, 'Say ', code(`vm autostop ${instance} idle`), ' ', placeholder('minutes'), ', e.g. ', code(`vm autostop ${instance} idle 30`), ', or ', code(`vm autostop ${instance} off`), '.'),
  );
}
