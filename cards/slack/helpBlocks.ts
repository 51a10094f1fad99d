import type { HelpView } from '../helpCard.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { actions, commandButton, context, header, section, type Block } from './blockKit.js';

/** In Slack people type the commands after the slash command. */
export const SLASH_COMMAND = '/labmate';

/** Help as Block Kit: what each command does, and the examples as buttons that run them. */
export function renderHelpBlocks(view: HelpView): Block[] {
  const commands = view.commands.map(({ usage, description }) => `• \`${SLASH_COMMAND} ${escapeMrkdwn(usage)}\` ${escapeMrkdwn(description)}`);
  const blocks: Block[] = [header(view.title), section(escapeMrkdwn(view.intro)), section(commands.join('\n'))];
  if (view.examples.length > 0) {
    blocks.push(actions(view.examples.map(([title, command], index) => commandButton(title, command, `help-example-${index}`))));
  }
  if (view.footer) blocks.push(context(escapeMrkdwn(view.footer)));
  return blocks;
}
