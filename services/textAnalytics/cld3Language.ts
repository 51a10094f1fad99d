import type { LanguageIdentifier } from 'cld3-asm';
import { languageName, TRUSTED_DETECTION } from '../languageNames.js';
import { available, type Analysis, type DetectedLanguage } from './TextAnalyzer.js';

/** cld3 names a language for any input, even "?!"; fewer letters than this is no language at all. */
const MIN_LETTERS = 3;

/** The offline analyzer's language detection: `und` (Unknown) unless cld3 is sure enough of a text with letters. */
export function detectedLanguage(identifier: LanguageIdentifier, text: string): Analysis<DetectedLanguage> {
  const { language, probability, is_reliable } = identifier.findLanguage(text);
  if (language === 'und' || !hasLetters(text, MIN_LETTERS) || (!is_reliable && probability < TRUSTED_DETECTION)) {
    return available({ iso: 'und', name: 'Unknown', confidence: 0 });
  }
  return available({ iso: language, name: languageName(language), confidence: probability });
}

/** The language an English-only analysis reads a text as when none is given: cld3's, when trusted; else `und`. */
export function guessedLanguage(identifier: LanguageIdentifier, text: string): string {
  const guess = identifier.findLanguage(text);
  return guess.probability >= TRUSTED_DETECTION ? guess.language : 'und';
}

const LETTER = /\p{L}/gu;

/** Whether the text has at least `count` letters: counted up to `count`, not collected. */
function hasLetters(text: string, count: number): boolean {
  LETTER.lastIndex = 0;
  let found = 0;
  while (found < count && LETTER.exec(text)) found++;
  return found >= count;
}
