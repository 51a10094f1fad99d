import { code, data, line, placeholder, prose, subtle, type Action, type Card, type Line, type Span } from './Card.js';

/** What help shows after a command word: literal words and ‹placeholders›; `optional` ones in brackets. */
export type UsagePart = string | { placeholder: string; optional?: boolean };

/** One form a person can type: its words (`vm start`), what follows them, and what it does. */
export interface HelpEntry {
  words: readonly string[];
  usage: readonly UsagePart[];
  description: string;
}

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
 * Help (and the welcome): one entry per form a person can type, the command and its ‹placeholders› on one line and
 * what it does on the next, so it reads in a narrow column too.
 */
export function helpDocument(entries: readonly HelpEntry[], options: HelpOptions): Card {
  return {
    title: line(options.title),
    sections: [{ lines: [line(options.intro)] }, { lines: entries.flatMap((entry) => [usageLine(entry.words, entry.usage), { ...prose(entry.description), subtle: true }]) }],
    notes: options.backends.length > 0 ? [subtle(options.backends.join(' · '))] : [],
    actions: EXAMPLES.map(([title, command]): Action => ({ title, command })),
  };
}

/** The answer to `/something` no command answers to. */
export function unknownCommandDocument(word: string): Card {
  return { sections: [{ lines: [line("I don't know the command ", data(word), '. ', code('help'), ' lists what I can do.')] }] };
}

function usageLine(words: readonly string[], usage: readonly UsagePart[]): Line {
  const spans: Span[] = [code(words.join(' '))];
  for (const part of usage) {
    spans.push(data(' '));
    if (typeof part === 'string') spans.push(code(part));
    else if (part.optional) spans.push(data('['), placeholder(part.placeholder), data(']'));
    else spans.push(placeholder(part.placeholder));
  }
  return { spans };
}
