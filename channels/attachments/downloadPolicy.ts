/**
 * Which URLs an attachment may be downloaded from, and which token may go with each request. Hosts are compared
 * as origins (scheme, host and port), never as substrings of a URL.
 *
 * - Allowed: the conversation's own service host (the origin of `activity.serviceUrl`: Teams inline images,
 *   the Emulator, Direct Line) and the configured channel file hosts (SharePoint for Teams files, files.slack.com).
 *   The Slack file hosts are file hosts too. A file-host entry is a host name, which allows that host (or, with a leading dot, its subdomains) on https
 *   only, or an explicit origin such as `http://127.0.0.1:4000`.
 * - The bot's Bot Framework token goes only to the service host itself: that is where Teams serves pasted images
 *   (`{serviceUrl}/v3/attachments/...`), and the service URL is the one the channel's signed token vouches for.
 * - The Slack bot token goes only to the Slack file hosts, and only for a message that came from Slack.
 * - A redirect is checked like the first URL; a token is never sent to an origin other than the one it was
 *   first sent to.
 */
export interface DownloadPolicyOptions {
  /** The conversation's `serviceUrl`, as the (authenticated) activity gives it. */
  serviceUrl?: string;
  fileHosts: readonly string[];
  slackFileHosts: readonly string[];
}

export type TokenKind = 'bot-connector' | 'slack';

export type UrlDecision = { allowed: true; url: URL } | { allowed: false; reason: string };

export class DownloadPolicy {
  private readonly serviceOrigin?: string;

  constructor(private readonly options: DownloadPolicyOptions) {
    this.serviceOrigin = originOf(options.serviceUrl);
  }

  check(raw: string): UrlDecision {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { allowed: false, reason: 'its address is not a valid URL' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { allowed: false, reason: `I only download over http(s), not ${url.protocol}` };
    if (url.username !== '' || url.password !== '') return { allowed: false, reason: 'its address carries a user name or password' };
    if (url.origin === this.serviceOrigin) return { allowed: true, url };
    const fileHosts = [...this.options.fileHosts, ...this.options.slackFileHosts];
    if (fileHosts.some((entry) => hostMatches(entry, url))) return { allowed: true, url };
    return { allowed: false, reason: `it is on ${url.host}, which is neither this conversation's service host nor a known file host` };
  }

  /** The token this URL may carry, if any; `source` is how the channel said the file is reached. */
  tokenFor(url: URL, source: 'bot-connector' | 'teams-file' | 'slack-file' | 'inline'): TokenKind | undefined {
    if (source === 'bot-connector' && url.origin === this.serviceOrigin) return 'bot-connector';
    if (source === 'slack-file' && this.options.slackFileHosts.some((entry) => hostMatches(entry, url))) return 'slack';
    return undefined;
  }
}

/** `entry` is a host name (`files.slack.com`), a domain suffix (`.sharepoint.com`) or an origin (`http://127.0.0.1:4000`). */
export function hostMatches(entry: string, url: URL): boolean {
  const normalized = entry.trim().toLowerCase();
  if (/^https?:\/\//.test(normalized)) return originOf(normalized) === url.origin;
  if (url.protocol !== 'https:' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  if (normalized.startsWith('.')) return host.endsWith(normalized) && host.length > normalized.length;
  return host === normalized;
}

function originOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
