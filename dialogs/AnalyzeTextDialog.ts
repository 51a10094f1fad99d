import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { renderAnalysisCard } from '../cards/analysisCard.js';
import { renderAnalysisText } from '../cards/analysisText.js';
import type { AnalysisView } from '../cards/analysisView.js';
import { renderAnalysisBlocks } from '../cards/slack/analysisBlocks.js';
import { cardOrText } from '../channels/capabilities.js';
import type { ParsedCommand } from '../bots/commandRouter.js';
import type { Analysis, DetectedLanguage, TextAnalyzer } from '../services/textAnalytics/TextAnalyzer.js';

export const ANALYZE_TEXT_DIALOG = 'analyzeText';

export const ANALYSIS_COMMANDS = ['analyze', 'sentiment', 'entities', 'keyphrases', 'language', 'pii'] as const;
type AnalysisCommand = (typeof ANALYSIS_COMMANDS)[number];

const TITLES: Record<AnalysisCommand, string> = {
  analyze: 'Text analysis',
  sentiment: 'Sentiment',
  entities: 'Entities',
  keyphrases: 'Key phrases',
  language: 'Language',
  pii: 'Personal data',
};

/** One turn: run the analyses the command asks for and answer with a card (or text where cards do not render). */
export class AnalyzeTextDialog extends Dialog<ParsedCommand> {
  constructor(private readonly analyzer: TextAnalyzer) {
    super(ANALYZE_TEXT_DIALOG);
  }

  override async beginDialog(dc: DialogContext, command?: ParsedCommand): Promise<DialogTurnResult> {
    const name = (command?.name ?? 'analyze') as AnalysisCommand;
    const text = command?.argument ?? '';
    if (text === '') {
      await dc.context.sendActivity(`Add the text after the command, for example: \`${name} The new GPU is fast but loud.\``);
      return dc.endDialog();
    }
    const view = await this.analyze(name, text);
    await dc.context.sendActivity(cardOrText(dc.context.activity, renderAnalysisCard(view), renderAnalysisText(view), renderAnalysisBlocks(view)));
    return dc.endDialog();
  }

  private async analyze(name: AnalysisCommand, text: string): Promise<AnalysisView> {
    const view: AnalysisView = { title: TITLES[name], backendName: this.analyzer.backendName };
    // Every analysis gets the detected language as its hint: without one Azure assumes English.
    const language = await this.analyzer.detectLanguage(text);
    const hint = languageHint(language);
    if (name === 'analyze' || name === 'language') view.language = language;
    switch (name) {
      case 'analyze':
        [view.sentiment, view.keyPhrases, view.entities] = await Promise.all([
          this.analyzer.analyzeSentiment(text, hint),
          this.analyzer.extractKeyPhrases(text, hint),
          this.analyzer.recognizeEntities(text, hint),
        ]);
        break;
      case 'sentiment':
        view.sentiment = await this.analyzer.analyzeSentiment(text, hint);
        break;
      case 'entities':
        view.entities = await this.analyzer.recognizeEntities(text, hint);
        break;
      case 'keyphrases':
        view.keyPhrases = await this.analyzer.extractKeyPhrases(text, hint);
        break;
      case 'pii':
        view.pii = await this.analyzer.recognizePii(text, hint);
        break;
      case 'language':
        break;
    }
    return view;
  }
}

function languageHint(language: Analysis<DetectedLanguage>): string | undefined {
  return language.available && language.result.iso !== 'und' ? language.result.iso : undefined;
}
