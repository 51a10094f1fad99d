import type { Capabilities } from '../commands/Capabilities.js';
import type { Turn } from '../commands/Turn.js';
import { analysisDocument, ANALYSIS_NAMES, type AnalysisView } from '../documents/analysis.js';
import { code, line, message, placeholder } from '../documents/document.js';
import type { AnalysisName } from '../services/textAnalytics/TextAnalyzer.js';

export type AnalysisKind = 'analyze' | 'sentiment' | 'entities' | 'keyphrases' | 'language' | 'pii';

const TITLES: Record<AnalysisKind, string> = {
  analyze: 'Text analysis',
  sentiment: ANALYSIS_NAMES.sentiment,
  entities: ANALYSIS_NAMES.entities,
  keyphrases: ANALYSIS_NAMES.keyPhrases,
  language: ANALYSIS_NAMES.language,
  pii: ANALYSIS_NAMES.pii,
};

const WANTED: Record<AnalysisKind, readonly AnalysisName[]> = {
  analyze: ['sentiment', 'keyPhrases', 'entities'],
  sentiment: ['sentiment'],
  entities: ['entities'],
  keyphrases: ['keyPhrases'],
  language: [],
  pii: ['pii'],
};

/** Runs the analyses a command asks for on the text as the person wrote it, and answers with one document. */
export function analysisHandler(kind: AnalysisKind) {
  return async (turn: Turn, text: string, { textAnalyzer }: Capabilities): Promise<void> => {
    if (text === '') {
      await turn.reply(message(line('Add the text after the command, for example: ', code(kind), ' ', placeholder('text'), '.')));
      return;
    }
    // Every request detects the language (it is the analyses' hint); it is shown where it was asked for.
    const { language, ...analyses } = await textAnalyzer.analyze(text, WANTED[kind]);
    const showsLanguage = kind === 'analyze' || kind === 'language';
    const view: AnalysisView = { title: TITLES[kind], backendName: textAnalyzer.backendName, ...analyses, ...(showsLanguage ? { language } : {}) };
    await turn.reply(analysisDocument(view));
  };
}
