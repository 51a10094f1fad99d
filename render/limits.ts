/** Rendering within a channel's limit: the pattern the three renderers share, around `fitDocument`. */
import { linesOf, type ResultDocument } from '../documents/document.js';
import { fitDocument } from './fit.js';

/**
 * The document rendered, or, when that is over the limit, the document cut to fit (fitDocument) rendered.
 * `fill(rendered)` is the rendering's size over the limit (at most 1 fits). `leastFill(document)` is a cheap lower
 * bound of it (the text alone over the limit): a document it already puts over is not rendered at all, which spares
 * rendering 5,000 lines through the card SDK only to throw them away.
 */
export function renderWithinLimit<T>(
  document: ResultDocument,
  render: (candidate: ResultDocument) => T,
  fill: (rendered: T) => number,
  leastFill: (document: ResultDocument) => number,
): T {
  if (leastFill(document) <= 1) {
    const rendered = render(document);
    if (fill(rendered) <= 1) return rendered;
  }
  // fitDocument hands back the very candidate it measured last: keep the renderings rather than render it again.
  const renderings = new WeakMap<ResultDocument, T>();
  const remembered = (candidate: ResultDocument): T => {
    let rendered = renderings.get(candidate);
    if (rendered === undefined) renderings.set(candidate, (rendered = render(candidate)));
    return rendered;
  };
  const measure = (candidate: ResultDocument) => {
    const least = leastFill(candidate);
    return least > 1 ? least : fill(remembered(candidate));
  };
  return remembered(fitDocument(document, measure));
}

/**
 * A lower bound of the size of any rendering that shows every line: the characters of each line, counted up to
 * `longest` for a format that shortens lines to no fewer, plus `perLine` for the markup a format surely adds.
 */
export function textLength(document: ResultDocument, { longest = Infinity, perLine = 0 } = {}): number {
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
