import { adaptiveCard, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive.js';
import { describeProbability, footer, skippedNote, TOP_TAGS, type ImageResult, type ImageResultView } from './imageResultView.js';
import { renderImageResultText } from './imageResultText.js';

/** The classification as an Adaptive Card 1.5: per image its thumbnail (when given) and top tags with bars. */
export function renderImageResultCard(view: ImageResultView): AdaptiveCard {
  const body: CardElement[] = [heading('Image classification')];
  for (const result of view.results) body.push(imageSection(result));
  const note = skippedNote(view);
  if (note) body.push(textBlock(note, { color: 'warning' }));
  body.push(textBlock(footer(view), { subtle: true }));
  return adaptiveCard(body, { fallbackText: renderImageResultText(view) });
}

function imageSection(result: ImageResult): CardElement {
  const items: CardElement[] = [textBlock(result.name, { weight: 'Bolder' })];
  if (!result.ok) {
    items.push(textBlock(result.reason, { color: 'attention' }));
  } else if (result.predictions.length === 0) {
    items.push(textBlock('The model returned no tags for this image.', { subtle: true }));
  } else {
    for (const prediction of result.predictions.slice(0, TOP_TAGS)) {
      items.push({
        type: 'ColumnSet',
        spacing: 'Small',
        columns: [
          { type: 'Column', width: 2, items: [textBlock(prediction.tag)] },
          { type: 'Column', width: 3, items: [{ ...textBlock(describeProbability(prediction)), fontType: 'Monospace' }] },
        ],
      });
    }
  }
  const section: CardElement = { type: 'Container', separator: true, spacing: 'Medium', items };
  if (!result.ok || !result.thumbnailUrl) return section;
  return {
    type: 'ColumnSet',
    separator: true,
    spacing: 'Medium',
    columns: [
      { type: 'Column', width: 'auto', items: [{ type: 'Image', url: result.thumbnailUrl, size: 'Small', altText: result.name }] },
      { type: 'Column', width: 'stretch', items },
    ],
  };
}
