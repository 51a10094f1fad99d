import { adaptiveCard, commandButton, factSet, heading, textBlock, type AdaptiveCard } from './adaptive.js';

export interface HelpView {
  title: string;
  intro: string;
  /** "sentiment <text>" -> what it does */
  commands: Array<{ usage: string; description: string }>;
  /** Commands offered as buttons: [button title, command text]. */
  examples: Array<[title: string, command: string]>;
  /** Where the answers come from, e.g. "Text analysis runs on the offline analyzer". */
  footer?: string;
}

export function renderHelpCard(view: HelpView): AdaptiveCard {
  const body = [heading(view.title), textBlock(view.intro), factSet(view.commands.map(({ usage, description }) => [usage, description]))];
  if (view.footer) body.push(textBlock(view.footer, { subtle: true }));
  return adaptiveCard(body, {
    actions: view.examples.map(([title, command]) => commandButton(title, command)),
    fallbackText: renderHelpText(view),
  });
}

export function renderHelpText(view: HelpView): string {
  const lines = [`**${view.title}**`, view.intro, ...view.commands.map(({ usage, description }) => `- \`${usage}\`: ${description}`)];
  if (view.examples.length > 0) lines.push(`Try: ${view.examples.map(([, command]) => `\`${command}\``).join(' or ')}`);
  if (view.footer) lines.push(`_${view.footer}_`);
  return lines.join('\n\n');
}
