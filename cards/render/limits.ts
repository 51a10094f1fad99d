/** Rendering within a channel's limit: the pattern the three renderers share, around `fitDocument`. */
import { linesOf, type Card } from '../Card.js';
import { fitDocument } from './fit.js';

/**
 * The document rendered, or, when that is over the limit, the document cut to fit (fitDocument) rendered.
 * `fill(rendered)` is the rendering's size over the limit (at most 1 fits). `leastFill(document)` is a cheap lower
 * bound of it (the text alone over the limit): a document it already puts over is not rendered at all, which spares
 * rendering 5,000 lines through the card SDK only to throw them away. `mostFill(rendered)`, where given, is a cheap
 * upper bound: a rendering it puts at most at 1 fits without its exact size (most replies are far from the limit).
 */
export function renderWithinLimit<T>(
  document: Card,
  render: (candidate: Card) => T,
  fill: (rendered: T) => number,
  leastFill: (document: Card) => number,
  mostFill?: (rendered: T) => number,
): T {
  if (leastFill(document) <= 1) {
    const rendered = render(document);
    if ((mostFill && mostFill(rendered) <= 1) || fill(rendered) <= 1) return rendered;
  }
  // fitDocument hands back the very candidate it measured last: keep the renderings rather than render it again.
  const renderings = new WeakMap<Card, T>();
  const remembered = (candidate: Card): T => {
    let rendered = renderings.get(candidate);
    if (rendered === undefined) renderings.set(candidate, (rendered = render(candidate)));
    return rendered;
  };
  const measure = (candidate: Card) => {
    const least = leastFill(candidate);
    return least > 1 ? least : fill(remembered(candidate));
  };
  return remembered(fitDocument(document, measure));
}

/**
 * A lower bound of the size of any rendering that shows every line: the characters of each line, counted up to
 * `longest` for a format that shortens lines to no fewer, plus `perLine` for the markup a format surely adds.
 */
export function textLength(document: Card, { longest = Infinity, perLine = 0 } = {}): number {
  let length = 0;
  for (const value of linesOf(document)) {
    let lineLength = 0;
    for (const span of value.spans) lineLength += span.text.length;
    length += Math.min(lineLength, longest) + perLine;
  }
  return length;
}

/** UTF-8 bytes: Teams caps a message in bytes, and a byte count is also a safe character count. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest a finite double prints in JSON: 17 digits after "-0.00000" ("-0.0000012345678901234567"). */
const LONGEST_NUMBER = 25;
/**
 * What JSON escapes, as \u001f or \ud800 (6 bytes): quotes, backslashes, control characters and lone surrogates. Any
 * other UTF-16 unit takes at most 3 bytes in UTF-8.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it is about
const ESCAPED = /["\\\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * An upper bound of the UTF-8 bytes of `JSON.stringify(value)`, found without writing the JSON (which costs a
 * card about 30 µs and a string as large as the card). Infinity for what JSON.stringify treats specially (toJSON).
 */
export function jsonBytesAtMost(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length * (ESCAPED.test(value) ? 6 : 3) + 2;
    case 'number':
      return LONGEST_NUMBER;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Infinity;
      let bytes = 2;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) bytes += jsonBytesAtMost(item) + 1;
        return bytes;
      }
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (Object.hasOwn(record, key)) bytes += jsonBytesAtMost(key) + 1 + jsonBytesAtMost(record[key]) + 1;
      }
      return bytes;
    }
    default:
      // undefined, functions and symbols: left out of objects, null in arrays.
      return 4;
  }
}
