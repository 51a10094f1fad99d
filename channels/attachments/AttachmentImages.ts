import type { TurnContext } from 'botbuilder';
import type { ImageAttachmentConfig } from '../../config/imageClassifier.js';
import { botConnectorToken } from './botToken.js';
import { downloadImage, type DownloadedImage, type DownloadLimits } from './downloadImage.js';
import { DownloadPolicy } from './downloadPolicy.js';
import { imageReferences, type ImageReference } from './imageAttachments.js';

export interface MessageImages {
  /** Every image within the per-message limit, downloaded or refused with a reason. */
  images: DownloadedImage[];
  /** Images over the per-message limit: named in the answer, never fetched. */
  skipped: ImageReference[];
}

/** The one place that fetches images from messages, whatever the channel; the rules live in DownloadPolicy. */
export class AttachmentImages {
  constructor(
    private readonly config: ImageAttachmentConfig,
    private readonly slackBotToken: string | undefined,
    private readonly limits: Omit<DownloadLimits, 'maxBytes'> = { timeoutMs: 15_000, maxRedirects: 3 },
  ) {}

  get maxPerMessage(): number {
    return this.config.maxPerMessage;
  }

  async fetch(context: TurnContext): Promise<MessageImages> {
    const references = imageReferences(context.activity);
    const policy = new DownloadPolicy({
      serviceUrl: context.activity.serviceUrl,
      fileHosts: this.config.fileHosts,
      slackFileHosts: this.config.slackFileHosts,
    });
    const tokens = { botConnector: () => botConnectorToken(context), slack: this.slackBotToken };
    const limits = { ...this.limits, maxBytes: this.config.maxBytes };
    const images = await Promise.all(
      references.slice(0, this.config.maxPerMessage).map((reference) => downloadImage(reference, policy, tokens, limits)),
    );
    return { images, skipped: references.slice(this.config.maxPerMessage) };
  }
}
