import type { Activity, ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { isServiceError } from '../services/errors.js';
import { languageName } from '../services/languageNames.js';
import { supportsPair, type Translator } from '../services/translator/Translator.js';
import { parseCommand, type ParsedCommand } from './commandRouter.js';
import { SLACK_BLOCKS_CONTENT_TYPE } from '../cards/slack/blockKit.js';
import { blockKitTexts, cardTexts, withCardNote, type TextSlot } from '../cards/cardTexts.js';

/** The language labmate reads commands in and writes its replies in. */
export const BOT_LANGUAGE = 'en';

/** Below this, a detection of English is not trusted and the conversation's language is assumed. */
const CONFIDENT = 0.5;

export interface AutoTranslationSetting {
  /** ISO code of the language the conversation is translated to and from. */
  language: string;
}

/**
 * Conversation auto-translation, as the Bot Framework's multilingual sample does it, with its gaps closed:
 * the setting lives in conversation state; an incoming message in another language is translated before the
 * router sees it; every outgoing message is translated back, card texts and action titles included, action
 * data never. A failed translation never blocks the reply: it goes out as written, with a short note.
 */
export class AutoTranslation {
  private readonly setting: StatePropertyAccessor<AutoTranslationSetting | undefined>;

  constructor(
    conversationState: ConversationState,
    private readonly translator: Translator,
    private readonly logger?: Logger,
  ) {
    this.setting = conversationState.createProperty<AutoTranslationSetting | undefined>('autoTranslation');
  }

  get(context: TurnContext): Promise<AutoTranslationSetting | undefined> {
    return this.setting.get(context);
  }

  async turnOn(context: TurnContext, language: string): Promise<void> {
    await this.setting.set(context, { language });
  }

  async turnOff(context: TurnContext): Promise<void> {
    await this.setting.delete(context);
  }

  /**
   * The command for this turn. With auto-translation on, a message not in English is translated first and
   * the replies are translated back. Explicit commands (a known command word, a card button) are read as
   * typed, and `translate ...` replies stay in English so the setting can always be changed.
   */
  async route(context: TurnContext, text: string): Promise<ParsedCommand> {
    const asTyped = parseCommand(text);
    const setting = await this.setting.get(context);
    if (!setting || asTyped.name === 'translate') return asTyped;
    const notes: string[] = [];
    let command = asTyped;
    const fromButton = typeof (context.activity.value as { command?: unknown } | undefined)?.command === 'string';
    if (asTyped.implicit && !fromButton && text.trim() !== '') {
      try {
        command = parseCommand(await this.toBotLanguage(text, setting.language));
      } catch (error) {
        this.logger?.warn('auto-translation of a message failed', { error, conversationId: context.activity.conversation?.id });
        notes.push(`I could not translate your message (${reason(error)}), so I read it as written.`);
      }
    }
    context.onSendActivities(async (_context, activities, next) => {
      await this.translateReplies(activities, setting.language, notes.splice(0));
      return next();
    });
    return command;
  }

  private async toBotLanguage(text: string, conversationLanguage: string): Promise<string> {
    const detected = await this.translator.detect(text);
    const confident = detected.language !== 'und' && detected.confidence >= CONFIDENT;
    if (confident && detected.language === BOT_LANGUAGE) return text;
    // Short messages fool detectors ("ayuda" reads as Uzbek): trust a detection only when it can be translated.
    const translatable = confident && supportsPair(await this.translator.supportedLanguages(), detected.language, BOT_LANGUAGE);
    const from = translatable ? detected.language : conversationLanguage;
    const [translation] = await this.translator.translate([text], { from, to: BOT_LANGUAGE });
    return translation.text;
  }

  /** Translates every text a person reads in these activities, in one call; on failure adds a note instead. */
  private async translateReplies(activities: Array<Partial<Activity>>, language: string, notes: string[]): Promise<void> {
    const messages = activities.filter((activity) => activity.type === 'message');
    for (const message of messages) {
      for (const attachment of message.attachments ?? []) {
        // Cards are shared objects from the renderers' point of view: translate a copy.
        if (textsOf(attachment)) attachment.content = structuredClone(attachment.content);
      }
    }
    const slots = messages.flatMap((message) => [
      ...(message.text ? [{ text: message.text, set: (value: string) => (message.text = value) }] : []),
      ...(message.attachments ?? []).flatMap((attachment) => textsOf(attachment)?.(attachment.content) ?? []),
    ]);
    const unique = [...new Set(slots.map((slot) => slot.text))];
    try {
      const translations = unique.length > 0 ? await this.translator.translate(unique, { from: BOT_LANGUAGE, to: language }) : [];
      const byText = new Map(unique.map((text, index) => [text, translations[index].text]));
      for (const slot of slots) slot.set(byText.get(slot.text) ?? slot.text);
    } catch (error) {
      this.logger?.warn('auto-translation of a reply failed', { error });
      notes.push(`Not translated to ${languageName(language)} (${reason(error)}).`);
    }
    const [first] = messages;
    if (first && notes.length > 0) addNote(first, notes.join(' '));
  }
}

/** How to find the readable texts of an attachment: Adaptive Cards, and Block Kit for the direct Slack app. */
function textsOf(attachment: { contentType: string }): ((content: unknown) => TextSlot[]) | undefined {
  if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') return cardTexts;
  if (attachment.contentType === SLACK_BLOCKS_CONTENT_TYPE) return blockKitTexts;
  return undefined;
}

function reason(error: unknown): string {
  if (isServiceError(error)) {
    return error.code === 'rate-limited' ? 'the translator is busy' : error.code === 'unsupported' ? 'this language pair is not available' : 'the translator failed';
  }
  return 'the translator failed';
}

function addNote(message: Partial<Activity>, note: string): void {
  const card = message.attachments?.find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive');
  if (card) {
    card.content = withCardNote(card.content, note);
  } else {
    message.text = message.text ? `${message.text}\n\n_${note}_` : `_${note}_`;
  }
}
