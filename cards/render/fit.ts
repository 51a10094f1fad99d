/**
 * Cutting a document down to a channel's limit, once for every format. Each renderer measures its own output;
 * this decides what to leave out: lines from the end of the longest parts first (section lines, bullets, facts,
 * table rows), keeping titles, headings, notes and actions, and says in a note how much was left out.
 */
import { line, linesOf, type Line, type Card, type Section } from '../Card.js';
import { largestFitting } from './largestFitting.js';
import { shortenLine } from './shortenLine.js';

/** How full a candidate's rendering is: its size over the renderer's limit, so at most 1 fits. */
type DocumentFill = (candidate: Card) => number;

/** A line shorter than this is not worth showing cut. */
const SHORTEST_CUT_LINE = 40;
/** Roughly what a line costs in any format besides its text (markup, JSON, separators). */
const LINE_OVERHEAD = 24;

/**
 * The document cut so that `fill(candidate) <= 1`, with a note saying what was left out. Call it only when the
 * document does not fit. Tries, in order: fewer lines; fewer lines and no pictures; fewer sections (a reply of
 * many small ones); one line per part with long lines shortened; and last what fitted with no lines at all, or the
 * title and the note alone.
 */
export function fitDocument(document: Card, fill: DocumentFill): Card {
  const parts = cuttableParts(document);
  const longest = parts.reduce((most, part) => Math.max(most, entries(part)), 0);
  let noLines: Card | undefined;

  for (const pictures of hasPictures(document) ? [true, false] : [true]) {
    const fewerLines = (cap: number) => withNote(cutDocument(document, { cap, pictures }), leftOut(parts, cap), false);
    const found = largestFittingDocument(longest, fewerLines, (cap) => keptWeight(parts, cap), fill);
    if (found && found.value > 0) return found.document;
    noLines ??= found?.document;
  }

  const sections = sectionSizes(document);
  const fewerSections = (count: number) =>
    withNote(cutDocument({ ...document, sections: document.sections.slice(0, count) }, { cap: Infinity, pictures: false }), sections.entriesFrom(count), false);
  const foundSections = largestFittingDocument(document.sections.length - 1, fewerSections, sections.weightOf, fill);
  if (foundSections && foundSections.value > 0) return foundSections.document;

  const longestLine = linesOf(document).reduce((longest, value) => Math.max(longest, characters(value)), 0);
  if (longestLine > SHORTEST_CUT_LINE) {
    const oneEach = Math.min(1, longest);
    const shortened = (extra: number) =>
      withNote(cutDocument(document, { cap: oneEach, pictures: false, shortenTo: SHORTEST_CUT_LINE + extra }), leftOut(parts, oneEach), true);
    const kept = (extra: number) => linesOf(document).reduce((sum, value) => sum + Math.min(characters(value), SHORTEST_CUT_LINE + extra), 0);
    const found = largestFittingDocument(longestLine - SHORTEST_CUT_LINE, shortened, kept, fill);
    if (found) return found.document;
  }
  return noLines ?? titleAndNote(document, parts);
}

/**
 * The candidate for the largest value in [0, max] that fits, undefined when not even 0 does. Candidates are made
 * once per value: the document returned is the very object measured, so a renderer can keep its rendering.
 */
function largestFittingDocument(
  max: number,
  candidate: (value: number) => Card,
  weight: (value: number) => number,
  fill: DocumentFill,
): { value: number; document: Card } | undefined {
  const made = new Map<number, Card>();
  const make = (value: number) => {
    let document = made.get(value);
    if (!document) made.set(value, (document = candidate(value)));
    return document;
  };
  const fillAtZero = fill(make(0));
  if (fillAtZero > 1) return undefined;
  const value = largestFitting(max, (tried) => fill(make(tried)), weight, fillAtZero);
  return { value, document: make(value) };
}

/**
 * One list that can lose entries from its end (a section's lines, bullets, facts or table rows), as the prefix
 * sums of its entries' weights (characters, plus a little for markup): `prefix[n]` is what the first n weigh.
 */
type CuttablePart = number[];

