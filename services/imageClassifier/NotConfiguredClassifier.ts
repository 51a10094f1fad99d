import { notSetUp, type ServiceError } from '../errors.js';
import type { Classification, ImageClassifier } from './ImageClassifier.js';

const IMAGE_MODEL_ADMIN_HINT =
  'Set CUSTOM_VISION_PREDICTION_ENDPOINT, CUSTOM_VISION_PREDICTION_KEY, CUSTOM_VISION_PROJECT_ID and CUSTOM_VISION_PUBLISHED_NAME for a ' +
  'published Custom Vision iteration, or IMAGE_MODEL_DIR for a folder holding a Custom Vision ONNX export (model.onnx and labels.txt).';

/** Neither Custom Vision nor an exported model: every image gets an answer that says so (the log says how to set one up). */
export class NotConfiguredClassifier implements ImageClassifier {
  readonly backendName = 'no image model';
  readonly modelName = 'none';
  readonly configured = false;

  async classify(): Promise<Classification> {
    throw imageClassificationNotSetUp();
  }
}

/** What a person hears about images while no model is set up (the log gets how to set one up). */
export function imageClassificationNotSetUp(): ServiceError {
  return notSetUp('Image classification', IMAGE_MODEL_ADMIN_HINT);
}
