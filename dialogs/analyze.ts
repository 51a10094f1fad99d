import type { Capabilities } from './Capabilities.js';
import type { Turn } from './Turn.js';
import { analysisDocument, ANALYSIS_NAMES, type AnalysisView } from '../cards/analysis.js';
import { code, line, message, placeholder } from '../cards/Card.js';
import type { AnalysisName } from '../services/textAnalytics/TextAnalyzer.js';

export type AnalysisKind = 'analyze' | 'sentiment' | 'entities' | 'keyphrases' | 'language' | 'pii';

/** Per command: its document's title, the analyses it asks for, and whether it shows the detected language. */
const KINDS: Record<AnalysisKind, { title: string; wanted: readonly AnalysisName[]; showsLanguage: boolean }> = {
  analyze: { title: 'Text analysis', wanted: ['sentiment', 'keyPhrases', 'entities'], showsLanguage: true },
  sentiment: { title: ANALYSIS_NAMES.sentiment, wanted: ['sentiment'], showsLanguage: false },
  entities: { title: ANALYSIS_NAMES.entities, wanted: ['entities'], showsLanguage: false },
  keyphrases: { title: ANALYSIS_NAMES.keyPhrases, wanted: ['keyPhrases'], showsLanguage: false },
  language: { title: ANALYSIS_NAMES.language, wanted: [], showsLanguage: true },
  pii: { title: ANALYSIS_NAMES.pii, wanted: ['pii'], showsLanguage: false },
};

/** Runs the analyses a command asks for on the text as the person wrote it, and answers with one document. */
export function analysisHandler(kind: AnalysisKind) {
  return async (turn: Turn, text: string, { textAnalyzer }: Capabilities): Promise<void> => {
    if (text === '') {
      await turn.reply(message(line('Add the text after the command, for example: ', code(kind), ' ', placeholder('text'), '.')));
      return;
    }
    // Every request detects the language (it is the analyses' hint); it is shown where it was asked for.
    const { title, wanted, showsLanguage } = KINDS[kind];
    const { language, ...analyses } = await textAnalyzer.analyze(text, wanted);
    const view: AnalysisView = { title, backendName: textAnalyzer.backendName, ...analyses, ...(showsLanguage ? { language } : {}) };
    await turn.reply(analysisDocument(view));
  };
}
