import { afterFirstWord, findSubcommand, firstWord, type AnyCommand } from '../commands/Command.js';
import type { Caller } from '../commands/Turn.js';
import { code, line, message, type ResultDocument } from '../documents/document.js';
import { audit } from '../logging/audit.js';
import type { Logger } from '../logging/logger.js';

export type AuthorizationDecision = { allowed: true } | { allowed: false; document: ResultDocument };

/**
 * Declarative access control from VM_OPERATORS, applied before any handler runs, from the command's own row: a
 * command or subcommand marked `operatorsOnly` runs only for a listed person. An entry is a user id as the channel
 * reports it, or `channel/id` to name one channel only. An empty list lets nobody run them.
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
    return this.anyChannel.has(caller.userId) || this.perChannel.has(`${caller.channel.toLowerCase()}/${caller.userId}`);
  }

  authorize(caller: Caller, conversationId: string, command: AnyCommand, argument: string): AuthorizationDecision {
    const subcommand = findSubcommand(command, argument);
    if (!(command.operatorsOnly || subcommand?.operatorsOnly) || this.isOperator(caller)) return { allowed: true };
    const action = subcommand ? (subcommand.action ?? `${command.name} ${subcommand.name}`) : command.name;
    audit(this.logger, {
      event: 'refusal',
      action,
      // A VM subcommand names its VM second; a command that is operators-only as a whole is logged with what followed it.
      ...(command.operatorsOnly ? { subject: argument.trim().slice(0, 100) || undefined } : { vm: firstWord(afterFirstWord(argument)) || undefined }),
      user: caller.userId,
      userName: caller.name,
      channel: caller.channel,
      conversation: conversationId,
      result: 'refused',
      reason: 'not an operator',
    });
    return {
      allowed: false,
      document: message(
        line('Sorry, only operators may use ', code(action), '.'),
        line("To become one, ask the bot's administrator, giving your id: ", code(caller.key), '.'),
      ),
    };
  }
}
