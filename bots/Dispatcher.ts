import type { Capabilities } from '../dialogs/Capabilities.js';
import type { CommandTable, ParsedText } from '../dialogs/CommandTable.js';
import { IMAGE_COMMAND } from '../dialogs/index.js';
import { line, message, type Card } from '../cards/Card.js';
import { unknownCommandDocument } from '../cards/help.js';
import { count } from '../cards/wording.js';
import type { AutoTranslation, RoutedText } from './AutoTranslation.js';
import type { CommandAuthorizer } from './authorization.js';
import type { BotTurn } from './BotTurn.js';

/** Longer messages are refused before any analysis: Teams itself caps a message near 28 KB. */
const MAX_MESSAGE_CHARS = 25_000;

/** Where a turn's command came from: typed text, a button (its command, never translated), or posted images. */
type Origin = 'typed' | 'button' | 'images';

/** A person's open multi-turn flow (Other…), which gets their next typed message before the command table. */
interface OpenFlows {
  continue(turn: BotTurn, text: string): Promise<boolean>;
}

/**
 * The one dispatch every channel's turns go through: give typed text to the person's open flow if they have one,
 * else read the command with the table (translating the text to route it, in an auto-translated conversation),
 * say so when its capability is not set up, authorize it from its own row, and run its handler.
 */
export class Dispatcher {
  constructor(
    private readonly commands: CommandTable,
    private readonly capabilities: Capabilities,
    private readonly authorizer: CommandAuthorizer,
    private readonly autoTranslation: AutoTranslation,
    private readonly flows?: OpenFlows,
  ) {}

  /** Resolves with the refusal when the command was refused (an invoke answers with it too). */
  async dispatch(turn: BotTurn, text: string, origin: Origin): Promise<Card | undefined> {
    if (text.length > MAX_MESSAGE_CHARS) {
      await turn.reply(
        message(line(`That message has ${count(text.length, 'character')}; I read up to ${MAX_MESSAGE_CHARS.toLocaleString('en')}. Please send a shorter part.`)),
      );
      return undefined;
    }
    if (origin === 'typed' && this.flows && (await this.flows.continue(turn, text))) return undefined;
    const { parsed, argument } = await this.route(turn, text, origin);
    if (parsed.kind === 'unknown') {
      await turn.reply(unknownCommandDocument(parsed.word));
      return undefined;
    }
    const { command } = parsed;
    const problem = command.unavailable?.(this.capabilities);
    if (problem) throw problem;
    const decision = this.authorizer.authorize(turn.caller, turn.conversation.conversationId, command, argument);
    if (!decision.allowed) {
      await turn.reply(decision.document);
      return decision.document;
    }
    await command.handle(turn, command.parse(argument), this.capabilities);
    return undefined;
  }

  private async route(turn: BotTurn, text: string, origin: Origin): Promise<RoutedText> {
    if (origin === 'images') {
      const command = this.commands.find(IMAGE_COMMAND);
      if (command) return readAsTyped({ kind: 'command', command, argument: '', implicit: true });
    }
    const typed = readAsTyped(this.commands.parse(text));
    if (origin !== 'typed') return typed;
    const language = (await turn.settings()).autoTranslation;
    if (!language) return typed;
    const routed = await this.autoTranslation.route(text, typed, language);
    if (routed.note) turn.addNote(routed.note);
    return routed;
  }
}

/** A message read as it was written: the handler gets the parsed command's own argument. */
function readAsTyped(parsed: ParsedText): RoutedText {
  return { parsed, argument: parsed.kind === 'command' ? parsed.argument : '' };
}
