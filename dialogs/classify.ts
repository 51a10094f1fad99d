import type { DownloadedImage } from '../services/imageClassifier/postedImages.js';
import { thumbnailDataUrl } from '../services/imageClassifier/thumbnail.js';
import type { Capabilities } from './Capabilities.js';
import type { Turn } from './Turn.js';
import { line, message } from '../cards/Card.js';
import { imageResultDocument, type ImageResult } from '../cards/images.js';
import { labelCardDocument } from '../cards/labelling.js';
import { isServiceError } from '../services/errors.js';
import type { ImageClassifier, RgbImage } from '../services/imageClassifier/ImageClassifier.js';
import { conversationKeyOf } from './labelling/Labelling.js';

/**
 * Fetches the message's images under the download rules, classifies each, and answers with one document. Where
 * labelling is set up, each classified image is kept for labelling and gets a Label button; in a conversation
 * with `label on`, each comes back as a labelling card instead.
 */
export async function classifyHandler(turn: Turn, _argument: string, capabilities: Capabilities): Promise<void> {
  const { imageClassifier, labelling } = capabilities;
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
    const result = await classifyImage(turn, imageClassifier, image);
    if (result.ok && labelling.project.configured) {
      // The thumbnail is kept with it: the labelling card shows it without decoding the file a second time.
      const shown = { bytes: image.bytes, format: image.type, name: result.name, suggestions: result.predictions, thumbnailUrl: result.thumbnailUrl };
      result.labelRef = await labelling.images.remember(shown, conversationKeyOf(turn));
    }
    results.push(result);
  }
  const labelOn = labelling.project.configured && (await turn.settings()).labelling === true;
  const view = { backendName: imageClassifier.backendName, modelName: imageClassifier.modelName, skipped: skipped.map((reference) => reference.name), maxPerMessage };
  if (!labelOn) {
    await turn.reply(imageResultDocument({ ...view, results }));
    return;
  }
  // `label on`: one card per image, so that each is answered (and replaced) on its own.
  const unlabellable = results.filter((result) => !result.ok);
  if (unlabellable.length > 0 || view.skipped.length > 0) await turn.reply(imageResultDocument({ ...view, results: unlabellable }));
  for (const result of results) {
    if (!result.ok || !result.labelRef) continue;
    await turn.reply(
      labelCardDocument({ ref: result.labelRef, name: result.name, suggestions: result.predictions, thumbnailUrl: result.thumbnailUrl, destination: labelling.project.backendName }),
    );
  }
}

/** One image's top tags, with a thumbnail where the channel shows pictures; refused when the service cannot read it. */
async function classifyImage(turn: Turn, imageClassifier: ImageClassifier, image: Extract<DownloadedImage, { ok: true }>): Promise<ImageResult> {
  try {
    let thumbnail: Promise<string | undefined> | undefined;
    // A local model's own input makes the thumbnail while the model runs; otherwise the file does, after.
    const onModelInput = (pixels: RgbImage) => {
      thumbnail = thumbnailDataUrl(pixels);
    };
    const { predictions } = await imageClassifier.classify(image.bytes, image.type, turn.showsPictures ? { onModelInput } : {});
    const thumbnailUrl = turn.showsPictures ? await (thumbnail ?? thumbnailDataUrl(image.bytes)) : undefined;
    return { name: image.name, ok: true, predictions, thumbnailUrl };
  } catch (error) {
    // A problem with this image (too large for the service, unreadable) is told beside the others' results;
    // anything else (bad key, no such iteration, outage) is the same for every image and ends the turn.
    if (!isServiceError(error) || error.code !== 'unsupported') throw error;
    return { name: image.name, ok: false, reason: error.userMessage };
  }
}