function cuttableParts(document: Card): CuttablePart[] {
  const parts: CuttablePart[] = [];
  const add = <T>(list: T[] | undefined, weigh: (entry: T) => number) => {
    if (!list?.length) return;
    const prefix = [0];
    for (const entry of list) prefix.push(prefix[prefix.length - 1] + weigh(entry) + LINE_OVERHEAD);
    parts.push(prefix);
  };
  for (const section of document.sections) {
    add(section.lines, characters);
    add(section.bullets, characters);
    add(section.facts, (entry) => characters(entry.label) + characters(entry.value));
    add(section.table?.rows, (row) => row.reduce((sum, cell) => sum + characters(cell), 0));
  }
  return parts;
}

/** plainText(value).length, without building the string: this runs over every line of huge documents. */
function characters(value: Line): number {
  let length = 0;
  for (const span of value.spans) length += span.text.length;
  return length;
}

function entries(part: CuttablePart): number {
  return part.length - 1;
}

function keptWeight(parts: CuttablePart[], cap: number): number {
  return parts.reduce((sum, part) => sum + part[Math.min(cap, entries(part))], 0);
}

function leftOut(parts: CuttablePart[], cap: number): number {
  return parts.reduce((sum, part) => sum + Math.max(0, entries(part) - cap), 0);
}

interface Cut {
  /** At most this many entries of each cuttable part. */
  cap: number;
  pictures: boolean;
  /** Every line (but the notes) shortened to this many characters. */
  shortenTo?: number;
}

function cutDocument(document: Card, cut: Cut): Card {
  const shorten = (value: Line): Line => (cut.shortenTo === undefined ? value : shortenLine(value, cut.shortenTo));
  const kept = <T>(entries: T[] | undefined) => entries?.slice(0, cut.cap);
  const sections = document.sections.map(
    (section): Section => ({
      ...section,
      heading: section.heading && shorten(section.heading),
      lines: kept(section.lines)?.map(shorten),
      bullets: kept(section.bullets)?.map(shorten),
      facts: kept(section.facts)?.map((entry) => ({ label: shorten(entry.label), value: shorten(entry.value) })),
      table: section.table && { columns: section.table.columns.map(shorten), rows: section.table.rows.slice(0, cut.cap).map((row) => row.map(shorten)) },
      picture: cut.pictures ? section.picture : undefined,
    }),
  );
  return { ...document, title: document.title && shorten(document.title), sections };
}

/** The note saying how much was left out, after the document's own notes; none when nothing was. */
function withNote(document: Card, count: number, shortened: boolean): Card {
  if (count === 0 && !shortened) return document;
  return { ...document, notes: [...(document.notes ?? []), leftOutNote(count, shortened)] };
}

/** Each section's weight and entry count, as prefix sums over the sections. */
function sectionSizes(document: Card): { weightOf: (count: number) => number; entriesFrom: (count: number) => number } {
  const weights = [0];
  const entries = [0];
  for (const section of document.sections) {
    const lines = linesOf({ sections: [section] });
    weights.push(weights[weights.length - 1] + lines.reduce((sum, value) => sum + characters(value) + LINE_OVERHEAD, 0));
    const count = (section.heading ? 1 : 0) + (section.lines?.length ?? 0) + (section.bullets?.length ?? 0) + (section.facts?.length ?? 0) + (section.table?.rows.length ?? 0);
    entries.push(entries[entries.length - 1] + count);
  }
  const total = entries[entries.length - 1];
  return { weightOf: (count) => weights[count], entriesFrom: (count) => total - entries[count] };
}

/** The last resort: what the reply was about, and why the rest is missing. */
function titleAndNote(document: Card, parts: CuttablePart[]): Card {
  return withNote({ title: document.title && shortenLine(document.title, 200), sections: [] }, leftOut(parts, 0), false);
}

function leftOutNote(count: number, shortened: boolean): Line {
  const what = count === 0 ? 'Long lines shortened' : `… ${thousands(count)} more ${count === 1 ? 'line' : 'lines'} left out${shortened ? ', long lines shortened' : ''}`;
  return { ...line(`${what}: the full result was too long for this chat.`), subtle: true };
}

/** 4980 → "4,980" (what toLocaleString('en-US') gives, without the cost of Intl on every probe). */
function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function hasPictures(document: Card): boolean {
  return document.sections.some((section) => section.picture);
}
