import type { ImageClassifierConfig } from '../../config/imageClassifier.js';
import { isLoopbackHttp } from '../localEndpoints.js';
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
    // ms-rest-js sends plain http as given; the guard keeps plain http to this machine (local test servers).
    const { endpoint } = config.customVision;
    if (new URL(endpoint).protocol === 'http:' && !isLoopbackHttp(endpoint)) {
      throw new Error('CUSTOM_VISION_PREDICTION_ENDPOINT must be https (plain http is allowed only on this machine)');
    }
    const { CustomVisionClassifier } = await import('./CustomVisionClassifier.js');
    return new CustomVisionClassifier({ ...config.customVision, timeoutMs, published });
  }
  if (config.modelDir) {
    const { OnnxClassifier } = await import('./OnnxClassifier.js');
    return OnnxClassifier.load(config.modelDir);
  }
  return new NotConfiguredClassifier();
}
