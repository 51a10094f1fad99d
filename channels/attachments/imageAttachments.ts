import type { Attachment } from 'botbuilder';

/**
 * A token a download may carry, and where it may go: the bot's Bot Framework token to the conversation's service
 * host, a chat service's bot token to that service's file hosts. The channel that received the message decides both.
 */
export interface DownloadCredential {
  token(): Promise<string | undefined>;
  mayReceive(url: URL): boolean;
}

/** One image a message carries, as the channel describes it (nothing fetched yet, nothing trusted yet). */
export interface ImageReference {
  /** A name to show people: the attachment's name, else "image 2". */
  name: string;
  /** http(s) URL, or a `data:` URL (the Emulator, Web Chat, the try-out page). */
  url: string;
  /** The token this download may carry (only to the hosts the credential names). */
  credential?: DownloadCredential;
}

/**
 * The `image/*` attachments of a message with a `contentUrl` (Emulator, Web Chat, Teams inline images, files turned
 * into activities). `credential` is the token their channel serves them with; `data:` URLs need none.
 */
export function imageAttachments(attachments: readonly Attachment[] | undefined, credential?: DownloadCredential, firstPosition = 1): ImageReference[] {
  const references: ImageReference[] = [];
  for (const attachment of attachments ?? []) {
    const contentType = (attachment.contentType ?? '').toLowerCase();
    if (!contentType.startsWith('image/') || typeof attachment.contentUrl !== 'string' || attachment.contentUrl === '') continue;
    const url = attachment.contentUrl;
    references.push({ name: nameOf(attachment, firstPosition + references.length), url, ...(url.startsWith('data:') || !credential ? {} : { credential }) });
  }
  return references;
}

export function nameOf(attachment: Attachment, position: number): string {
  return typeof attachment.name === 'string' && attachment.name.trim() !== '' ? attachment.name.trim() : `image ${position}`;
}
