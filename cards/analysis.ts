import type {
  Analysis,
  DetectedLanguage,
  Entity,
  PartError,
  PiiResult,
  SentimentLabel,
  SentimentResult,
} from '../services/textAnalytics/TextAnalyzer.js';
import { data, fact, line, subtle, toned, type Line, type Card, type Section, type Tone } from './Card.js';
import { capitalize, MASK, masked, percent, readableCategory, shorten } from './wording.js';

/** The results an analysis command got, each possibly unavailable for this text. */
export interface AnalysisView {
  title: string;
  backendName: string;
  language?: Analysis<DetectedLanguage>;
  sentiment?: Analysis<SentimentResult>;
  keyPhrases?: Analysis<string[]>;
  entities?: Analysis<Entity[]>;
  pii?: Analysis<PiiResult>;
}

/** The names the sections (and part-error notes) go by, the same in every rendering. */
export const ANALYSIS_NAMES = {
  language: 'Language',
  sentiment: 'Sentiment',
  keyPhrases: 'Key phrases',
  entities: 'Entities',
  pii: 'Personal data',
} as const;

const SENTIMENT_SYMBOL: Record<SentimentLabel, string> = { positive: '🟢', neutral: '⚪', negative: '🔴', mixed: '🟡' };
const SENTIMENT_TONE: Record<SentimentLabel, Tone> = { positive: 'good', negative: 'attention', neutral: 'default', mixed: 'warning' };

/** One section per analysis the view holds; a document of one analysis does not name it twice. */
export function analysisDocument(view: AnalysisView): Card {
  const sections: Section[] = [];
  const add = <T>(name: string, analysis: Analysis<T> | undefined, lines: (result: T) => Partial<Section>) => {
    if (!analysis) return;
    const heading = name === view.title ? undefined : line(name);
    const body = analysis.available ? lines(analysis.result) : { lines: [subtle(analysis.reason)] };
    sections.push({ ...(heading ? { heading } : {}), ...body });
  };
  add(ANALYSIS_NAMES.language, view.language, (language) => ({ lines: [line(describeLanguage(language))] }));
  add(ANALYSIS_NAMES.sentiment, view.sentiment, sentimentSection);
  add(ANALYSIS_NAMES.keyPhrases, view.keyPhrases, (phrases) => ({
    lines: [phrases.length > 0 ? joined(phrases) : line('No key phrases found.')],
  }));
  add(ANALYSIS_NAMES.entities, view.entities, entitySection);
  add(ANALYSIS_NAMES.pii, view.pii, piiSection);
  return {
    title: line(view.title),
    sections,
    notes: [...partErrorNotes(view).map((note) => toned('warning', note)), subtle(`Analysed by the ${view.backendName}.`)],
  };
}

function describeLanguage(language: DetectedLanguage): string {
  if (language.iso === 'und') return 'Unknown (the text is too short or too mixed to tell)';
  return `${language.name} (${percent(language.confidence)} confident)`;
}

function describeScores(result: { sentiment: SentimentLabel; scores: SentimentResult['scores'] }): string {
  const { positive, neutral, negative } = result.scores;
  return `${capitalize(result.sentiment)}: positive ${percent(positive)}, neutral ${percent(neutral)}, negative ${percent(negative)}`;
}

function sentimentSection(result: SentimentResult): Partial<Section> {
  const lines: Line[] = [line(`${SENTIMENT_SYMBOL[result.sentiment]} ${describeScores(result)}`)];
  for (const sentence of result.sentences) {
    lines.push(toned(SENTIMENT_TONE[sentence.sentiment], `${SENTIMENT_SYMBOL[sentence.sentiment]} ${capitalize(sentence.sentiment)}: `, data(shorten(sentence.text))));
    for (const opinion of sentence.opinions) {
      const assessments = opinion.assessments.map((assessment) => (assessment.isNegated ? `not ${assessment.text}` : assessment.text)).join(', ');
      lines.push(subtle('↳ ', data(opinion.target), ` (${opinion.sentiment}): `, data(assessments)));
    }
  }
  return { lines };
}

function entitySection(entities: Entity[]): Partial<Section> {
  if (entities.length === 0) return { lines: [line('No entities found.')] };
  // A confidence column only where the backend gives confidences (the offline recognizer gives none).
  const confident = entities.some((entity) => entity.confidence !== undefined);
  return {
    table: {
      columns: [line('Entity'), line('Category'), ...(confident ? [line('Confidence')] : [])],
      rows: entities.map((entity) => [
        line(data(entity.text)),
        line(describeEntity(entity)),
        ...(confident ? [line(entity.confidence === undefined ? '—' : percent(entity.confidence))] : []),
      ]),
    },
  };
}

function piiSection(pii: PiiResult): Partial<Section> {
  if (pii.entities.length === 0) return { lines: [line('No personal data found.')] };
  return {
    lines: [line(data(shorten(withOneMask(pii), 1000)))],
    facts: pii.entities.map((entity) => fact(describeEntity(entity), data(masked(entity.text)))),
  };
}

/**
 * The redacted text with the mask the values have (masked(): bullets), not the backend's asterisks, so that the
 * sentence and its values read as one masking. Only where an entity's span holds the backend's mask: an asterisk
 * the person wrote stays.
 */
function withOneMask({ redactedText, entities }: PiiResult): string {
  let text = redactedText;
  for (const { offset, length } of entities) {
    if (length === 0 || offset < 0 || offset + length > text.length || !/^\*+$/.test(text.slice(offset, offset + length))) continue;
    text = text.slice(0, offset) + MASK.repeat(length) + text.slice(offset + length);
  }
  return text;
}

function describeEntity(entity: Entity): string {
  const category = readableCategory(entity.category);
  return entity.subcategory ? `${category} / ${readableCategory(entity.subcategory)}` : category;
}

function joined(items: string[]): Line {
  return line(...items.flatMap((item, index) => (index === 0 ? [data(item)] : [data(' · '), data(item)])));
}

/** Every part error of every analysis in the view, worded once, in the order of the sections. */
function partErrorNotes(view: AnalysisView): string[] {
  return (Object.keys(ANALYSIS_NAMES) as Array<keyof typeof ANALYSIS_NAMES>).flatMap((key) => {
    const analysis: Analysis<unknown> | undefined = view[key];
    return analysis?.available ? analysis.partErrors.map((error) => describePartError(ANALYSIS_NAMES[key], error)) : [];
  });
}

function describePartError(section: string, error: PartError): string {
  return `${section}: part ${error.part} of ${error.of} of the text was not analysed (${error.message}).`;
}
