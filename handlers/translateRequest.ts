import { resolveLanguage } from '../services/translator/languages.js';

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

/**
 * Reads `off`, `auto spanish`, `to spanish: hello team`, `to es hello team`, `spanish: hello team`,
 * `es hello team` and `hello team`. A bare first word counts as a language only when it is an ISO 639-1 code,
 * a tag (pt-BR) or a language name; the dialog also checks the backend supports it.
 */
export function parseTranslateRequest(argument: string): TranslateRequest {
  const text = argument.trim();
  if (/^off$/i.test(text)) return { kind: 'off' };
  const auto = /^auto(?:\s+(?:to\s+)?([\s\S]*))?$/i.exec(text);
  if (auto) {
    const asTyped = (auto[1] ?? '').trim();
    return { kind: 'auto', language: asTyped ? resolveLanguage(asTyped) : undefined, asTyped };
  }
  const named =
    /^to\s+([^:\n]{1,40}?)\s*:\s*([\s\S]+)$/i.exec(text) ??
    /^to\s+(\S+)\s+([\s\S]+)$/i.exec(text) ??
    /^([\p{L}-]+(?:\s[\p{L}-]+)?)\s*:\s*([\s\S]+)$/u.exec(text);
  if (named) {
    const to = resolveLanguage(named[1]);
    if (to || /^to\s/i.test(text)) {
      const rest = named[2].trim();
      return to
        ? { kind: 'text', text: rest, to, explicit: true, whole: text }
        : { kind: 'text', text: rest, unknownLanguage: named[1], explicit: true, whole: text };
    }
  }
  const bare = /^(\S+)\s+([\s\S]+)$/.exec(text);
  if (bare && isBareLanguage(bare[1])) {
    const to = resolveLanguage(bare[1]);
    if (to) return { kind: 'text', text: bare[2].trim(), to, explicit: false, whole: text };
  }
  return { kind: 'text', text, explicit: false, whole: text };
}

/** "es", "pt-BR", "spanish": yes. Three-letter words ("new", "run") are too often English to count. */
function isBareLanguage(word: string): boolean {
  return /^[a-z]{2}(?:-[a-z0-9]{2,8})*$/i.test(word) || (/^\p{L}{4,}$/u.test(word) && resolveLanguage(word) !== undefined);
}
