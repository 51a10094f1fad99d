import type { Activity } from 'botbuilder';
import { audit } from '../logging/audit.js';
import type { Logger } from '../logging/logger.js';
import type { ParsedCommand } from './commandRouter.js';

/** Who sent an activity: the id an administrator lists in VM_OPERATORS (Teams: AAD object id). */
export interface Caller {
  channelId: string;
  userId: string;
  name?: string;
  /** `channel/id`: unique across channels. */
  key: string;
}

export function callerOf(activity: Pick<Activity, 'channelId' | 'from'>): Caller {
  const from = activity.from ?? { id: '' };
  const userId = (activity.channelId === 'msteams' && from.aadObjectId) || from.id || '';
  return { channelId: activity.channelId, userId, name: from.name, key: `${activity.channelId}/${userId}` };
}

/** Commands that change infrastructure: only operators may run them. First word of the argument = subcommand. */
const OPERATOR_COMMANDS: ReadonlyArray<{ name: string; subcommands: readonly string[] }> = [
  { name: 'vm', subcommands: ['start', 'stop', 'deallocate', 'confirm'] },
];

export type AuthorizationDecision = { allowed: true } | { allowed: false; message: string };

/**
 * Declarative access control from VM_OPERATORS, applied before dispatch. An entry is a user id as the channel
 * reports it, or `channel/id` to name one channel only. An empty list lets nobody start or stop.
 */
export class CommandAuthorizer {
  private readonly anyChannel = new Set<string>();
  private readonly perChannel = new Set<string>();

  constructor(
    operators: readonly string[],
    private readonly logger: Logger,
  ) {
    for (const entry of operators) {
      const slash = entry.indexOf('/');
      if (slash > 0) this.perChannel.add(`${entry.slice(0, slash).toLowerCase()}/${entry.slice(slash + 1)}`);
      else this.anyChannel.add(entry);
    }
  }

  isOperator(caller: Caller): boolean {
    if (caller.userId === '') return false;
    // Azure Bot Service's Slack channel reports `U0123:T0456` (user:team); the Slack user id alone also matches.
    const ids = caller.channelId === 'slack' ? [caller.userId, caller.userId.split(':')[0]] : [caller.userId];
    return ids.some((id) => this.anyChannel.has(id) || this.perChannel.has(`${caller.channelId.toLowerCase()}/${id}`));
  }

  authorize(activity: Pick<Activity, 'channelId' | 'from' | 'conversation'>, command: ParsedCommand): AuthorizationDecision {
    const subcommand = command.argument.split(/\s+/)[0]?.toLowerCase() ?? '';
    const rule = OPERATOR_COMMANDS.find((candidate) => candidate.name === command.name && candidate.subcommands.includes(subcommand));
    if (!rule) return { allowed: true };
    const caller = callerOf(activity);
    if (this.isOperator(caller)) return { allowed: true };
    const action = `${command.name} ${subcommand}`;
    audit(this.logger, {
      event: 'refusal',
      action,
      vm: command.argument.split(/\s+/)[1],
      user: caller.userId,
      userName: caller.name,
      channel: caller.channelId,
      conversation: activity.conversation?.id ?? '',
      result: 'refused',
      reason: 'not in VM_OPERATORS',
    });
    return {
      allowed: false,
      message:
        `Sorry, only VM operators may use \`${action}\`; you can still use \`vm list\` and \`vm status\`. ` +
        `To become one, ask an administrator to add your id to VM_OPERATORS: \`${caller.channelId}/${caller.userId}\`.`,
    };
  }
}
