import { COMMANDS } from './commands.js';

/** What a person asked for: the command word (lower case) and the rest of the text, as typed. */
export interface ParsedCommand {
  name: string;
  argument: string;
  /** True when the text did not start with a known command word. */
  implicit: boolean;
}

export interface Route {
  /** The dialog that handles it. */
  dialogId: string;
  matches(command: ParsedCommand): boolean;
}

const KNOWN = new Set(COMMANDS.map((command) => command.name));

/** Splits "sentiment: I love it" or "/labmate sentiment I love it" into a command and its argument. */
export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim();
  const match = /^\/?([\p{L}-]+)[:,]?(?:\s+([\s\S]*))?$/u.exec(trimmed);
  const word = match?.[1]?.toLowerCase();
  if (word && KNOWN.has(word)) return { name: word, argument: (match?.[2] ?? '').trim(), implicit: false };
  if (trimmed === '') return { name: 'help', argument: '', implicit: true };
  // "/something" is an unknown command; any other text is there to be analysed.
  if (trimmed.startsWith('/')) return { name: 'unknown', argument: trimmed, implicit: true };
  return { name: 'analyze', argument: trimmed, implicit: true };
}

/** First match wins. */
export class RouteTable {
  constructor(
    private readonly routes: readonly Route[],
    private readonly fallbackDialogId: string,
  ) {}

  resolve(command: ParsedCommand): string {
    return this.routes.find((route) => route.matches(command))?.dialogId ?? this.fallbackDialogId;
  }
}

export function byName(dialogId: string, ...names: string[]): Route {
  return { dialogId, matches: (command) => names.includes(command.name) };
}
