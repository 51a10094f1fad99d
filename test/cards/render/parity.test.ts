import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { actionsOf, linesOf } from '../../../cards/Card.js';
import { renderAdaptiveCard } from '../../../cards/render/adaptiveCard.js';
import { renderBlockKit } from '../../../cards/render/blockKit.js';
import { MARKDOWN, renderText } from '../../../cards/render/text.js';
import { MRKDWN } from '../../../cards/render/mrkdwn.js';
import { assertParsesCleanly, blockKitTexts, cardTexts, markdownTexts } from '../../support/renderedText.js';
import { everyKind } from '../everyKind.js';
import { everyPart } from './documents.js';

/**
 * Every span of a document, as a person reads it in each format (pictures are left out where they cannot show): for
 * a document with every part, and for one document of every kind the bot sends.
 */
for (const [kind, document] of [['every part', everyPart()] as const, ...everyKind()]) describe(`one document (${kind}), three renderings`, () => {
  const spans = linesOf(document)
    .flatMap((value) => value.spans.map((span) => span.text))
    .filter((text) => text.trim() !== '');
  // [format, what a person reads, whether buttons are shown as commands to type]
  const card = renderAdaptiveCard(document);
  assertParsesCleanly(card);
  const renderings: Array<[string, string, boolean]> = [
    ['Adaptive Card', cardTexts(card).join('\n'), false],
    ['Block Kit', blockKitTexts(renderBlockKit(document).blocks).join('\n'), false],
    ['Markdown', markdownTexts(renderText(document, MARKDOWN), 'markdown'), true],
    ['mrkdwn', markdownTexts(renderText(document, MRKDWN), 'mrkdwn'), true],
  ];

  for (const [format, shown, typed] of renderings) {
    it(`shows every span in ${format}`, () => {
      const missing = spans.filter((text) => !shown.includes(text));
      assert.deepEqual(missing, []);
    });

    it(`offers every action in ${format}: ${typed ? 'its command to type' : 'a button'}`, () => {
      const missing = actionsOf(document).filter((action) => !shown.includes(typed ? action.command : action.title));
      assert.deepEqual(missing, []);
    });
  }

  // Facts read "Label: value" in a card and as two-column fields in Block Kit, so the order check takes the lines before them.
  if (kind === 'every part') it('shows the same lines in the same order in the card and in Block Kit', () => {
    const lines = linesOf(document).slice(0, 9).map((value) => value.spans.map((span) => span.text).join(''));
    const inOrder = (shown: string[]) => lines.every((text, index) => index === 0 || shown.indexOf(text) > shown.indexOf(lines[index - 1]));
    assert.ok(inOrder(cardTexts(card)));
    assert.ok(inOrder(blockKitTexts(renderBlockKit(document).blocks)));
  });
});
