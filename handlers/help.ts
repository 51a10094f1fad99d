import type { Capabilities } from '../commands/Capabilities.js';
import type { Turn } from '../commands/Turn.js';
import { helpDocument, type HelpOptions } from '../documents/help.js';
import type { ResultDocument } from '../documents/document.js';

/** Where each capability's answers come from, for the help card's footer. */
export function backendsOf({ textAnalyzer, translator, imageClassifier, compute, labelling }: Capabilities): string[] {
  const backends = [
    `Text analysis: ${textAnalyzer.backendName}`,
    `Translation: ${translator.backendName}`,
    `Images: ${imageClassifier.configured ? `${imageClassifier.modelName} (${imageClassifier.backendName})` : 'not set up'}`,
  ];
  if (labelling.project.configured) backends.push(`Labels: ${labelling.project.backendName}`);
  if (compute.configured) backends.push(`Training VMs: ${compute.backendName}`);
  return backends;
}

export function helpFor(capabilities: Capabilities, text: Omit<HelpOptions, 'backends'>): ResultDocument {
  return helpDocument(capabilities.commands.rows, { ...text, backends: backendsOf(capabilities) });
}

export const HELP_TEXT = { title: 'What labmate can do', intro: 'Type a command, or just paste text to analyse it.' };

export const WELCOME_TEXT = {
  title: 'Hi, I am labmate',
  intro:
    'I analyse and translate text for your team: language, sentiment, entities, key phrases, personal data and translations. Type a command, or paste any text.',
};

export async function helpHandler(turn: Turn, _argument: string, capabilities: Capabilities): Promise<void> {
  await turn.reply(helpFor(capabilities, HELP_TEXT));
}
