import { adaptiveCard, factSet, heading, textBlock, type AdaptiveCard } from './adaptive.js';
import { shorten } from './format.js';
import { renderTranslationText } from './translationText.js';
import { describeSource, type TranslationView } from './translationView.js';

/** A translation as an Adaptive Card 1.5: the languages, the translated text, and the original, quieter. */
export function renderTranslationCard(view: TranslationView): AdaptiveCard {
  return adaptiveCard(
    [
      heading('Translation'),
      factSet([
        ['From', describeSource(view)],
        ['To', view.to],
      ]),
      textBlock(view.text),
      textBlock(`Original: ${shorten(view.original)}`, { subtle: true }),
      textBlock(`Translated by ${view.backendName}.`, { subtle: true }),
    ],
    { fallbackText: renderTranslationText(view) },
  );
}
