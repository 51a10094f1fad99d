import type { Analysis } from '../services/textAnalytics/TextAnalyzer.js';
import { SENTIMENT_SYMBOL, describeEntity, describeLanguage, describeScores, partErrorNotes, type AnalysisView } from './analysisView.js';
import { capitalize, shorten } from './format.js';

/** The analysis as Markdown, for channels that do not render Adaptive Cards. */
export function renderAnalysisText(view: AnalysisView): string {
  const lines: string[] = [`**${view.title}**`];
  if (view.language) lines.push(line('Language', view.language, describeLanguage));
  if (view.sentiment) {
    lines.push(line('Sentiment', view.sentiment, describeScores));
    if (view.sentiment.available) {
      for (const sentence of view.sentiment.result.sentences) {
        lines.push(`- ${SENTIMENT_SYMBOL[sentence.sentiment]} ${capitalize(sentence.sentiment)}: ${shorten(sentence.text)}`);
      }
    }
  }
  if (view.keyPhrases) {
    lines.push(line('Key phrases', view.keyPhrases, (phrases) => (phrases.length > 0 ? phrases.join(', ') : 'none found')));
  }
  if (view.entities) {
    lines.push(
      line('Entities', view.entities, (entities) =>
        entities.length > 0 ? entities.map((entity) => `${entity.text} (${describeEntity(entity)})`).join(', ') : 'none found',
      ),
    );
  }
  if (view.pii) {
    lines.push(
      line('Personal data', view.pii, (pii) =>
        pii.entities.length > 0
          ? `${pii.entities.map(describeEntity).join(', ')}\nRedacted: ${shorten(pii.redactedText, 1000)}`
          : 'none found',
      ),
    );
  }
  lines.push(...partErrorNotes(view).map((note) => `⚠️ ${note}`));
  lines.push(`_Analysed by the ${view.backendName}._`);
  return lines.join('\n\n');
}

function line<T>(title: string, analysis: Analysis<T>, describe: (result: T) => string): string {
  return `**${title}:** ${analysis.available ? describe(analysis.result) : analysis.reason}`;
}
