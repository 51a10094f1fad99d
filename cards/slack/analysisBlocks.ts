import type { Analysis, Entity, PiiResult, SentimentResult } from '../../services/textAnalytics/TextAnalyzer.js';
import {
  SENTIMENT_SYMBOL,
  describeEntity,
  describeLanguage,
  describeScores,
  partErrorNotes,
  type AnalysisView,
} from '../analysisView.js';
import { capitalize, percent, shorten } from '../format.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { context, divider, header, limitBlocks, section, type Block } from './blockKit.js';

/** The analysis as Block Kit: one section per analysis the view holds, as the Adaptive Card has. */
export function renderAnalysisBlocks(view: AnalysisView): Block[] {
  const blocks: Block[] = [header(view.title)];
  const add = <T>(title: string, analysis: Analysis<T> | undefined, render: (result: T) => string) => {
    if (!analysis) return;
    const body = analysis.available ? render(analysis.result) : `_${escapeMrkdwn(analysis.reason)}_`;
    blocks.push(divider(), section(`*${title}*\n${body}`));
  };
  add('Language', view.language, (language) => escapeMrkdwn(describeLanguage(language)));
  add('Sentiment', view.sentiment, sentimentText);
  add('Key phrases', view.keyPhrases, (phrases) => (phrases.length > 0 ? phrases.map(escapeMrkdwn).join(' · ') : 'No key phrases found.'));
  add('Entities', view.entities, entitiesText);
  add('Personal data', view.pii, piiText);
  for (const note of partErrorNotes(view)) blocks.push(context(`⚠️ ${escapeMrkdwn(note)}`));
  blocks.push(context(`Analysed by the ${escapeMrkdwn(view.backendName)}.`));
  return limitBlocks(blocks);
}

function sentimentText(result: SentimentResult): string {
  const lines = [`${SENTIMENT_SYMBOL[result.sentiment]} ${escapeMrkdwn(describeScores(result))}`];
  for (const sentence of result.sentences) {
    lines.push(`${SENTIMENT_SYMBOL[sentence.sentiment]} ${capitalize(sentence.sentiment)}: ${escapeMrkdwn(shorten(sentence.text))}`);
    for (const opinion of sentence.opinions) {
      const assessments = opinion.assessments.map((assessment) => (assessment.isNegated ? `not ${assessment.text}` : assessment.text)).join(', ');
      lines.push(`      ↳ ${escapeMrkdwn(opinion.target)} (${opinion.sentiment}): ${escapeMrkdwn(assessments)}`);
    }
  }
  return lines.join('\n');
}

function entitiesText(entities: Entity[]): string {
  if (entities.length === 0) return 'No entities found.';
  return entities
    .map((entity) => {
      const confidence = entity.confidence === undefined ? '' : ` · ${percent(entity.confidence)}`;
      return `• *${escapeMrkdwn(entity.text)}* ${escapeMrkdwn(describeEntity(entity))}${confidence}`;
    })
    .join('\n');
}

function piiText(pii: PiiResult): string {
  if (pii.entities.length === 0) return 'No personal data found.';
  const kinds = [...new Set(pii.entities.map(describeEntity))].map(escapeMrkdwn).join(', ');
  return `Found: ${kinds}\n>${escapeMrkdwn(shorten(pii.redactedText, 1000)).replace(/\n/g, '\n>')}`;
}
