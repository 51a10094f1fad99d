import { describeProbability, footer, skippedNote, TOP_TAGS, type ImageResultView } from './imageResultView.js';

/** The classification as Markdown, for channels that do not render Adaptive Cards. */
export function renderImageResultText(view: ImageResultView): string {
  const parts: string[] = ['**Image classification**'];
  for (const result of view.results) {
    if (!result.ok) {
      parts.push(`**${result.name}**: ${result.reason}`);
      continue;
    }
    const lines = result.predictions.slice(0, TOP_TAGS).map((prediction) => `- ${prediction.tag}: ${describeProbability(prediction)}`);
    parts.push([`**${result.name}**`, ...(lines.length > 0 ? lines : ['- no tags'])].join('\n'));
  }
  const note = skippedNote(view);
  if (note) parts.push(`⚠️ ${note}`);
  parts.push(`_${footer(view)}_`);
  return parts.join('\n\n');
}
