/** Shortening a line to a number of characters, keeping its spans' styles. */
import { plainText, type Line, type Span } from '../Card.js';
import { clip } from './escape.js';

/** The line's first `max` characters, with an ellipsis where it was cut. */
export function shortenLine(value: Line, max: number): Line {
  if (plainText(value).length <= max) return value;
  const spans: Span[] = [];
  let room = max;
  for (const span of value.spans) {
    if (room <= 0) break;
    // The span where the room runs out ends in an ellipsis, even when it fits exactly (more text followed it).
    spans.push(span.text.length < room ? span : { ...span, text: clip(`${span.text}…`, room) });
    room -= span.text.length;
  }
  return { ...value, spans };
}
