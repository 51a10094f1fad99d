import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { renderImageResultCard } from '../cards/imageResultCard.js';
import { renderImageResultText } from '../cards/imageResultText.js';
import type { ImageResult, ImageResultView } from '../cards/imageResultView.js';
import { renderImageResultBlocks } from '../cards/slack/imageResultBlocks.js';
import type { AttachmentImages } from '../channels/attachments/AttachmentImages.js';
import { thumbnailDataUrl } from '../channels/attachments/thumbnail.js';
import { cardOrText, rendersAdaptiveCards } from '../channels/capabilities.js';
import type { ParsedCommand } from '../bots/commandRouter.js';
import type { ImageClassifier } from '../services/imageClassifier/ImageClassifier.js';
import { isServiceError } from '../services/errors.js';
import { HOW_TO_CONFIGURE } from '../services/imageClassifier/NotConfiguredClassifier.js';

export const CLASSIFY_IMAGE_DIALOG = 'classifyImage';

/** The command word a message with images is routed by (typed, it asks for an image). */
export const CLASSIFY_COMMAND = 'classify';

/** One turn: fetch the message's images under the download rules, classify each, answer with one card or text. */
export class ClassifyImageDialog extends Dialog<ParsedCommand> {
  constructor(
    private readonly classifier: ImageClassifier,
    private readonly images: AttachmentImages,
  ) {
    super(CLASSIFY_IMAGE_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { context } = dc;
    if (!this.classifier.configured) {
      // Nothing is fetched when there is nothing to classify with.
      await context.sendActivity(HOW_TO_CONFIGURE);
      return dc.endDialog();
    }
    const { images, skipped } = await this.images.fetch(context);
    if (images.length === 0) {
      await context.sendActivity('Attach an image (a photo, a screenshot) to your message and I will classify it with the team\'s model.');
      return dc.endDialog();
    }
    const withThumbnails = rendersAdaptiveCards(context.activity);
    const results: ImageResult[] = [];
    // One at a time: a local model uses every core for one image, and Custom Vision limits calls per second.
    for (const image of images) {
      if (!image.ok) {
        results.push({ name: image.name, ok: false, reason: image.reason });
        continue;
      }
      try {
        const { predictions, modelView } = await this.classifier.classify(image.bytes, image.type);
        const thumbnailUrl = withThumbnails ? await thumbnailDataUrl(modelView ?? image.bytes) : undefined;
        results.push({ name: image.name, ok: true, predictions, thumbnailUrl });
      } catch (error) {
        // A problem with this image (too large for the service, unreadable) is told beside the others' results;
        // anything else (bad key, no such iteration, outage) is the same for every image and ends the turn.
        if (!isServiceError(error) || error.code !== 'unsupported') throw error;
        results.push({ name: image.name, ok: false, reason: error.userMessage });
      }
    }
    const view: ImageResultView = {
      backendName: this.classifier.backendName,
      modelName: this.classifier.modelName,
      results,
      skipped: skipped.map((reference) => reference.name),
      maxPerMessage: this.images.maxPerMessage,
    };
    await context.sendActivity(cardOrText(context.activity, renderImageResultCard(view), renderImageResultText(view), renderImageResultBlocks(view)));
    return dc.endDialog();
  }
}
