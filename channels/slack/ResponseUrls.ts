/** Slack accepts up to five posts to a response_url within 30 minutes of the request. */
const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

interface Entry {
  issuedAt: number;
  uses: number;
  /** Conversation and user it came from, so a later (proactive) answer can reach the same place. */
  key: string;
}

/**
 * The response URLs labmate was given, with what is left of their budget. Bounded: the oldest are forgotten first,
 * and expired ones are dropped as new ones arrive.
 */
export class ResponseUrls {
  private readonly entries = new Map<string, Entry>();
  private readonly latestByKey = new Map<string, string>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  remember(url: string, conversationId: string, userId: string): void {
    const key = keyOf(conversationId, userId);
    this.entries.delete(url);
    this.entries.set(url, { issuedAt: this.now(), uses: 0, key });
    this.latestByKey.delete(key);
    this.latestByKey.set(key, url);
    this.prune();
  }

  /** Counts one use and returns true while the URL has uses and time left. Unknown URLs are refused. */
  take(url: string): boolean {
    const entry = this.entries.get(url);
    if (!entry || !this.usable(entry)) return false;
    entry.uses++;
    return true;
  }

  /** The newest usable response URL from this person in this conversation, for answers that come later. */
  latestFor(conversationId: string, userId: string): string | undefined {
    const url = this.latestByKey.get(keyOf(conversationId, userId));
    const entry = url ? this.entries.get(url) : undefined;
    return url && entry && this.usable(entry) ? url : undefined;
  }

  private usable(entry: Entry): boolean {
    return entry.uses < RESPONSE_URL_USES && this.now() - entry.issuedAt < RESPONSE_URL_LIFETIME_MS;
  }

  private prune(): void {
    for (const [url, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.now() - entry.issuedAt < RESPONSE_URL_LIFETIME_MS) break;
      this.entries.delete(url);
      if (this.latestByKey.get(entry.key) === url) this.latestByKey.delete(entry.key);
    }
  }
}

function keyOf(conversationId: string, userId: string): string {
  return `${conversationId}\n${userId}`;
}
