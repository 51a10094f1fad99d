import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { AutoTranslation } from '../bots/autoTranslate.js';
import { BOT_LANGUAGE } from '../bots/autoTranslate.js';
import type { ParsedCommand } from '../bots/commandRouter.js';
import { renderTranslationBlocks } from '../cards/slack/translationBlocks.js';
import { renderTranslationCard } from '../cards/translationCard.js';
import { renderTranslationText } from '../cards/translationText.js';
import { cardOrText } from '../channels/capabilities.js';
import { languageName } from '../services/languageNames.js';
import { languageOfLocale } from '../services/translator/languages.js';
import { supportsPair, type SupportedLanguages, type Translator } from '../services/translator/Translator.js';
import { parseTranslateRequest } from './translateRequest.js';

export const TRANSLATE_DIALOG = 'translate';

/** Below this, a detected language is not trusted to choose the target. */
const CONFIDENT = 0.5;

const USAGE = 'For example: `translate to spanish: the training run finished`, `translate es hello team`, `translate auto spanish` or `translate off`.';

/** One turn: translate a text, or switch the conversation's auto-translation on or off. */
export class TranslateDialog extends Dialog<ParsedCommand> {
  constructor(
    private readonly translator: Translator,
    private readonly autoTranslation: AutoTranslation,
  ) {
    super(TRANSLATE_DIALOG);
  }

  override async beginDialog(dc: DialogContext, command?: ParsedCommand): Promise<DialogTurnResult> {
    const request = parseTranslateRequest(command?.argument ?? '');
    switch (request.kind) {
      case 'off':
        await this.autoTranslation.turnOff(dc.context);
        await dc.context.sendActivity('Auto-translation is off for this conversation.');
        break;
      case 'auto':
        await this.turnOn(dc, request.language, request.asTyped);
        break;
      case 'text':
        if (request.unknownLanguage !== undefined) {
          await dc.context.sendActivity(`I don't know the language "${request.unknownLanguage}". Name it by ISO code (es) or in English (Spanish). ${USAGE}`);
        } else if (request.text === '') {
          await dc.context.sendActivity(`Add the text to translate. ${USAGE}`);
        } else {
          await this.translateText(dc, request);
        }
        break;
    }
    return dc.endDialog();
  }

  private async turnOn(dc: DialogContext, language: string | undefined, asTyped: string): Promise<void> {
    if (!language) {
      const what = asTyped ? `I don't know the language "${asTyped}".` : 'Which language?';
      await dc.context.sendActivity(`${what} For example: \`translate auto spanish\` or \`translate auto es\`.`);
      return;
    }
    if (language === BOT_LANGUAGE) {
      await this.autoTranslation.turnOff(dc.context);
      await dc.context.sendActivity('I already speak English, so auto-translation is off.');
      return;
    }
    const supported = await this.translator.supportedLanguages();
    if (!supportsPair(supported, language, BOT_LANGUAGE) || !supportsPair(supported, BOT_LANGUAGE, language)) {
      await dc.context.sendActivity(
        `${this.translator.backendName} cannot translate between English and ${languageName(language)} both ways. ${describeSupport(supported)}`,
      );
      return;
    }
    await this.autoTranslation.turnOn(dc.context, language);
    await dc.context.sendActivity(
      `Auto-translation is on: write in ${languageName(language)} and I will answer in ${languageName(language)} (translated by ${this.translator.backendName}). \`translate off\` stops it.`,
    );
  }

  private async translateText(dc: DialogContext, request: { text: string; to?: string; explicit: boolean; whole: string }): Promise<void> {
    let { to, text: body } = request;
    // "translate it works": a bare code the backend does not translate into was part of the text.
    if (to && !request.explicit && !(await this.translator.supportedLanguages()).languages.includes(to)) {
      body = request.whole;
      to = undefined;
    }
    to ??= await this.defaultTarget(dc, body);
    if (!to) {
      await dc.context.sendActivity(`Which language should I translate that to? ${USAGE}`);
      return;
    }
    const [translation] = await this.translator.translate([body], { to });
    const view = {
      from: languageName(translation.from),
      to: languageName(translation.to),
      detectedConfidence: translation.detected?.confidence,
      text: translation.text,
      original: body,
      backendName: this.translator.backendName,
    };
    await dc.context.sendActivity(cardOrText(dc.context.activity, renderTranslationCard(view), renderTranslationText(view), renderTranslationBlocks(view)));
  }

  /**
   * The person's language (their client's locale); English when the text is in that language already. Undefined
   * when the text is already in both, or too short to tell and the person reads English.
   */
  private async defaultTarget(dc: DialogContext, text: string): Promise<string | undefined> {
    const detected = await this.translator.detect(text);
    const source = detected.confidence >= CONFIDENT ? detected.language : undefined;
    const userLanguage = languageOfLocale(dc.context.activity.locale);
    if (userLanguage && userLanguage !== source && (source || userLanguage !== BOT_LANGUAGE)) return userLanguage;
    return source && source !== BOT_LANGUAGE ? BOT_LANGUAGE : undefined;
  }
}

function describeSupport(supported: SupportedLanguages): string {
  if (!supported.pairs) return `It translates ${supported.languages.length} languages; name one by ISO code or English name.`;
  return `Installed: ${supported.pairs.map((pair) => `${languageName(pair.from)} → ${languageName(pair.to)}`).join(', ')}.`;
}
