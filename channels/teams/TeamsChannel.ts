import type { Activity, Attachment, CloudAdapter, TurnContext } from 'botbuilder';
import { imageAttachments, nameOf, type ImageReference } from '../attachments/imageAttachments.js';
import { botConnectorCredential } from '../botframework/botConnectorCredential.js';
import { botFrameworkChannel, callerFrom, cardReply } from '../botframework/botFrameworkChannel.js';
import { REWRITES_BY_ID, type Channel } from '../Channel.js';

/** The card for a file shared in a chat: a pre-authorised, short-lived download URL. */
const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** Where Teams serves files shared in chats (SharePoint and OneDrive, in each cloud). */
const TEAMS_FILE_HOSTS = ['.sharepoint.com', '.sharepoint.us', '.sharepoint-df.com'];

const IMAGE_FILE_TYPES = new Set(['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp']);

/**
 * Microsoft Teams: Adaptive Cards whose command buttons post the command as the person's own message (imBack),
 * people named by their Entra object id, pasted images on the service host (with the bot's token) and shared files
 * on SharePoint, and cards updated in place once answered.
 */
export function teamsChannel(adapter: CloudAdapter): Channel {
  return botFrameworkChannel(adapter, {
    name: 'teams',
    owns: (activity) => activity.channelId === 'msteams',
    render: (document) => cardReply(document, { commandData: (command) => ({ command, msteams: { type: 'imBack', value: command } }) }),
    showsPictures: () => true,
    // The Entra object id is what administrators know people by; the Teams user id (29:...) differs per bot.
    caller: (activity) => callerFrom(activity, true, activity.from?.aadObjectId || activity.from?.id || ''),
    imageReferences: teamsImages,
    fileHosts: TEAMS_FILE_HOSTS,
    ...REWRITES_BY_ID,
  });
}

/**
 * Pasted images (`image/*` on the service host, with the bot's token) and image files shared in a 1:1 chat (a
 * file download card with a pre-authorised URL, so no token). The `text/html` sibling of a pasted image points at
 * the same image and is ignored.
 */
function teamsImages(context: TurnContext): ImageReference[] {
  const activity: Activity = context.activity;
  const references = imageAttachments(activity.attachments, botConnectorCredential(context));
  for (const attachment of activity.attachments ?? []) {
    const file = sharedImageFile(attachment, references.length + 1);
    if (file) references.push(file);
  }
  return references;
}

function sharedImageFile(attachment: Attachment, position: number): ImageReference | undefined {
  if ((attachment.contentType ?? '').toLowerCase() !== FILE_DOWNLOAD_INFO) return undefined;
  const content = attachment.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
  const fileType = typeof content?.fileType === 'string' ? content.fileType.toLowerCase() : '';
  if (typeof content?.downloadUrl !== 'string' || !IMAGE_FILE_TYPES.has(fileType)) return undefined;
  return { name: nameOf(attachment, position), url: content.downloadUrl };
}
