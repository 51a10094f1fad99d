import type { Capabilities } from './Capabilities.js';
import { firstWord, type AnyCommand } from './Command.js';
import type { Turn } from './Turn.js';
import { HELP_TOPICS, helpDocument, helpTopicDocument, topicsOf, unknownTopicDocument, welcomeDocument, type HelpEntry, type HelpOptions, type HelpTopic } from '../cards/help.js';
import type { Card } from '../cards/Card.js';
import { frozen } from '../cards/frozen.js';

/** Where each capability's answers come from, for the footer of its topic's page (and of the welcome). */
function backendsOf({ textAnalyzer, translator, imageClassifier, compute, labelling }: Capabilities): HelpOptions['backends'] {
  const images = [`Images: ${imageClassifier.configured ? `${imageClassifier.modelName} (${imageClassifier.backendName})` : 'not set up'}`];
  if (labelling.project.configured) images.push(`Labels: ${labelling.project.backendName}`);
  return {
    text: [`Text analysis: ${textAnalyzer.backendName}`],
    translation: [`Translation: ${translator.backendName}`],
    images,
    ...(compute.configured ? { vms: [`Training VMs: ${compute.backendName}`] } : {}),
  };
}

/** Help documents built, per command table: [page, title, intro, backends] -> the document. */
const built = new WeakMap<readonly AnyCommand[], Map<string, Card>>();
/** Backends change rarely (a model published): a few documents per table are all there ever are (a page per topic). */
const MAX_BUILT = 24;

/** Which help: the short card, one topic's page, or the welcome. */
type HelpPage = { kind: 'overview' } | { kind: 'topic'; topic: HelpTopic } | { kind: 'welcome' };

/**
 * Help is the same for everyone with the same command table, text and backends: built once, frozen, and shared (a
 * renderer may keep its rendering of it). Auto-translation and notes make new documents of it, never change it.
 */
function documentFor(capabilities: Capabilities, page: HelpPage, text: Omit<HelpOptions, 'backends'>): Card {
  const rows = capabilities.commands.rows;
  const backends = backendsOf(capabilities);
  const key = JSON.stringify([page, text.title, text.intro, backends]);
  let documents = built.get(rows);
  if (!documents) built.set(rows, (documents = new Map()));
  let document = documents.get(key);
  if (!document) {
    if (documents.size >= MAX_BUILT) documents.clear();
    const entries = helpEntries(rows);
    const options = { ...text, backends };
    document = frozen(
      page.kind === 'topic'
        ? helpTopicDocument(page.topic, entries, options)
        : page.kind === 'welcome'
          ? welcomeDocument({ ...options, classifies: capabilities.imageClassifier.configured, listsVms: capabilities.compute.configured })
          : helpDocument(entries, options),
    );
    documents.set(key, document);
  }
  return document;
}

/** The short help card (`help`). */
export function helpFor(capabilities: Capabilities, text: Omit<HelpOptions, 'backends'> = HELP_TEXT): Card {
  return documentFor(capabilities, { kind: 'overview' }, text);
}

/** One topic's page (`help vms`). */
export function helpTopicFor(capabilities: Capabilities, topic: HelpTopic): Card {
  return documentFor(capabilities, { kind: 'topic', topic }, HELP_TEXT);
}

/** What the bot says when it joins a conversation: what to try first. */
export function welcomeFor(capabilities: Capabilities): Card {
  return documentFor(capabilities, { kind: 'welcome' }, WELCOME_TEXT);
}

/** The forms of the table's commands a person can type, in table order; hidden subcommands, and help itself, left out. */
export function helpEntries(commands: readonly AnyCommand[]): HelpEntry[] {
  return commands.flatMap((command) => {
    if (command.handle === helpHandler) return [];
    const visible = (command.subcommands ?? []).filter((sub) => !sub.hidden);
    const entries: HelpEntry[] = [];
    const { topic } = command;
    if (command.usage || visible.length === 0) entries.push({ words: [command.name], usage: command.usage ?? [], description: command.description, topic, featured: command.featured ?? false });
    for (const sub of visible) entries.push({ words: [command.name, sub.name], usage: sub.usage ?? [], description: sub.description, topic, featured: sub.featured ?? false });
    return entries;
  });
}

/** The topic `help <word>` asks for: a topic's name or one of its words, or a command's name (its topic). */
export function findTopic(word: string, commands: readonly AnyCommand[]): HelpTopic | undefined {
  const wanted = word.toLowerCase();
  const named = (Object.keys(HELP_TOPICS) as HelpTopic[]).find((topic) => topic === wanted || HELP_TOPICS[topic].aliases.includes(wanted));
  if (named) return named;
  return commands.find((command) => command.handle !== helpHandler && (command.name === wanted || command.aliases?.includes(wanted)))?.topic;
}

export const HELP_TEXT = { title: 'What labmate can do', intro: 'Type a command, or just paste text to analyse it. The most used ones:' };

export const WELCOME_TEXT = {
  title: 'Hi, I am labmate',
  intro: "I help your team with text, translation, images and training machines. Type a command, or paste any text. To start, try one of these:",
};

export async function helpHandler(turn: Turn, argument: string, capabilities: Capabilities): Promise<void> {
  const word = firstWord(argument);
  if (word === '') return void (await turn.reply(helpFor(capabilities)));
  const rows = capabilities.commands.rows;
  const topic = findTopic(word, rows);
  await turn.reply(topic ? helpTopicFor(capabilities, topic) : unknownTopicDocument(word, topicsOf(helpEntries(rows))));
}
