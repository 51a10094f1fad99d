import { describeSource, type TranslationView } from './translationView.js';

/** A translation as Markdown, for channels that do not render Adaptive Cards. */
export function renderTranslationText(view: TranslationView): string {
  return [`**Translation** (${describeSource(view)} → ${view.to})`, view.text, `_Translated by ${view.backendName}._`].join('\n\n');
}
