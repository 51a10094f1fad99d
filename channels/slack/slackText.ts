/**
 * Slack message text as a person typed it. Slack escapes `&`, `<` and `>` and wraps links, mentions and channel
 * names in `<...>`; the router and the analysers want the words.
 */
export function plainTextFromSlack(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => unwrap(inner, botUserId))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, (space: string) => (space.includes('\n') ? '\n' : ' '))
    .trim();
}

function unwrap(inner: string, botUserId: string | undefined): string {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const userId = target.slice(1);
    // The bot's own mention is how a channel message reaches it, not part of the command.
    if (userId === botUserId) return '';
    return label ? `@${label}` : `@${userId}`;
  }
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
  return label ?? target;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
