import type { AnyCommand, UsagePart } from '../commands/Command.js';
import { code, data, line, placeholder, prose, subtle, type Action, type Line, type ResultDocument, type Span } from './document.js';

export interface HelpOptions {
  title: string;
  intro: string;
  /** Where answers come from ("Text analysis: offline analyzer"). */
  backends: string[];
}

/** Commands offered as buttons: [button title, command]. */
const EXAMPLES: ReadonlyArray<[string, string]> = [
  ['Try an analysis', 'analyze I loved the new GPU, but the driver install was painful'],
  ['Find personal data', 'pii Mail jane@contoso.com or call +1 425 555 0100'],
  ['Translate', 'translate to spanish: the training run finished'],
];

/**
 * Help (and the welcome) from the command table: one entry per form a person can type, the command and its
 * ‹placeholders› on one line and what it does on the next, so it reads in a narrow column too.
 */
export function helpDocument(commands: readonly AnyCommand[], options: HelpOptions): ResultDocument {
  const entries = commands.flatMap(helpEntries);
  return {
    title: line(options.title),
    sections: [{ lines: [line(options.intro)] }, { lines: entries.flatMap(([usage, description]) => [usage, { ...prose(description), subtle: true }]) }],
    notes: options.backends.length > 0 ? [subtle(options.backends.join(' · '))] : [],
    actions: EXAMPLES.map(([title, command]): Action => ({ title, command })),
  };
}

/** The answer to `/something` no command answers to. */
export function unknownCommandDocument(word: string): ResultDocument {
  return { sections: [{ lines: [line("I don't know the command ", data(word), '. ', code('help'), ' lists what I can do.')] }] };
}

function helpEntries(command: AnyCommand): Array<[Line, string]> {
  const entries: Array<[Line, string]> = [];
  const visible = (command.subcommands ?? []).filter((sub) => !sub.hidden);
  if (command.usage || visible.length === 0) entries.push([usageLine([command.name], command.usage ?? []), command.description]);
  for (const sub of visible) entries.push([usageLine([command.name, sub.name], sub.usage ?? []), sub.description]);
  return entries;
}

function usageLine(words: string[], usage: readonly UsagePart[]): Line {
  const spans: Span[] = [code(words.join(' '))];
  for (const part of usage) {
    spans.push(data(' '));
    if (typeof part === 'string') spans.push(code(part));
    else if (part.optional) spans.push(data('['), placeholder(part.placeholder), data(']'));
    else spans.push(placeholder(part.placeholder));
  }
  return { spans };
}
