/**
 * Slack's mrkdwn is not Markdown: bold is `*one star*`, links are `<url|text>`, and `&`, `<`, `>` must be escaped or
 * Slack reads them as its own markup (`<!channel>` would ping everyone). The renderers write Markdown; this turns
 * it into mrkdwn for Slack.
 */

/** Escapes the three characters Slack treats as markup. Use on any text that came from a person or a service. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Markdown (as the text renderers write it) to mrkdwn. `escape`: escape `&<>` first; the direct Slack app posts
 * to Slack's Web API, which wants them escaped. Code spans are left alone apart from escaping.
 */
export function markdownToMrkdwn(markdown: string, options: { escape: boolean }): string {
  const text = options.escape ? escapeMrkdwn(markdown) : markdown;
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : convertProse(part)))
    .join('');
}

function convertProse(text: string): string {
  return text
    .replace(/\*\*([^*\n]+?)\*\*/g, '*$1*')
    .replace(/__([^_\n]+?)__/g, '*$1*')
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, '<$2|$1>')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/^(\s*)[-+] /gm, '$1• ');
}
