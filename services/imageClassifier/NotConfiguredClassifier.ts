import { ServiceError } from '../errors.js';
import type { Classification, ImageClassifier } from './ImageClassifier.js';

export const HOW_TO_CONFIGURE =
  'Image classification is not set up on this bot. An administrator can set CUSTOM_VISION_PREDICTION_ENDPOINT, ' +
  'CUSTOM_VISION_PREDICTION_KEY, CUSTOM_VISION_PROJECT_ID and CUSTOM_VISION_PUBLISHED_NAME for a published Custom Vision ' +
  'iteration, or IMAGE_MODEL_DIR for a folder holding a Custom Vision ONNX export (model.onnx and labels.txt).';

/** Neither Custom Vision nor an exported model: every image gets the explanation of how to configure one. */
export class NotConfiguredClassifier implements ImageClassifier {
  readonly backendName = 'no image model';
  readonly modelName = 'none';
  readonly configured = false;

  async classify(): Promise<Classification> {
    throw new ServiceError('not-configured', HOW_TO_CONFIGURE);
  }
}
