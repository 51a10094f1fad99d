/** Small wording helpers the document builders share. */

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** How long ago `since` was, as a long operation's report says it: `45 s`, `12 min`. */
export function elapsedSince(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
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

/** Masking that no Markdown reads as markup (a run of `*` is a horizontal rule): bullets, and the last characters of longer values. */
export function masked(value: string): string {
  const keep = value.length >= 12 ? 4 : value.length >= 8 ? 2 : 0;
  const hidden = Math.min(value.length - keep, 12);
  return '•'.repeat(hidden) + value.slice(value.length - keep);
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
