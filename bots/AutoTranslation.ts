import type { CommandTable, ParsedText } from '../dialogs/CommandTable.js';
import { afterFirstWord } from '../dialogs/Command.js';
import { subtle, type Card } from '../cards/Card.js';
import { translateDocument } from '../cards/translateCard.js';
import type { Logger } from '../logging/logger.js';
import { isServiceError } from '../services/errors.js';
import { languageName, TRUSTED_DETECTION } from '../services/languageNames.js';
import { BOT_LANGUAGE } from '../services/translator/languages.js';
import { supportsPair, type Translator } from '../services/translator/Translator.js';

/** How a message is read in an auto-translated conversation. */
export interface RoutedText {
  parsed: ParsedText;
  /** What the handler gets as its argument. */
  argument: string;
  /** Said once, with the first reply (the message could not be translated, so it was read as written). */
  note?: string;
}

/**
 * Conversation auto-translation. A message in another language is translated to English only to find the command
 * it asks for; a command that reads text (an analysis) gets what the person wrote, so language detection and
 * Azure's multilingual sentiment see the original. Replies are documents: their prose is translated back, command
 * words, names, placeholders and card data never (translateDocument protects them on both backends).
 */
export class AutoTranslation {
  constructor(
    private readonly translator: Translator,
    private readonly commands: CommandTable,
    private readonly logger: Logger,
  ) {}

  /**
   * `typed` is the text read as it was written. Commands typed as such (a known command word, a button's
   * command) are read as typed, so what the help card shows always works.
   */
  async route(text: string, typed: RoutedText, language: string): Promise<RoutedText> {
    const asTyped = typed.parsed;
    if (asTyped.kind !== 'command' || !asTyped.implicit || text.trim() === '') return typed;
    let translated: string;
    try {
      translated = await this.toBotLanguage(text, language);
    } catch (error) {
      this.logger.warn('auto-translation of a message failed', { error });
      return { ...typed, note: `I could not translate your message (${reason(error)}), so I read it as written.` };
    }
    const parsed = this.commands.parse(translated);
    if (parsed.kind !== 'command' || parsed.implicit) return typed;
    // A command word written in the conversation's language: a command that reads text reads the original (its
    // first word was the command); any other takes its arguments from the translation (VM names survive it).
    return { parsed, argument: parsed.command.readsText ? afterFirstWord(text) : parsed.argument };
  }

  /** The document with its prose in `language`; on failure the English document with a note saying so. */
  async translateReply(document: Card, language: string): Promise<Card> {
    try {
      return await translateDocument(document, async (html) => {
        const translations = await this.translator.translate(html, { from: BOT_LANGUAGE, to: language, textType: 'html' });
        return translations.map((translation) => translation.text);
      });
    } catch (error) {
      this.logger.warn('auto-translation of a reply failed', { error });
      return withNote(document, `Not translated to ${languageName(language)} (${reason(error)}).`);
    }
  }

  private async toBotLanguage(text: string, conversationLanguage: string): Promise<string> {
    const detected = await this.translator.detect(text);
    const confident = detected.language !== 'und' && detected.confidence >= TRUSTED_DETECTION;
    if (confident && detected.language === BOT_LANGUAGE) return text;
    // Short messages fool detectors ("ayuda" reads as Uzbek): trust a detection only when it can be translated.
    const translatable = confident && supportsPair(await this.translator.supportedLanguages(), detected.language, BOT_LANGUAGE);
    const from = translatable ? detected.language : conversationLanguage;
    const [translation] = await this.translator.translate([text], { from, to: BOT_LANGUAGE });
    return translation.text;
  }
}

export function withNote(document: Card, note: string): Card {
  return { ...document, notes: [...(document.notes ?? []), { ...subtle(note), tone: 'warning' }] };
}

function reason(error: unknown): string {
  if (isServiceError(error)) {
    return error.code === 'rate-limited' ? 'the translator is busy' : error.code === 'unsupported' ? 'this language pair is not available' : 'the translator failed';
  }
  return 'the translator failed';
}
