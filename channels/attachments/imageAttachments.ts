import type { Activity, Attachment } from 'botbuilder';

/** The Teams card for a file shared in a chat: a pre-authorised, short-lived download URL. */
export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const IMAGE_FILE_TYPES = new Set(['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp']);

/** One image a message carries, as the channel describes it (nothing fetched yet, nothing trusted yet). */
export interface ImageReference {
  /** A name to show people: the attachment's name, else "image 2". */
  name: string;
  /** http(s) URL, or a `data:` URL from the Emulator / Web Chat. */
  url: string;
  /** How the channel says the file is reached: with the bot's token, Slack's token, or as is. */
  source: 'bot-connector' | 'teams-file' | 'slack-file' | 'inline';
}

/**
 * The images of a message, whatever the channel: `image/*` attachments with a `contentUrl` (Emulator, Web Chat,
 * Teams inline images, Slack files turned into activities) and Teams file download cards for image files.
 * Teams' `text/html` sibling of a pasted image is ignored: it points at the same image.
 */
export function imageReferences(activity: Pick<Activity, 'attachments' | 'channelId'>): ImageReference[] {
  const references: ImageReference[] = [];
  for (const attachment of activity.attachments ?? []) {
    const reference = toReference(attachment, activity.channelId, references.length + 1);
    if (reference) references.push(reference);
  }
  return references;
}

export function hasImageAttachments(activity: Pick<Activity, 'attachments' | 'channelId'>): boolean {
  return imageReferences(activity).length > 0;
}

function toReference(attachment: Attachment, channelId: string, position: number): ImageReference | undefined {
  const contentType = (attachment.contentType ?? '').toLowerCase();
  const name = typeof attachment.name === 'string' && attachment.name.trim() !== '' ? attachment.name.trim() : `image ${position}`;
  if (contentType === TEAMS_FILE_DOWNLOAD_INFO) {
    const content = attachment.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
    const fileType = typeof content?.fileType === 'string' ? content.fileType.toLowerCase() : '';
    if (typeof content?.downloadUrl !== 'string' || !IMAGE_FILE_TYPES.has(fileType)) return undefined;
    return { name, url: content.downloadUrl, source: 'teams-file' };
  }
  if (!contentType.startsWith('image/') || typeof attachment.contentUrl !== 'string' || attachment.contentUrl === '') {
    return undefined;
  }
  const url = attachment.contentUrl;
  if (url.startsWith('data:')) return { name, url, source: 'inline' };
  return { name, url, source: channelId === 'slack' ? 'slack-file' : 'bot-connector' };
}
