import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { firstWord, afterFirstWord } from '../Command.js';
import { autoStopOffDocument, autoStopSetDocument } from '../../cards/costs.js';
import { code, data, line, message, placeholder } from '../../cards/Card.js';
import { askedBy, audit } from '../../logging/audit.js';
import { windowsTimeZone } from '../../config/windowsTimeZones.js';
import { noticeWebhookUrl } from './CostGuard.js';

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `vm autostop <vm> <HH:MM> [time zone]` or `vm autostop <vm> off`: Azure's own daily auto-shutdown schedule. */
export async function autostop(turn: Turn, vm: string, rest: string, { costs, compute, logger }: Capabilities): Promise<void> {
  const word = firstWord(rest);
  if (word.toLowerCase() === 'off') {
    const hadOne = await costs.schedules.remove(vm);
    await costs.conversations.autoStopRemoved(vm);
    audit(logger, { ...askedBy(turn.caller, turn.conversation.conversationId), event: 'outcome', action: 'vm autostop', vm, result: hadOne ? 'removed' : 'none-to-remove' });
    await turn.reply(autoStopOffDocument(vm, hadOne));
    return;
  }
  const time = TIME.exec(word);
  if (!time) {
    await turn.reply(usage(word === '' ? "When should it stop? " : `"${word}" is not a time of day. `));
    return;
  }
  const zoneText = afterFirstWord(rest);
  const timeZone = zoneText === '' ? costs.config.defaultTimeZone : windowsTimeZone(zoneText);
  if (!timeZone) {
    await turn.reply(message(line("I don't know the time zone ", data(zoneText), '. Azure takes Windows time zone ids, such as ', code('UTC'), ', ', code('W. Europe Standard Time'), ' or ', code('Pacific Standard Time'), '.')));
    return;
  }
  const hhmm = `${time[1].padStart(2, '0')}:${time[2]}`;
  const webhookUrl = noticeWebhookUrl(costs.config);
  const { location } = await compute.get(vm);
  const schedule = await costs.schedules.set(vm, { time: hhmm, timeZone, location, webhookUrl });
  await costs.conversations.autoStopSetIn(vm, { conversation: turn.conversation, setByName: turn.caller.name, time: hhmm, timeZone });
  audit(logger, { ...askedBy(turn.caller, turn.conversation.conversationId), event: 'outcome', action: 'vm autostop', vm, result: `set ${hhmm} ${timeZone}` });
  await turn.reply(autoStopSetDocument(vm, schedule, webhookUrl !== undefined));
}

function usage(problem: string) {
  return message(
    line(problem, 'Say ', code('vm autostop'), ' ', placeholder('name'), ' ', placeholder('HH:MM'), ' [', placeholder('time zone'), '], e.g. ', code('vm autostop gpu-01 19:00 W. Europe Standard Time'), ', or ', code('vm autostop'), ' ', placeholder('name'), ' ', code('off'), '.'),
  );
}
