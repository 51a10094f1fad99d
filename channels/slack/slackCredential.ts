import { hostMatches } from '../attachments/downloadPolicy.js';
import type { DownloadCredential } from '../attachments/imageAttachments.js';

/** The Slack bot token, for Slack's file hosts only (files need `Authorization: Bearer <bot token>` and files:read). */
export function slackFileCredential(botToken: string | undefined, slackFileHosts: readonly string[]): DownloadCredential | undefined {
  if (!botToken) return undefined;
  return { token: async () => botToken, mayReceive: (url) => slackFileHosts.some((entry) => hostMatches(entry, url)) };
}
