/** The image classification port and its domain types; no SDK type crosses this line. */

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'bmp' | 'webp';

export interface TagPrediction {
  tag: string;
  /** 0..1 */
  probability: number;
}

/** Packed 8-bit RGB pixels, row by row. */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

export interface Classification {
  /** Most probable first. */
  predictions: TagPrediction[];
  /** The pixels the model was given (a local model's centre crop), when the backend has them: a free thumbnail. */
  modelView?: RgbImage;
}

export interface ImageClassifier {
  /** Where answers come from ("Custom Vision", "local ONNX model"), shown to people. */
  readonly backendName: string;
  /** The model shown on results: the published iteration, or the exported model's folder name. */
  readonly modelName: string;
  /** False when nothing is configured: `classify` then explains how to set a model up. */
  readonly configured: boolean;
  classify(image: Uint8Array, format: ImageFormat): Promise<Classification>;
}

export function ranked(predictions: TagPrediction[], modelView?: RgbImage): Classification {
  return { predictions: [...predictions].sort((a, b) => b.probability - a.probability), ...(modelView ? { modelView } : {}) };
}
