import type { Capabilities } from '../dialogs/Capabilities.js';
import type { CommandTable, ParsedText } from '../dialogs/CommandTable.js';
import { IMAGE_COMMAND } from '../dialogs/index.js';
import { line, message, type Card } from '../cards/Card.js';
import { unknownCommandDocument } from '../cards/help.js';
import { count } from '../cards/wording.js';
import type { AutoTranslation, RoutedText } from './AutoTranslation.js';
import type { CommandAuthorizer } from './authorization.js';
import type { BotTurn } from './BotTurn.js';
import { NULL_TELEMETRY, type Telemetry } from '../services/telemetry/Telemetry.js';
import { errorCode } from '../services/telemetry/errorCode.js';

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
    private readonly telemetry: Telemetry = NULL_TELEMETRY,
  ) {}

  /** Resolves with the refusal when the command was refused (an invoke answers with it too). */
  async dispatch(turn: BotTurn, text: string, origin: Origin): Promise<Card | undefined> {
    if (!this.telemetry.enabled) return this.dispatchTurn(turn, text, origin, {});
    return this.tracedTurn(turn, text, origin);
  }

  /**
   * One span per turn, and the turn counted and timed: the command's name from the table (never the text), the
   * channel, the outcome, whether it was translated, and the person and conversation as keyed hashes only.
   */
  private tracedTurn(turn: BotTurn, text: string, origin: Origin): Promise<Card | undefined> {
    const started = performance.now();
    const facts: TurnFacts = {};
    let outcome = 'answered';
    return this.telemetry.withSpan(
      'labmate.turn',
      {
        'labmate.channel': turn.channel.name,
        'labmate.origin': origin,
        'labmate.conversation': this.telemetry.hashId(turn.conversation.conversationId),
        'enduser.pseudo.id': this.telemetry.hashId(turn.caller.key),
      },
      async (span) => {
        try {
          const refusal = await this.dispatchTurn(turn, text, origin, facts);
          if (refusal) outcome = 'refused';
          return refusal;
        } catch (error) {
          outcome = errorCode(error) === 'conflict' ? 'busy' : 'failed';
          throw error;
        } finally {
          const attributes = { 'labmate.command': facts.command ?? 'none', 'labmate.channel': turn.channel.name, 'labmate.outcome': outcome };
          span.setAttributes({ ...attributes, 'labmate.translated': facts.translated ?? false });
          this.telemetry.count('labmate.turns', attributes);
          this.telemetry.record('labmate.turn.duration', (performance.now() - started) / 1000, attributes);
        }
      },
      { kind: 'server' },
    );
  }

  private async dispatchTurn(turn: BotTurn, text: string, origin: Origin, facts: TurnFacts): Promise<Card | undefined> {
    if (text.length > MAX_MESSAGE_CHARS) {
      facts.command = 'too-long';
      await turn.reply(
        message(line(`That message has ${count(text.length, 'character')}; I read up to ${MAX_MESSAGE_CHARS.toLocaleString('en')}. Please send a shorter part.`)),
      );
      return undefined;
    }
    if (origin === 'typed' && this.flows && (await this.flows.continue(turn, text))) {
      facts.command = 'flow';
      return undefined;
    }
    const { parsed, argument, translated } = await this.route(turn, text, origin);
    facts.translated = translated === true;
    if (parsed.kind === 'unknown') {
      facts.command = 'unknown';
      await turn.reply(unknownCommandDocument(parsed.word));
      return undefined;
    }
    const { command } = parsed;
    facts.command = command.name;
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

  private async route(turn: BotTurn, text: string, origin: Origin): Promise<RoutedText & { translated?: boolean }> {
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
    return { ...routed, translated: true };
  }
}

/** What the turn span says once the turn is read: the table's name for the command, and whether it was translated. */
interface TurnFacts {
  command?: string;
  translated?: boolean;
}

/** A message read as it was written: the handler gets the parsed command's own argument. */
function readAsTyped(parsed: ParsedText): RoutedText {
  return { parsed, argument: parsed.kind === 'command' ? parsed.argument : '' };
}
