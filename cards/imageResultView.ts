import type { TagPrediction } from '../services/imageClassifier/ImageClassifier.js';
import { percent } from './format.js';

/** What the image dialog hands to the renderers: one entry per image, classified or refused with a reason. */
export interface ImageResultView {
  backendName: string;
  modelName: string;
  results: ImageResult[];
  /** Names of the images past the per-message limit, which were not fetched. */
  skipped: string[];
  maxPerMessage: number;
}

export type ImageResult =
  | { name: string; ok: true; predictions: TagPrediction[]; thumbnailUrl?: string }
  | { name: string; ok: false; reason: string };

/** Tags shown per image. */
export const TOP_TAGS = 5;

const BAR_WIDTH = 10;

/** A bar of ten cells, readable in a card and in plain text alike. */
export function probabilityBar(probability: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(probability * BAR_WIDTH)));
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

export function describeProbability(prediction: TagPrediction): string {
  return probabilityBar(prediction.probability) + ' ' + percent(prediction.probability);
}

export function skippedNote(view: ImageResultView): string | undefined {
  if (view.skipped.length === 0) return undefined;
  return `I classify up to ${view.maxPerMessage} images per message; not classified: ${view.skipped.join(', ')}.`;
}

export function footer(view: ImageResultView): string {
  return `Model: ${view.modelName} (${view.backendName}).`;
}
