import type { Capabilities } from '../commands/Capabilities.js';
import type { Turn } from '../commands/Turn.js';
import { analysisDocument, ANALYSIS_NAMES, type AnalysisView } from '../documents/analysis.js';
import { code, line, message, placeholder } from '../documents/document.js';
import type { Analysis, DetectedLanguage } from '../services/textAnalytics/TextAnalyzer.js';

export type AnalysisKind = 'analyze' | 'sentiment' | 'entities' | 'keyphrases' | 'language' | 'pii';

const TITLES: Record<AnalysisKind, string> = {
  analyze: 'Text analysis',
  sentiment: ANALYSIS_NAMES.sentiment,
  entities: ANALYSIS_NAMES.entities,
  keyphrases: ANALYSIS_NAMES.keyPhrases,
  language: ANALYSIS_NAMES.language,
  pii: ANALYSIS_NAMES.pii,
};

/** Runs the analyses a command asks for on the text as the person wrote it, and answers with one document. */
export function analysisHandler(kind: AnalysisKind) {
  return async (turn: Turn, text: string, { textAnalyzer }: Capabilities): Promise<void> => {
    if (text === '') {
      await turn.reply(message(line('Add the text after the command, for example: ', code(kind), ' ', placeholder('text'), '.')));
      return;
    }
    const view: AnalysisView = { title: TITLES[kind], backendName: textAnalyzer.backendName };
    // Every analysis gets the detected language as its hint: without one Azure assumes English.
    const language = await textAnalyzer.detectLanguage(text);
    const hint = languageHint(language);
    if (kind === 'analyze' || kind === 'language') view.language = language;
    if (kind === 'analyze') {
      [view.sentiment, view.keyPhrases, view.entities] = await Promise.all([
        textAnalyzer.analyzeSentiment(text, hint),
        textAnalyzer.extractKeyPhrases(text, hint),
        textAnalyzer.recognizeEntities(text, hint),
      ]);
    } else if (kind === 'sentiment') {
      view.sentiment = await textAnalyzer.analyzeSentiment(text, hint);
    } else if (kind === 'entities') {
      view.entities = await textAnalyzer.recognizeEntities(text, hint);
    } else if (kind === 'keyphrases') {
      view.keyPhrases = await textAnalyzer.extractKeyPhrases(text, hint);
    } else if (kind === 'pii') {
      view.pii = await textAnalyzer.recognizePii(text, hint);
    }
    await turn.reply(analysisDocument(view));
  };
}

function languageHint(language: Analysis<DetectedLanguage>): string | undefined {
  return language.available && language.result.iso !== 'und' ? language.result.iso : undefined;
}
