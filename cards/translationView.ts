import { percent } from './format.js';

/** What the translate dialog hands to the renderers. */
export interface TranslationView {
  /** Language names, in English ("Spanish"). */
  from: string;
  to: string;
  /** Set when the source language was detected rather than given: 0..1. */
  detectedConfidence?: number;
  text: string;
  original: string;
  backendName: string;
}

export function describeSource(view: TranslationView): string {
  return view.detectedConfidence === undefined ? view.from : `${view.from} (detected, ${percent(view.detectedConfidence)} confident)`;
}
