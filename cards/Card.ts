/**
 * The channel-neutral result document: what labmate says, with no format in it. Handlers build documents; the
 * renderers turn one into what each channel shows (an Adaptive Card, Block Kit, Markdown text), each escaping
 * every span for its own format. No span can carry markup: formatting comes only from a span's style, so text a
 * person wrote is always shown as text.
 */

type SpanStyle = 'plain' | 'strong' | 'emphasis' | 'code' | 'placeholder';

export interface Span {
  text: string;
  style: SpanStyle;
  /**
   * True for labmate's own prose, which auto-translation translates. False for everything that must reach the
   * person as it is: what they wrote, names, ids, numbers, command words and placeholders.
   */
  translate: boolean;
  /** A link labmate wrote itself (never one taken from a message). */
  href?: string;
}

export type Tone = 'default' | 'good' | 'warning' | 'attention' | 'accent';

/** One line (a paragraph): inline spans, with an optional tone and quieter look. */
export interface Line {
  spans: Span[];
  tone?: Tone;
  subtle?: boolean;
}

export interface Fact {
  label: Line;
  value: Line;
}

export interface Table {
  columns: Line[];
  /** Each row has one cell per column. */
  rows: Line[][];
}

/** A picture beside a section (a thumbnail of what the model saw); renderers that cannot show it leave it out. */
interface Picture {
  /** A data: URL: the images people post are private to their conversation. */
  url: string;
  alt: string;
}

/**
 * A button: `command` is what it runs, exactly as a person could type it, so every action also works where
 * there are no buttons. `answers` marks the answer to a question the card asks (confirm, cancel): channels that
 * can replace an answered card do so.
 */
export interface Action {
  title: string;
  /**
   * The part of the title that is data (a tag's name, typed or from the project): auto-translation leaves it as
   * written, and a title that is nothing else is not translated at all.
   */
  titleData?: string;
  command: string;
  style?: 'positive' | 'destructive';
  answers?: boolean;
}

/** Parts shown in this order: heading, then lines, bullets, facts, a table; a picture beside them; its actions. */
export interface Section {
  heading?: Line;
  lines?: Line[];
  bullets?: Line[];
  facts?: Fact[];
  table?: Table;
  picture?: Picture;
  /** Buttons that belong to this section (a row's Deallocate). */
  actions?: Action[];
}

export interface Card {
  title?: Line;
  sections: Section[];
  /** Quieter lines at the end: where the answer came from, what was left out. */
  notes?: Line[];
  actions?: Action[];
}

// ---- Span builders: the vocabulary handlers and document builders write in ----

/** labmate's own words (translated with the rest of a reply). */
export function text(value: string): Span {
  return { text: value, style: 'plain', translate: true };
}

export function strong(value: string): Span {
  return { text: value, style: 'strong', translate: true };
}

export function emphasis(value: string): Span {
  return { text: value, style: 'emphasis', translate: true };
}

/** Something a person wrote, a name, an id or a number: shown exactly, never formatted, never translated. */
export function data(value: string): Span {
  return { text: value, style: 'plain', translate: false };
}

/** Data shown in bold (a VM's name in a heading). */
export function strongData(value: string): Span {
  return { text: value, style: 'strong', translate: false };
}

/** A command word, setting name or code: monospace where the format has it, never translated. */
export function code(value: string): Span {
  return { text: value, style: 'code', translate: false };
}

/** What a person fills in (`name`, `text`): shown as ‹name›, which no client mistakes for markup. */
export function placeholder(name: string): Span {
  return { text: `‹${name}›`, style: 'placeholder', translate: false };
}

export function link(label: string, href: string): Span {
  return { text: label, style: 'plain', translate: true, href };
}

type SpanLike = Span | string;

/** A line from spans; plain strings are labmate's own words. */
export function line(...spans: SpanLike[]): Line {
  return { spans: spans.map((span) => (typeof span === 'string' ? text(span) : span)) };
}

export function toned(tone: Tone, ...spans: SpanLike[]): Line {
  return { ...line(...spans), tone };
}

export function subtle(...spans: SpanLike[]): Line {
  return { ...line(...spans), subtle: true };
}

export function fact(label: SpanLike, ...value: SpanLike[]): Fact {
  return { label: line(label), value: line(...value) };
}

/** A document of one or more lines and nothing else: the short answers (usage hints, refusals, confirmations). */
export function message(...lines: Line[]): Card {
  return { sections: [{ lines }] };
}

/** A one-line message. */
export function say(...spans: SpanLike[]): Card {
  return message(line(...spans));
}

/** The text a person reads in a line, whatever its styles. */
export function plainText(value: Line): string {
  return value.spans.map((span) => span.text).join('');
}

/** Every line of a document, in reading order (parity checks and the translation of documents walk these). */
export function linesOf(document: Card): Line[] {
  const lines: Line[] = [];
  if (document.title) lines.push(document.title);
  for (const section of document.sections) {
    if (section.heading) lines.push(section.heading);
    lines.push(...(section.lines ?? []), ...(section.bullets ?? []));
    for (const entry of section.facts ?? []) lines.push(entry.label, entry.value);
    if (section.table) lines.push(...section.table.columns, ...section.table.rows.flat());
  }
  lines.push(...(document.notes ?? []));
  return lines;
}

/** Every action of a document: the section ones first, then the document's own. */
export function actionsOf(document: Card): Action[] {
  return [...document.sections.flatMap((section) => section.actions ?? []), ...(document.actions ?? [])];
}

/** A sentence labmate wrote where `backticks` mark command words or code (service errors are written this way). */
export function prose(sentence: string): Line {
  return { spans: sentence.split('`').map((part, index) => (index % 2 === 1 ? code(part) : text(part))).filter((span) => span.text !== '') };
}
