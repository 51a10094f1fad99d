import { escapeMrkdwn } from '../mrkdwn.js';
import { describeProbability, footer, skippedNote, TOP_TAGS, type ImageResult, type ImageResultView } from '../imageResultView.js';
import { context, divider, header, limitBlocks, section, type Block } from './blockKit.js';

/**
 * The classification as Block Kit: per image its top tags with bars (monospace, so they line up), or why it was
 * not classified; then the images past the limit and the model. No thumbnail: an image block needs a public URL,
 * and the images people post in Slack are private.
 */
export function renderImageResultBlocks(view: ImageResultView): Block[] {
  const blocks: Block[] = [header('Image classification')];
  for (const result of view.results) blocks.push(divider(), section(imageText(result)));
  const note = skippedNote(view);
  if (note) blocks.push(context(`⚠️ ${escapeMrkdwn(note)}`));
  blocks.push(context(escapeMrkdwn(footer(view))));
  return limitBlocks(blocks);
}

function imageText(result: ImageResult): string {
  const name = `*${escapeMrkdwn(result.name)}*`;
  if (!result.ok) return `${name}\n⚠️ ${escapeMrkdwn(result.reason)}`;
  if (result.predictions.length === 0) return `${name}\n_The model returned no tags for this image._`;
  const lines = result.predictions.slice(0, TOP_TAGS).map((prediction) => `\`${describeProbability(prediction)}\` ${escapeMrkdwn(prediction.tag)}`);
  return [name, ...lines].join('\n');
}
