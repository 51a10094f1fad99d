/**
 * Which URLs an attachment may be downloaded from. Hosts are compared as origins (scheme, host and port), never
 * as substrings of a URL.
 *
 * Allowed: the conversation's own service host (the origin of `activity.serviceUrl`: Teams inline images, the
 * Emulator, Direct Line), the file hosts of the channel the message came from (it names them), and
 * IMAGE_FILE_HOSTS. A file-host entry is a host name, which allows that host (or, with a leading
 * dot, its subdomains) on https only, or an explicit origin such as `http://127.0.0.1:4000`. A redirect is checked
 * like the first URL; which token may go where is the credential's business (imageAttachments.ts).
 */
interface DownloadPolicyOptions {
  /** The conversation's `serviceUrl`, as the (authenticated) activity gives it. */
  serviceUrl?: string;
  fileHosts: readonly string[];
}

type UrlDecision = { allowed: true; url: URL } | { allowed: false; reason: string };

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
    if (this.options.fileHosts.some((entry) => hostMatches(entry, url))) return { allowed: true, url };
    return { allowed: false, reason: `it is on ${url.host}, which is neither this conversation's service host nor a known file host` };
  }
}

/** `entry` is a host name (`files.example.com`), a domain suffix (`.sharepoint.com`) or an origin (`http://127.0.0.1:4000`). */
export function hostMatches(entry: string, url: URL): boolean {
  const normalized = entry.trim().toLowerCase();
  if (/^https?:\/\//.test(normalized)) return originOf(normalized) === url.origin;
  if (url.protocol !== 'https:' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  if (normalized.startsWith('.')) return host.endsWith(normalized) && host.length > normalized.length;
  return host === normalized;
}

export function originOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
