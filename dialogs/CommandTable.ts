import { afterFirstWord, firstWord, type AnyCommand } from './Command.js';

/** What a message asks for, read with the table. */
export type ParsedText =
  | {
      kind: 'command';
      command: AnyCommand;
      /** The text after the command word, trimmed. */
      argument: string;
      /** True when the text did not start with a command word (plain text is analysed). */
      implicit: boolean;
    }
  /** `/something` that no row knows. */
  | { kind: 'unknown'; word: string };

interface TableDefaults {
  /** What plain text runs. */
  plainText: string;
  /** What an empty message runs. */
  empty: string;
}

/**
 * A command word is lowercase letters, digits and hyphens, or that after `test:`: the prefix is reserved for rows a
 * test defines, so a test's command never takes a name a real command may want (no row in `dialogs/index.ts` has it).
 */
const COMMAND_WORD = /^(test:)?[a-z][a-z0-9-]*$/;

/**
 * The one command table: the parser, help, authorization and the Teams manifest all read it. Each name and alias
 * belongs to one row; a duplicate or a malformed word is a programming error caught when the table is built.
 */
export class CommandTable {
  private readonly byWord = new Map<string, AnyCommand>();
  private readonly plainText: AnyCommand;
  private readonly empty: AnyCommand;

  constructor(
    readonly rows: readonly AnyCommand[],
    defaults: TableDefaults,
  ) {
    for (const row of rows) {
      for (const word of [row.name, ...(row.aliases ?? [])]) {
        if (!COMMAND_WORD.test(word)) throw new Error(`"${word}" is not a command word (lowercase letters, digits, hyphens)`);
        if (this.byWord.has(word)) throw new Error(`two commands answer to "${word}"`);
        this.byWord.set(word, row);
      }
    }
    this.plainText = this.require(defaults.plainText);
    this.empty = this.require(defaults.empty);
  }

  find(word: string): AnyCommand | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  /**
   * "sentiment: I love it", "/labmate sentiment I love it" (the slash is the channel's, the word is ours),
   * "SENTIMENT I love it"; anything else is plain text. Linear in the length of the text.
   */
  parse(text: string): ParsedText {
    const trimmed = text.trim();
    if (trimmed === '') return { kind: 'command', command: this.empty, argument: '', implicit: true };
    const word = firstWord(trimmed);
    const slashed = word.startsWith('/');
    const bare = stripPunctuation(slashed ? word.slice(1) : word);
    const command = this.find(bare);
    if (command) return { kind: 'command', command, argument: afterFirstWord(trimmed), implicit: false };
    if (slashed) return { kind: 'unknown', word };
    return { kind: 'command', command: this.plainText, argument: trimmed, implicit: true };
  }

  private require(name: string): AnyCommand {
    const row = this.find(name);
    if (!row) throw new Error(`the command table has no "${name}" command`);
    return row;
  }
}

/** "sentiment:" and "entities," read as the command word. */
function stripPunctuation(word: string): string {
  return word.endsWith(':') || word.endsWith(',') ? word.slice(0, -1) : word;
}
