/** Small wording helpers the document builders share. */

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** How long ago `since` was, as a long operation's report says it: `45 s`, `12 min`. */
export function elapsedSince(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** When `since` was, for a person: `just now` (under 10 s, where "0 s ago" reads oddly), `45 s ago`, `12 min ago`. */
export function agoSince(since: number): string {
  return Date.now() - since < 10_000 ? 'just now' : `${elapsedSince(since)} ago`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Keeps long quotes readable in a chat bubble. */
export function shorten(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `CreditCardNumber` -> "Credit card number", `USSocialSecurityNumber` -> "US social security number", `IPAddress` -> "IP address". */
export function readableCategory(category: string): string {
  if (category === 'DateTime') return 'Date and time';
  const words = category
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean);
  return words.map((word, index) => (/^[A-Z0-9]+$/.test(word) && word.length > 1 ? word : index === 0 ? capitalize(word.toLowerCase()) : word.toLowerCase())).join(' ');
}

/** The one mask character personal data is hidden with, in values and in the redacted text alike. */
export const MASK = '•';

/** Masking that no Markdown reads as markup (a run of `*` is a horizontal rule): bullets, and the last characters of longer values. */
export function masked(value: string): string {
  const keep = value.length >= 12 ? 4 : value.length >= 8 ? 2 : 0;
  const hidden = Math.min(value.length - keep, 12);
  return MASK.repeat(hidden) + value.slice(value.length - keep);
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** A size as a person reads it: `1 byte`, `500 bytes`, `1.5 KB`, `12 KB`, `3.2 MB`, `48 MB`, `1.1 GB` (1 KB = 1,024 bytes). */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return count(Math.round(bytes), 'byte');
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal below 10, where it tells (1.5 KB); none above, nor for a whole number (4 MB, not 4.0 MB).
  const shown = value < 10 && Math.round(value * 10) % 10 !== 0 ? value.toFixed(1) : String(Math.round(value));
  return `${shown} ${units[unit]}`;
}
