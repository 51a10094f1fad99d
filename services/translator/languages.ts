/** Language codes and names: ISO 639-1 codes, English and native names, and Apertium's ISO 639-3 codes. */

let names: Intl.DisplayNames | undefined;
/**
 * Undefined for a code it does not know, where languageName would echo the code. Made with the first lookup:
 * building it loads ICU's language names (about 15 ms of the bot's start otherwise).
 */
const englishNames = () => (names ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }));

/** ISO 639-3 codes Apertium uses for languages that have an ISO 639-1 code. */
const ISO_639_3_TO_1: Readonly<Record<string, string>> = {
  afr: 'af', arg: 'an', bel: 'be', bre: 'br', bul: 'bg', cat: 'ca', dan: 'da', deu: 'de', eng: 'en', epo: 'eo',
  eus: 'eu', fra: 'fr', glg: 'gl', hbs: 'sh', hin: 'hi', ind: 'id', isl: 'is', ita: 'it', mkd: 'mk', nld: 'nl',
  nno: 'nn', nob: 'nb', nor: 'no', oci: 'oc', pol: 'pl', por: 'pt', ron: 'ro', rus: 'ru', slv: 'sl', spa: 'es',
  srd: 'sc', swe: 'sv', ukr: 'uk', urd: 'ur', zlm: 'ms',
};

/** Apertium's code ("spa", "en", "spa_US") -> ISO 639-1 where there is one ("es"), else the 639-3 code. */
export function isoFromApertium(code: string): string {
  const base = code.split('_')[0].toLowerCase();
  return ISO_639_3_TO_1[base] ?? base;
}

let byName: Map<string, string> | undefined;

/** English and native names of every ISO 639-1 language, lower case, with and without accents. */
function namesIndex(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      const english = englishNames().of(code);
      if (!english) continue;
      const names = [english];
      try {
        const native = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
        if (native) names.push(native);
      } catch {
        // no locale data for this language: the English name is enough
      }
      for (const name of names) {
        for (const key of [name.toLowerCase(), stripAccents(name.toLowerCase())]) if (!byName.has(key)) byName.set(key, code);
      }
    }
  }
  // Tags whose English names people use ("Simplified Chinese"), as Azure Translator names its languages.
  for (const tag of ['zh-Hans', 'zh-Hant', 'pt-BR', 'pt-PT', 'fr-CA', 'sr-Cyrl', 'sr-Latn']) {
    const name = englishNames().of(tag)?.toLowerCase();
    if (name) byName.set(name, tag);
  }
  return byName;
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

const MAX_LANGUAGE_INPUT = 64;

/**
 * A language as a person types it: an ISO code ("es", "pt-BR", "zh-Hans") or a name in English or in the
 * language itself ("spanish", "Español"). Undefined when it is neither.
 */
export function resolveLanguage(input: string): string | undefined {
  // No language name is longer; a longer input (a person's paste) is not looked at any further.
  if (input.length > MAX_LANGUAGE_INPUT) return undefined;
  const text = input.trim().replace(/[.:,!?]+$/, '');
  if (/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(text)) {
    try {
      const [canonical] = Intl.getCanonicalLocales(text.replace(/_/g, '-'));
      const primary = canonical.split('-')[0];
      if (englishNames().of(primary) && (primary.length === 2 || englishNames().of(primary) !== primary)) {
        return primary === canonical.toLowerCase() ? primary : canonical;
      }
    } catch {
      // not a language tag; maybe a name
    }
  }
  const key = text.toLowerCase();
  return namesIndex().get(key) ?? namesIndex().get(stripAccents(key));
}

/** The language part of a locale ("es-MX" -> "es"); undefined for none. */
export function languageOfLocale(locale: string | undefined): string | undefined {
  const primary = locale?.split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/** The language labmate reads commands in and writes its replies in. */
export const BOT_LANGUAGE = 'en';
