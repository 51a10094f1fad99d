import type { Capabilities } from './Capabilities.js';
import type { AnyCommand } from './Command.js';
import type { Turn } from './Turn.js';
import { helpDocument, type HelpEntry, type HelpOptions } from '../cards/help.js';
import type { Card } from '../cards/Card.js';
import { frozen } from '../cards/frozen.js';

/** Where each capability's answers come from, for the help card's footer. */
function backendsOf({ textAnalyzer, translator, imageClassifier, compute, labelling }: Capabilities): string[] {
  const backends = [
    `Text analysis: ${textAnalyzer.backendName}`,
    `Translation: ${translator.backendName}`,
    `Images: ${imageClassifier.configured ? `${imageClassifier.modelName} (${imageClassifier.backendName})` : 'not set up'}`,
  ];
  if (labelling.project.configured) backends.push(`Labels: ${labelling.project.backendName}`);
  if (compute.configured) backends.push(`Training VMs: ${compute.backendName}`);
  return backends;
}

/** Help documents built, per command table: [title, intro, backends] -> the document. */
const built = new WeakMap<readonly AnyCommand[], Map<string, Card>>();
/** Backends change rarely (a model published): a few documents per table are all there ever are. */
const MAX_BUILT = 8;

/**
 * Help is the same for everyone with the same command table, text and backends: built once, frozen, and shared (a
 * renderer may keep its rendering of it). Auto-translation and notes make new documents of it, never change it.
 */
export function helpFor(capabilities: Capabilities, text: Omit<HelpOptions, 'backends'>): Card {
  const rows = capabilities.commands.rows;
  const backends = backendsOf(capabilities);
  const key = JSON.stringify([text.title, text.intro, backends]);
  let documents = built.get(rows);
  if (!documents) built.set(rows, (documents = new Map()));
  let document = documents.get(key);
  if (!document) {
    if (documents.size >= MAX_BUILT) documents.clear();
    document = frozen(helpDocument(helpEntries(rows), { ...text, backends }));
    documents.set(key, document);
  }
  return document;
}

/** The forms of the table's commands a person can type, in table order; hidden subcommands left out. */
export function helpEntries(commands: readonly AnyCommand[]): HelpEntry[] {
  return commands.flatMap((command) => {
    const visible = (command.subcommands ?? []).filter((sub) => !sub.hidden);
    const entries: HelpEntry[] = [];
    if (command.usage || visible.length === 0) entries.push({ words: [command.name], usage: command.usage ?? [], description: command.description });
    for (const sub of visible) entries.push({ words: [command.name, sub.name], usage: sub.usage ?? [], description: sub.description });
    return entries;
  });
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
