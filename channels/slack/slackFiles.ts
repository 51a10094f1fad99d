import type { SlackConfig } from '../../config/slack.js';

export interface DownloadedFile {
  bytes: Buffer;
  contentType: string;
}

export class SlackFileError extends Error {
  constructor(
    readonly reason: 'host' | 'too-large' | 'not-authorized' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'SlackFileError';
  }
}

const MAX_REDIRECTS = 3;

/**
 * Downloads a file posted in Slack (`url_private_download`) with the bot token (scope files:read). The token goes
 * only to Slack's file host (files.slack.com) and, for tests, the SLACK_API_URL host; redirects are followed only
 * among those hosts, each hop sending the token again (fetch would drop it, or send it elsewhere); the body is
 * counted as it arrives and refused past `maxBytes`. Slack answers a missing or wrong token with an HTML sign-in
 * page and HTTP 200: that is reported as `not-authorized`, not handed on as an image.
 */
export function createSlackFileDownloader(config: SlackConfig): (url: string, maxBytes: number) => Promise<DownloadedFile> {
  const hosts = new Set(['files.slack.com', new URL(config.apiUrl).host]);
  const testHost = new URL(config.apiUrl).host;
  return async (address, maxBytes) => {
    if (!config.botToken) throw new SlackFileError('not-authorized', 'SLACK_BOT_TOKEN is not set');
    let url = new URL(address);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!hosts.has(url.host) || (url.protocol !== 'https:' && url.host !== testHost)) {
        throw new SlackFileError('host', `refusing to send the bot token to ${url.host}`);
      }
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${config.botToken}` },
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel();
        url = new URL(response.headers.get('location') as string, url);
        continue;
      }
      const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
      if (response.status === 401 || response.status === 403 || /^text\/html\b/i.test(contentType)) {
        await response.body?.cancel();
        throw new SlackFileError('not-authorized', `Slack refused the file download (HTTP ${response.status}); is the files:read scope granted?`);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new SlackFileError('failed', `the file download answered HTTP ${response.status}`);
      }
      return { bytes: await readAtMost(response, maxBytes), contentType };
    }
    throw new SlackFileError('failed', `more than ${MAX_REDIRECTS} redirects`);
  };
}

async function readAtMost(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new SlackFileError('too-large', `the file is larger than ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) throw new SlackFileError('too-large', `the file is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
