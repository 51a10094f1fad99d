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
}

export interface ClassifyOptions {
  /**
   * Called with the pixels the model is about to be given (a local model's centre crop), before it runs: a thumbnail
   * made from them needs no second decode and is made while the model works. Backends without pixels never call it.
   */
  onModelInput?: (pixels: RgbImage) => void;
}

export interface ImageClassifier {
  /** Where answers come from ("Custom Vision", "local ONNX model"), shown to people. */
  readonly backendName: string;
  /** The model shown on results: the published iteration, or the exported model's folder name. */
  readonly modelName: string;
  /** False when nothing is configured: `classify` then explains how to set a model up. */
  readonly configured: boolean;
  classify(image: Uint8Array, format: ImageFormat, options?: ClassifyOptions): Promise<Classification>;
}

export function ranked(predictions: TagPrediction[]): Classification {
  return { predictions: [...predictions].sort((a, b) => b.probability - a.probability) };
}
