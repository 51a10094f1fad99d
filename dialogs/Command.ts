import type { ServiceError } from '../services/errors.js';
import type { Capabilities } from './Capabilities.js';
import type { Turn } from './Turn.js';
import type { HelpTopic, UsagePart } from '../cards/help.js';

interface Subcommand {
  name: string;
  aliases?: readonly string[];
  usage?: readonly UsagePart[];
  description: string;
  /** Only people listed in VM_OPERATORS may run it; checked before the handler, from this row. */
  operatorsOnly?: boolean;
  /** The action name in audit lines and refusals (`vm stop` for `vm confirm`); default `<command> <subcommand>`. */
  action?: string;
  /** The typed form of a button (`vm confirm <code>`): works, but help does not list it. */
  hidden?: boolean;
  /** Among the most used: the short help card shows it; every other form is on its topic's page (`help <topic>`). */
  featured?: boolean;
}

/**
 * One command, everything about it in one row: help, the parser, authorization and the Teams manifest read it,
 * and `handle` is required, so a command without a handler does not compile.
 */
interface Command<Args = string> {
  /** The first word a person types (lower case). */
  name: string;
  aliases?: readonly string[];
  /** The command's own form, when it has one besides its subcommands (`translate ‹language› ‹text›`). */
  usage?: readonly UsagePart[];
  /** One sentence, at most 128 characters (the Teams manifest's limit). */
  description: string;
  /** What it is for: help groups the commands by topic. */
  topic: HelpTopic;
  /** Its own form (`usage`) is among the most used: the short help card shows it. */
  featured?: boolean;
  /** Offered in the client's command menu (the Teams manifest's command list: at most 10). An explicit choice. */
  menu: boolean;
  /** Only people listed in VM_OPERATORS may run it, in every form (`train`, `publish`); checked before the handler. */
  operatorsOnly?: boolean;
  subcommands?: readonly Subcommand[];
  /**
   * The argument is text the command reads as written (an analysis): with auto-translation on, the handler gets
   * what the person wrote, never the machine translation that was used to route it.
   */
  readsText?: boolean;
  /** Turns the argument (the text after the command word) into what `handle` takes. */
  parse(argument: string): Args;
  /** Why the capability cannot run (not set up), when it cannot: told before authorization, before any work. */
  unavailable?(capabilities: Capabilities): ServiceError | undefined;
  handle(turn: Turn, args: Args, capabilities: Capabilities): Promise<void>;
}

/** Keeps each row's argument type checked against its own handler, then stores it in the one table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table holds rows of different argument types
export type AnyCommand = Command<any>;

export function defineCommand<Args>(command: Command<Args>): AnyCommand {
  return command;
}

/** The argument as typed, trimmed: for commands that read text. */
export function asText(argument: string): string {
  return argument.trim();
}

/** The subcommand named by the first word of an argument, if any. */
export function findSubcommand(command: AnyCommand, argument: string): Subcommand | undefined {
  const word = firstWord(argument).toLowerCase();
  if (word === '') return undefined;
  return command.subcommands?.find((sub) => sub.name === word || sub.aliases?.includes(word));
}

/** The first whitespace-separated word, in linear time (no pattern that could backtrack on long input). */
export function firstWord(text: string): string {
  let start = 0;
  while (start < text.length && isSpace(text[start])) start++;
  let end = start;
  while (end < text.length && !isSpace(text[end])) end++;
  return text.slice(start, end);
}

/** The text after the first word, trimmed. */
export function afterFirstWord(text: string): string {
  const trimmed = text.trimStart();
  const word = firstWord(trimmed);
  return trimmed.slice(word.length).trim();
}

const SPACE = /\s/;

function isSpace(char: string): boolean {
  return SPACE.test(char);
}
