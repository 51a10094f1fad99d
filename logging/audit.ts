import type { Logger } from './logger.js';

/** One line per request, refusal, confirmation and outcome (VMs, labels, training, publishing): who, where, what, what happened. */
export interface AuditEntry {
  event: 'request' | 'refusal' | 'confirmation' | 'outcome';
  /** `vm start`, `vm stop`... */
  action: string;
  vm?: string;
  /** What else the action was about: an image's reference and tag, an iteration. */
  subject?: string;
  /** The user id as the channel reports it (Teams: AAD object id), what VM_OPERATORS lists. */
  user: string;
  userName?: string;
  channel: string;
  conversation: string;
  /** accepted, refused, confirmed, succeeded, failed, already-done, busy... */
  result: string;
  durationMs?: number;
  reason?: string;
}

/** Who asked and where: the four fields every audit line of a person's request carries. */
export function askedBy(caller: { userId: string; name: string; channel: string }, conversationId: string): Pick<AuditEntry, 'user' | 'userName' | 'channel' | 'conversation'> {
  return { user: caller.userId, userName: caller.name, channel: caller.channel, conversation: conversationId };
}

export function audit(logger: Logger, entry: AuditEntry): void {
  logger.info('audit', { audit: true, ...entry });
}
