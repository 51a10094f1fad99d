import type { ImageClassifierConfig } from '../../config/imageClassifier.js';
import { requireHttpsUnlessLoopback } from '../localEndpoints.js';
import type { ImageClassifier } from './ImageClassifier.js';
import { NotConfiguredClassifier } from './NotConfiguredClassifier.js';

/**
 * Custom Vision when its four settings are there (`published` says which iteration labmate classifies with now),
 * else the exported ONNX model in IMAGE_MODEL_DIR, else a classifier that explains how to configure one. Each
 * backend's libraries (the Custom Vision SDK, onnxruntime-node, sharp) are loaded only when it is the one
 * configured. A model folder that cannot be loaded fails the start (readyz stays 503 with the reason in the log)
 * rather than answering every image with an error.
 */
export async function createImageClassifier(config: ImageClassifierConfig, timeoutMs: number, published?: () => Promise<string>): Promise<ImageClassifier> {
  if (config.customVision) {
    requireHttpsUnlessLoopback(config.customVision.endpoint, 'CUSTOM_VISION_PREDICTION_ENDPOINT');
    const { CustomVisionClassifier } = await import('./CustomVisionClassifier.js');
    return new CustomVisionClassifier({ ...config.customVision, timeoutMs, published });
  }
  if (config.modelDir) {
    const { OnnxClassifier } = await import('./OnnxClassifier.js');
    return OnnxClassifier.load(config.modelDir);
  }
  return new NotConfiguredClassifier();
}
