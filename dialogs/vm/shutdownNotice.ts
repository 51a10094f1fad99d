import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { noticeAnsweredDocument } from '../../cards/costs.js';
import { data, line, message } from '../../cards/Card.js';
import { askedBy, audit } from '../../logging/audit.js';
import type { NoticeChoice } from '../../state/ShutdownNotices.js';

const CHOICES: readonly NoticeChoice[] = ['delay60', 'delay120', 'skip'];

/**
 * A press of Delay 1 h, Delay 2 h or Skip today on a shutdown notice (`vm notice <id> <choice>`, operators only):
 * calls the matching URL of the notification itself, once, and replaces the card with who chose what.
 */
export async function answerNotice(turn: Turn, id: string, choiceText: string, { costs, logger }: Capabilities): Promise<void> {
  const choice = CHOICES.find((known) => known === choiceText.toLowerCase());
  const entry = { ...askedBy(turn.caller, turn.conversation.conversationId), event: 'request' as const, action: 'vm autostop' };
  if (!choice) {
    await turn.reply(message(line('That is not a choice I know for a shutdown notice.')));
    return;
  }
  const claim = await costs.notices.claim(id, choice, turn.caller.name);
  if (!claim.ok) {
    audit(logger, { ...entry, vm: claim.notice?.vm, result: 'refused', reason: claim.reason === 'answered' ? 'already answered' : 'unknown or expired notice' });
    if (claim.reason === 'answered' && claim.notice) await turn.replaceAnswered(noticeAnsweredDocument(claim.notice));
    else await turn.reply(message(line('That shutdown notice has expired; nothing was changed.')));
    return;
  }
  const { notice } = claim;
  const url = notice.urls[choice];
  let accepted = false;
  try {
    accepted = await costs.callNoticeUrl(url);
  } catch (error) {
    logger.warn('could not reach the auto-shutdown URL of a notice', { vm: notice.vm, choice, error });
  }
  audit(logger, { ...entry, vm: notice.vm, result: accepted ? choice : 'failed' });
  if (!accepted) {
    await claim.undo();
    await turn.reply(message(line('Azure did not take that for ', data(notice.vm), '; the shutdown is still on. Please try the button again in a minute.')));
    return;
  }
  await turn.replaceAnswered(noticeAnsweredDocument(notice));
}
