import { shorten } from '../format.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { describeSource, type TranslationView } from '../translationView.js';
import { context, header, limitBlocks, section, textSections, type Block } from './blockKit.js';

/** A translation as Block Kit: the languages side by side, the translated text in full, the original quieter. */
export function renderTranslationBlocks(view: TranslationView): Block[] {
  return limitBlocks([
    header('Translation'),
    section(`*${escapeMrkdwn(describeSource(view))}* → *${escapeMrkdwn(view.to)}*`),
    ...textSections(view.text),
    context(`Original: ${escapeMrkdwn(shorten(view.original))}`),
    context(`Translated by ${escapeMrkdwn(view.backendName)}.`),
  ]);
}
