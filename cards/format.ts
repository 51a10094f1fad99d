/** Small wording helpers shared by the card and text renderers. */

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Keeps long quotes readable in a chat bubble. */
export function shorten(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
