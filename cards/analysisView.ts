import type {
  Analysis,
  DetectedLanguage,
  Entity,
  PartError,
  PiiResult,
  SentimentLabel,
  SentimentResult,
} from '../services/textAnalytics/TextAnalyzer.js';
import { capitalize, percent } from './format.js';

/** What the analysis dialog hands to the renderers: the results it got, each possibly unavailable. */
export interface AnalysisView {
  title: string;
  backendName: string;
  language?: Analysis<DetectedLanguage>;
  sentiment?: Analysis<SentimentResult>;
  entities?: Analysis<Entity[]>;
  keyPhrases?: Analysis<string[]>;
  pii?: Analysis<PiiResult>;
}

export const SENTIMENT_SYMBOL: Record<SentimentLabel, string> = {
  positive: '🟢',
  neutral: '⚪',
  negative: '🔴',
  mixed: '🟡',
};

export function describeLanguage(language: DetectedLanguage): string {
  if (language.iso === 'und') return 'Unknown (the text is too short or too mixed to tell)';
  return `${language.name} (${percent(language.confidence)} confident)`;
}

export function describeScores(result: SentimentResult): string {
  const { positive, neutral, negative } = result.scores;
  return `${capitalize(result.sentiment)}: positive ${percent(positive)}, neutral ${percent(neutral)}, negative ${percent(negative)}`;
}

export function describeEntity(entity: Entity): string {
  return entity.subcategory ? `${entity.category} / ${entity.subcategory}` : entity.category;
}

/** Every part error of every analysis in the view, worded once. */
export function partErrorNotes(view: AnalysisView): string[] {
  const notes: string[] = [];
  const sections: Array<[string, Analysis<unknown> | undefined]> = [
    ['Language', view.language],
    ['Sentiment', view.sentiment],
    ['Entities', view.entities],
    ['Key phrases', view.keyPhrases],
    ['PII', view.pii],
  ];
  for (const [name, analysis] of sections) {
    if (!analysis?.available) continue;
    for (const error of analysis.partErrors) notes.push(describePartError(name, error));
  }
  return notes;
}

function describePartError(section: string, error: PartError): string {
  return `${section}: part ${error.part} of ${error.of} of the text was not analysed (${error.message}).`;
}
