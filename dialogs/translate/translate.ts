import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { code, data, line, message, type Line, type Card } from '../../cards/Card.js';
import { translationDocument } from '../../cards/translation.js';
import { languageName, TRUSTED_DETECTION } from '../../services/languageNames.js';
import { BOT_LANGUAGE, languageOfLocale } from '../../services/translator/languages.js';
import { supportsPair, type SupportedLanguages, type Translator } from '../../services/translator/Translator.js';
import type { TranslateRequest } from './translateRequest.js';

const EXAMPLES: Line = line(
  'For example: ',
  code('translate to spanish: the training run finished'),
  ', ',
  code('translate es hello team'),
  ', ',
  code('translate auto spanish'),
  ' or ',
  code('translate off'),
  '.',
);

/** Translates a text, or switches the conversation's auto-translation on or off. */
export async function translateHandler(turn: Turn, request: TranslateRequest, { translator }: Capabilities): Promise<void> {
  if (request.kind === 'off') {
    await turn.updateSettings({ autoTranslation: undefined });
    await turn.reply(message(line('Auto-translation is off for this conversation.')));
  } else if (request.kind === 'auto') {
    await turn.reply(await switchOn(turn, translator, request.language, request.asTyped));
  } else if (request.unknownLanguage !== undefined) {
    await turn.reply(message(line("I don't know the language ", data(request.unknownLanguage), '. Name it by ISO code (es) or in English (Spanish).'), EXAMPLES));
  } else if (request.text === '') {
    await turn.reply(message(line('Add the text to translate.'), EXAMPLES));
  } else {
    await turn.reply(await translateText(turn, translator, request));
  }
}

async function switchOn(turn: Turn, translator: Translator, language: string | undefined, asTyped: string): Promise<Card> {
  if (!language) {
    const what = asTyped ? line("I don't know the language ", data(asTyped), '.') : line('Which language?');
    return message(what, line('For example: ', code('translate auto spanish'), ' or ', code('translate auto es'), '.'));
  }
  if (language === BOT_LANGUAGE) {
    await turn.updateSettings({ autoTranslation: undefined });
    return message(line('I already speak English, so auto-translation is off.'));
  }
  const supported = await translator.supportedLanguages();
  if (!supportsPair(supported, language, BOT_LANGUAGE) || !supportsPair(supported, BOT_LANGUAGE, language)) {
    return message(line(`${translator.backendName} cannot translate between English and ${languageName(language)} both ways. ${describeSupport(supported)}`));
  }
  await turn.updateSettings({ autoTranslation: language });
  const name = languageName(language);
  return message(line(`From now on I translate this conversation: write in ${name} and I will answer in ${name} (translated by ${translator.backendName}). `, code('translate off'), ' stops it.'));
}

async function translateText(turn: Turn, translator: Translator, request: Extract<TranslateRequest, { kind: 'text' }>): Promise<Card> {
  let { to, text: body } = request;
  // "translate it works": a bare code the backend does not translate into was part of the text.
  if (to && !request.explicit && !(await translator.supportedLanguages()).languages.includes(to)) {
    body = request.whole;
    to = undefined;
  }
  to ??= await defaultTarget(translator, turn.locale, body);
  if (!to) return message(line('Which language should I translate that to?'), EXAMPLES);
  const [translation] = await translator.translate([body], { to });
  return translationDocument({
    from: languageName(translation.from),
    to: languageName(translation.to),
    detectedConfidence: translation.detected?.confidence,
    text: translation.text,
    original: body,
    backendName: translator.backendName,
  });
}

/**
 * The person's language (their client's locale); English when the text is in that language already. Undefined
 * when the text is already in both, or too short to tell and the person reads English.
 */
async function defaultTarget(translator: Translator, locale: string | undefined, text: string): Promise<string | undefined> {
  const detected = await translator.detect(text);
  const source = detected.confidence >= TRUSTED_DETECTION ? detected.language : undefined;
  const userLanguage = languageOfLocale(locale);
  if (userLanguage && userLanguage !== source && (source || userLanguage !== BOT_LANGUAGE)) return userLanguage;
  return source && source !== BOT_LANGUAGE ? BOT_LANGUAGE : undefined;
}

function describeSupport(supported: SupportedLanguages): string {
  if (!supported.pairs) return `It translates ${supported.languages.length} languages; name one by ISO code or English name.`;
  return `Installed: ${supported.pairs.map((pair) => `${languageName(pair.from)} → ${languageName(pair.to)}`).join(', ')}.`;
}
