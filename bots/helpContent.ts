import type { HelpView } from '../cards/helpCard.js';
import { COMMANDS } from './commands.js';

const EXAMPLES: Array<[string, string]> = [
  ['Try an analysis', 'analyze I loved the new GPU, but the driver install was painful'],
  ['Find personal data', 'pii Mail jane@contoso.com or call +1 425 555 0100'],
  ['Translate', 'translate to spanish: the training run finished'],
];

/** Help and welcome, written from the command table so they never drift from the router. */
export function helpView(title: string, intro: string, backends: string[]): HelpView {
  return {
    title,
    intro,
    commands: COMMANDS.map((command) => ({
      usage: command.usage ? `${command.name} ${command.usage}` : command.name,
      description: command.description,
    })),
    examples: EXAMPLES,
    footer: backends.join(' · '),
  };
}
