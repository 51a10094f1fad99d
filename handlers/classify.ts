import { thumbnailDataUrl } from '../channels/attachments/thumbnail.js';
import type { Capabilities } from '../commands/Capabilities.js';
import type { Turn } from '../commands/Turn.js';
import { line, message } from '../documents/document.js';
import { imageResultDocument, type ImageResult } from '../documents/images.js';
import { isServiceError } from '../services/errors.js';

/** Fetches the message's images under the download rules, classifies each, and answers with one document. */
export async function classifyHandler(turn: Turn, _argument: string, { imageClassifier }: Capabilities): Promise<void> {
  const { images, skipped, maxPerMessage } = await turn.images();
  if (images.length === 0) {
    await turn.reply(message(line("Attach an image (a photo, a screenshot) to your message and I will classify it with the team's model.")));
    return;
  }
  const results: ImageResult[] = [];
  // One at a time: a local model uses every core for one image, and Custom Vision limits calls per second.
  for (const image of images) {
    if (!image.ok) {
      results.push({ name: image.name, ok: false, reason: image.reason });
      continue;
    }
    try {
      const { predictions, modelView } = await imageClassifier.classify(image.bytes, image.type);
      const thumbnailUrl = turn.showsPictures ? await thumbnailDataUrl(modelView ?? image.bytes) : undefined;
      results.push({ name: image.name, ok: true, predictions, thumbnailUrl });
    } catch (error) {
      // A problem with this image (too large for the service, unreadable) is told beside the others' results;
      // anything else (bad key, no such iteration, outage) is the same for every image and ends the turn.
      if (!isServiceError(error) || error.code !== 'unsupported') throw error;
      results.push({ name: image.name, ok: false, reason: error.userMessage });
    }
  }
  await turn.reply(
    imageResultDocument({
      backendName: imageClassifier.backendName,
      modelName: imageClassifier.modelName,
      results,
      skipped: skipped.map((reference) => reference.name),
      maxPerMessage,
    }),
  );
}
