import { afterFirstWord, firstWord } from '../Command.js';
import { resolveLanguage } from '../../services/translator/languages.js';

/** What a `translate ...` command asks for. */
export type TranslateRequest =
  | { kind: 'off' }
  | { kind: 'auto'; language?: string; asTyped: string }
  | {
      kind: 'text';
      text: string;
      /** ISO code; absent when no language was named. */
      to?: string;
      /** The language as typed, when it was named but is unknown. */
      unknownLanguage?: string;
      /** True when the language was marked as one ("to ...", or "...:"), so it is not mistaken for text. */
      explicit: boolean;
      /** The whole argument: the text, if a bare first word turns out not to be a language after all. */
      whole: string;
    };

/** A language named before a colon is at most this long ("simplified chinese"). */
const MAX_NAMED_LANGUAGE = 40;
const LANGUAGE_WORD = /^[\p{L}-]+$/u;

/**
 * Reads `off`, `auto spanish`, `to spanish: hello team`, `to es hello team`, `spanish: hello team`,
 * `es hello team` and `hello team`. A bare first word counts as a language only when it is an ISO 639-1 code,
 * a tag (pt-BR) or a language name; the handler also checks the backend supports it. Written with index
 * searches rather than patterns over the whole text, so 25,000 spaces or colons cost what 25,000 letters do.
 */
export function parseTranslateRequest(argument: string): TranslateRequest {
  const text = argument.trim();
  const first = firstWord(text);
  const rest = afterFirstWord(text);
  if (text.toLowerCase() === 'off') return { kind: 'off' };
  if (first.toLowerCase() === 'auto') {
    const asTyped = firstWord(rest).toLowerCase() === 'to' ? afterFirstWord(rest) : rest;
    return { kind: 'auto', language: asTyped ? resolveLanguage(asTyped) : undefined, asTyped };
  }
  if (first.toLowerCase() === 'to' && rest !== '') return languageThenText(rest, text);
  const named = beforeColon(text);
  if (named && isOneOrTwoWords(named.language)) {
    const to = resolveLanguage(named.language);
    if (to) return { kind: 'text', text: named.text, to, explicit: true, whole: text };
  }
  if (rest !== '' && isBareLanguage(first)) {
    const to = resolveLanguage(first);
    if (to) return { kind: 'text', text: rest, to, explicit: false, whole: text };
  }
  return { kind: 'text', text, explicit: false, whole: text };
}

/** After "to": `spanish: hello team` or `es hello team`; the language is explicit, known or not. */
function languageThenText(rest: string, whole: string): TranslateRequest {
  const named = beforeColon(rest);
  const language = named?.language ?? firstWord(rest);
  const body = named ? named.text : afterFirstWord(rest);
  const to = resolveLanguage(language);
  return to ? { kind: 'text', text: body, to, explicit: true, whole } : { kind: 'text', text: body, unknownLanguage: language, explicit: true, whole };
}

/** "simplified chinese: hello" as the language and the text, when a colon comes early on the first line. */
function beforeColon(text: string): { language: string; text: string } | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon > MAX_NAMED_LANGUAGE) return undefined;
  const language = text.slice(0, colon).trim();
  const body = text.slice(colon + 1).trim();
  if (language === '' || body === '' || language.includes('\n')) return undefined;
  return { language, text: body };
}

function isOneOrTwoWords(language: string): boolean {
  const words = language.split(/\s/);
  return words.length <= 2 && words.every((word) => LANGUAGE_WORD.test(word));
}

/** "es", "pt-BR", "spanish": yes. Three-letter words ("new", "run") are too often English to count. */
function isBareLanguage(word: string): boolean {
  return /^[a-z]{2}(?:-[a-z0-9]{2,8})*$/i.test(word) || (/^\p{L}{4,}$/u.test(word) && resolveLanguage(word) !== undefined);
}
