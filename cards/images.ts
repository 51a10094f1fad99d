import type { TagPrediction } from '../services/imageClassifier/ImageClassifier.js';
import { code, data, line, strongData, subtle, toned, type Card, type Section } from './Card.js';
import { percent } from './wording.js';

/** One entry per image: classified, or refused with a reason. */
export type ImageResult =
  /** `labelRef`: the image is kept for labelling, and its section gets a Label button. */
  | { name: string; ok: true; predictions: TagPrediction[]; thumbnailUrl?: string; labelRef?: string }
  | { name: string; ok: false; reason: string };

interface ImageResultView {
  backendName: string;
  modelName: string;
  results: ImageResult[];
  /** Names of the images past the per-message limit, which were not fetched. */
  skipped: string[];
  maxPerMessage: number;
}

/** Tags shown per image. */
const TOP_TAGS = 5;

const BAR_WIDTH = 10;

/** A bar of ten cells, readable in a card and in plain text alike. */
export function probabilityBar(probability: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(probability * BAR_WIDTH)));
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

/** Per image its top tags with bars, beside a thumbnail where the channel shows pictures. */
export function imageResultDocument(view: ImageResultView): Card {
  const notes = view.skipped.length > 0 ? [toned('warning', `I classify up to ${view.maxPerMessage} images per message; not classified: `, data(view.skipped.join(', ')), '.')] : [];
  return {
    title: line('Image classification'),
    sections: view.results.map(imageSection),
    notes: [...notes, subtle('Model: ', data(view.modelName), ` (${view.backendName}).`)],
  };
}

function imageSection(result: ImageResult): Section {
  const heading = line(strongData(result.name));
  if (!result.ok) return { heading, lines: [toned('attention', result.reason)] };
  const label = result.labelRef ? { actions: [{ title: 'Label', command: `label image ${result.labelRef}` }] } : {};
  if (result.predictions.length === 0) return { heading, lines: [subtle('The model returned no tags for this image.')], ...label };
  const lines = result.predictions.slice(0, TOP_TAGS).map((prediction) => line(code(`${probabilityBar(prediction.probability)} ${percent(prediction.probability)}`), data(' '), data(prediction.tag)));
  return { heading, lines, ...(result.thumbnailUrl ? { picture: { url: result.thumbnailUrl, alt: result.name } } : {}), ...label };
}
