import type { MessageImages } from '../../services/imageClassifier/postedImages.js';
import { downloadImage, type DownloadLimits } from './downloadImage.js';
import { DownloadPolicy } from './downloadPolicy.js';
import type { ImageReference } from './imageAttachments.js';

interface ImageDownloadRules {
  /** Largest image downloaded, checked while streaming (Custom Vision's prediction limit is 4 MB). */
  maxBytes: number;
  /** Images classified per message; further images are named in the answer, not fetched. */
  maxPerMessage: number;
  /** IMAGE_FILE_HOSTS: hosts allowed on top of the service host and the channel's own file hosts. */
  fileHosts: readonly string[];
}

/** The one place that fetches images from messages, whatever the channel; the rules live in DownloadPolicy. */
export class AttachmentImages {
  constructor(
    private readonly rules: ImageDownloadRules,
    private readonly limits: Omit<DownloadLimits, 'maxBytes'> = { timeoutMs: 15_000, maxRedirects: 3 },
  ) {}

  /** `channelFileHosts`: where the message's channel serves files (each channel names its own). */
  async fetch(references: readonly ImageReference[], serviceUrl: string | undefined, channelFileHosts: readonly string[]): Promise<MessageImages> {
    const policy = new DownloadPolicy({ serviceUrl, fileHosts: [...channelFileHosts, ...this.rules.fileHosts] });
    const { maxPerMessage, maxBytes } = this.rules;
    const images = await Promise.all(references.slice(0, maxPerMessage).map((reference) => downloadImage(reference, policy, { ...this.limits, maxBytes })));
    return { images, skipped: references.slice(maxPerMessage), maxPerMessage };
  }
}
