import { data, fact, line, subtle, type Card } from './Card.js';
import { percent, shorten } from './wording.js';

interface TranslationView {
  /** Language names, in English ("Spanish"). */
  from: string;
  to: string;
  /** Set when the source language was detected rather than given: 0..1. */
  detectedConfidence?: number;
  text: string;
  original: string;
  backendName: string;
}

/** The languages, the translation in full, and the original, quieter. */
export function translationDocument(view: TranslationView): Card {
  const source = view.detectedConfidence === undefined ? view.from : `${view.from} (detected, ${percent(view.detectedConfidence)} confident)`;
  return {
    title: line('Translation'),
    sections: [
      { facts: [fact('From', source), fact('To', view.to)] },
      // The translation is already in the language asked for: auto-translation must not translate it again.
      { lines: [line(data(view.text))] },
    ],
    notes: [subtle('Original: ', data(shorten(view.original))), subtle(`Translated by ${view.backendName}.`)],
  };
}
