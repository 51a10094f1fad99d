import type { Analysis, Entity, PiiResult, SentimentResult } from '../services/textAnalytics/TextAnalyzer.js';
import { adaptiveCard, container, factSet, heading, textBlock, type AdaptiveCard, type CardElement, type TextColor } from './adaptive.js';
import {
  SENTIMENT_SYMBOL,
  describeEntity,
  describeLanguage,
  describeScores,
  partErrorNotes,
  type AnalysisView,
} from './analysisView.js';
import { capitalize, percent, shorten } from './format.js';
import { renderAnalysisText } from './analysisText.js';

const SENTIMENT_COLOR: Record<SentimentResult['sentiment'], TextColor> = {
  positive: 'good',
  negative: 'attention',
  neutral: 'default',
  mixed: 'warning',
};

/** The analysis as an Adaptive Card 1.5: one section per analysis the view holds. */
export function renderAnalysisCard(view: AnalysisView): AdaptiveCard {
  const body: CardElement[] = [heading(view.title)];
  // A card of one analysis already says its name: its section goes without a second heading.
  const section = <T>(title: string, analysis: Analysis<T>, render: (result: T) => CardElement[]) =>
    sectionOf(title === view.title ? undefined : title, analysis, render);
  if (view.language) body.push(section('Language', view.language, (language) => [textBlock(describeLanguage(language))]));
  if (view.sentiment) body.push(section('Sentiment', view.sentiment, sentimentElements));
  if (view.keyPhrases) body.push(section('Key phrases', view.keyPhrases, keyPhraseElements));
  if (view.entities) body.push(section('Entities', view.entities, entityElements));
  if (view.pii) body.push(section('Personal data', view.pii, piiElements));
  for (const note of partErrorNotes(view)) body.push(textBlock(note, { color: 'warning' }));
  body.push(textBlock(`Analysed by the ${view.backendName}.`, { subtle: true }));
  return adaptiveCard(body, { fallbackText: renderAnalysisText(view) });
}

function sectionOf<T>(title: string | undefined, analysis: Analysis<T>, render: (result: T) => CardElement[]): CardElement {
  const items = analysis.available ? render(analysis.result) : [textBlock(analysis.reason, { subtle: true })];
  return container(title ? [textBlock(title, { weight: 'Bolder' }), ...items] : items, { separator: true });
}

function sentimentElements(result: SentimentResult): CardElement[] {
  const elements: CardElement[] = [textBlock(`${SENTIMENT_SYMBOL[result.sentiment]} ${describeScores(result)}`)];
  for (const sentence of result.sentences) {
    elements.push(
      textBlock(`${SENTIMENT_SYMBOL[sentence.sentiment]} ${capitalize(sentence.sentiment)}: ${shorten(sentence.text)}`, {
        color: SENTIMENT_COLOR[sentence.sentiment],
      }),
    );
    for (const opinion of sentence.opinions) {
      const assessments = opinion.assessments
        .map((assessment) => (assessment.isNegated ? `not ${assessment.text}` : assessment.text))
        .join(', ');
      elements.push(textBlock(`↳ ${opinion.target} (${opinion.sentiment}): ${assessments}`, { subtle: true }));
    }
  }
  return elements;
}

function keyPhraseElements(phrases: string[]): CardElement[] {
  return [textBlock(phrases.length > 0 ? phrases.join(' · ') : 'No key phrases found.')];
}

function entityElements(entities: Entity[]): CardElement[] {
  if (entities.length === 0) return [textBlock('No entities found.')];
  const cell = (text: string, bold = false): CardElement => ({
    type: 'TableCell',
    items: [textBlock(text, bold ? { weight: 'Bolder' } : {})],
  });
  const header: CardElement = { type: 'TableRow', cells: [cell('Entity', true), cell('Category', true), cell('Confidence', true)] };
  const rows = entities.map(
    (entity): CardElement => ({
      type: 'TableRow',
      cells: [cell(entity.text), cell(describeEntity(entity)), cell(entity.confidence === undefined ? '—' : percent(entity.confidence))],
    }),
  );
  return [{ type: 'Table', firstRowAsHeader: true, columns: [{ width: 3 }, { width: 3 }, { width: 2 }], rows: [header, ...rows] }];
}

function piiElements(pii: PiiResult): CardElement[] {
  if (pii.entities.length === 0) return [textBlock('No personal data found.')];
  return [
    textBlock(shorten(pii.redactedText, 1000)),
    factSet(pii.entities.map((entity) => [describeEntity(entity), '*'.repeat(Math.min(entity.length, 12))])),
  ];
}
