import { afterFirstWord, findSubcommand, firstWord, type AnyCommand } from '../dialogs/Command.js';
import type { Caller } from '../state/Caller.js';
import { code, line, message, type Card } from '../cards/Card.js';
import { askedBy, audit } from '../logging/audit.js';
import type { Logger } from '../logging/logger.js';

type AuthorizationDecision = { allowed: true } | { allowed: false; document: Card };

/**
 * Declarative access control from VM_OPERATORS, applied before any handler runs, from the command's own row: a
 * command or subcommand marked `operatorsOnly` runs only for a listed person, named with their channel (`msteams/<Entra object
 * id>`, `slack/U0123`: config/compute.ts refuses an entry without one), and only when that channel vouches for the
 * id (a client cannot become an operator by naming itself after one). An empty list lets nobody run them.
 */
export class CommandAuthorizer {
  private readonly operators: ReadonlySet<string>;

  constructor(
    operators: readonly string[],
    private readonly logger: Logger,
  ) {
    this.operators = new Set(operators.map(normalizeKey));
  }

  isOperator(caller: Caller): boolean {
    return caller.verified && caller.userId !== '' && this.operators.has(normalizeKey(caller.key));
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
      ...askedBy(caller, conversationId),
      result: 'refused',
      reason: caller.verified ? 'not an operator' : 'the channel does not vouch for the user id',
    });
    const why = caller.verified
      ? line("To become one, ask the bot's administrator, giving your id: ", code(caller.key), '.')
      : line('Operators are known by an id that Teams or Slack vouches for, and this chat cannot vouch for yours.');
    return { allowed: false, document: message(line('Sorry, only operators may use ', code(action), '.'), why) };
  }
}

/** `msteams/ABC` and `MSTeams/ABC` are one person: channel names are not case-sensitive, ids are. */
function normalizeKey(key: string): string {
  const slash = key.indexOf('/');
  return `${key.slice(0, slash).toLowerCase()}/${key.slice(slash + 1)}`;
}
