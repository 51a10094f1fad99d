import { code, data, line, placeholder, prose, subtle, type Action, type Card, type Line, type Section, type Span } from './Card.js';

/** What help shows after a command word: literal words and ‹placeholders›; `optional` ones in brackets. */
export type UsagePart = string | { placeholder: string; optional?: boolean };

/** What a command is for: help groups the commands by it, the most used group first. */
export type HelpTopic = 'text' | 'translation' | 'images' | 'vms' | 'jobs';

interface TopicView {
  title: string;
  /** Its button's title on the short card: short, so that every topic's button fits on one row. */
  button: string;
  /** One sentence at the top of `help <topic>`. */
  about: string;
  /** Other words `help <word>` takes for it (command names find their topic anyway). */
  aliases: readonly string[];
  /** What the short card says before the topic's most used commands, when a command alone would not say it. */
  lead?: string;
  /** Commands offered as buttons on its page: [button title, command]. */
  examples: ReadonlyArray<[string, string]>;
}

const TRY_ANALYSIS: [string, string] = ['Try an analysis', 'analyze I loved the new GPU, but the driver install was painful'];
const TRY_PII: [string, string] = ['Find personal data', 'pii Mail jane@contoso.com or call +1 425 555 0100'];
const TRY_TRANSLATE: [string, string] = ['Translate', 'translate to spanish: the training run finished'];

/** The topics, in the order help shows them: the most used first. */
export const HELP_TOPICS: Readonly<Record<HelpTopic, TopicView>> = {
  text: {
    title: 'Text analysis',
    button: 'Text',
    about: 'Paste any text and I analyse it; these commands ask for one analysis.',
    aliases: ['analysis', 'analyse', 'analyze'],
    examples: [TRY_ANALYSIS, TRY_PII],
  },
  translation: { title: 'Translation', button: 'Translation', about: 'Translate a text, or a whole conversation both ways.', aliases: ['translate', 'translations'], examples: [TRY_TRANSLATE] },
  images: {
    title: 'Images and labelling',
    button: 'Images',
    about: "Post an image and I classify it with the team's model; label posted images for its next iteration.",
    lead: 'Post an image: I classify it.',
    aliases: ['image', 'labelling', 'labeling', 'labels', 'classify', 'training'],
    examples: [],
  },
  vms: { title: 'Training VMs', button: 'VMs', about: 'The training VMs and Azure ML compute instances: state and cost; starting and stopping them (operators).', aliases: ['vm', 'machines', 'compute'], examples: [['List the VMs', 'vm list']] },
  jobs: { title: 'Azure ML jobs', button: 'Jobs', about: "The Azure ML workspace's jobs, and notices here when they end.", aliases: ['job', 'azureml', 'ml'], examples: [] },
};

const TOPIC_ORDER = Object.keys(HELP_TOPICS) as HelpTopic[];

/** One form a person can type: its words (`vm start`), what follows them, and what it does. */
export interface HelpEntry {
  words: readonly string[];
  usage: readonly UsagePart[];
  description: string;
  topic: HelpTopic;
  /** Among the most used: shown on the short help card, not only on its topic's page. */
  featured: boolean;
}

export interface HelpOptions {
  title: string;
  intro: string;
  /** Where answers come from ("Text analysis: offline analyzer"): each topic's page names its own. */
  backends: Partial<Record<HelpTopic, string[]>>;
}

/**
 * Help: short, one screen. The most used forms of each topic, grouped by what they are for, and a button per topic
 * for the rest (`help <topic>`, which works typed too). Where answers come from is on each topic's page.
 */
export function helpDocument(entries: readonly HelpEntry[], options: Omit<HelpOptions, 'backends'>): Card {
  const topics = topicsOf(entries);
  const sections: Section[] = [{ lines: [line(options.intro)] }];
  for (const topic of topics) {
    const featured = entries.filter((entry) => entry.topic === topic && entry.featured);
    const { title, lead } = HELP_TOPICS[topic];
    const shown = (featured.length > 0 ? featured : entries.filter((entry) => entry.topic === topic).slice(0, 1)).map(usageLine);
    sections.push({ heading: line(title), lines: lead ? [line(lead), ...shown] : shown });
  }
  sections.push({ lines: [subtle('The rest: ', code('help'), ' ', placeholder('topic'), ', where the topic is ', ...listed(topics.map((topic) => code(topic))), '.')] });
  return {
    title: line(options.title),
    sections,
    actions: [TRY_ANALYSIS, ...topics.map((topic): [string, string] => [HELP_TOPICS[topic].button, `help ${topic}`])].map(button),
  };
}

/** `help <topic>`: every form of the topic's commands, the command on one line and what it does on the next. */
export function helpTopicDocument(topic: HelpTopic, entries: readonly HelpEntry[], options: Pick<HelpOptions, 'backends'>): Card {
  const view = HELP_TOPICS[topic];
  return {
    title: line(view.title),
    sections: [
      { lines: [line(view.about)] },
      { lines: entries.filter((entry) => entry.topic === topic).flatMap((entry) => [usageLine(entry), { ...prose(entry.description), subtle: true }]) },
    ],
    notes: backendNotes(options.backends[topic] ?? []),
    actions: [...view.examples, ['All topics', 'help'] as [string, string]].map(button),
  };
}

/** What to try first, when the bot joins a conversation: a few things that work at once, and where the rest is. */
export function welcomeDocument(options: HelpOptions & { classifies: boolean; listsVms: boolean }): Card {
  const tries: Line[] = [
    line('Paste any text: I tell its language, sentiment, key phrases and entities.'),
    line(code('translate to spanish: the training run finished'), ' translates; ', code('translate auto'), ' ', placeholder('language'), ' does the whole conversation.'),
  ];
  if (options.classifies) tries.push(line("Post an image: I classify it with the team's model."));
  if (options.listsVms) tries.push(line(code('vm list'), ': the training VMs, their state and cost.'));
  return {
    title: line(options.title),
    sections: [{ lines: [line(options.intro)] }, { bullets: tries }, { lines: [subtle(code('help'), ' shows the rest, by topic.')] }],
    notes: backendNotes(TOPIC_ORDER.flatMap((topic) => options.backends[topic] ?? [])),
    actions: [TRY_ANALYSIS, TRY_TRANSLATE, ['All commands', 'help'] as [string, string]].map(button),
  };
}

/** The answer to `help <word>` when no topic or command is called that. */
export function unknownTopicDocument(word: string, topics: readonly HelpTopic[]): Card {
  return {
    sections: [{ lines: [line('I have no help on ', data(word), '. Topics: ', ...listed(topics.map((topic) => code(topic))), '.')] }],
    actions: topics.map((topic) => button([HELP_TOPICS[topic].button, `help ${topic}`])),
  };
}

/** The answer to `/something` no command answers to. */
export function unknownCommandDocument(word: string): Card {
  return { sections: [{ lines: [line("I don't know the command ", data(word), '. ', code('help'), ' lists what I can do.')] }] };
}

/** The topics the entries have, in help's order. */
export function topicsOf(entries: readonly HelpEntry[]): HelpTopic[] {
  return TOPIC_ORDER.filter((topic) => entries.some((entry) => entry.topic === topic));
}

function backendNotes(backends: readonly string[]): Line[] {
  return backends.length > 0 ? [subtle(backends.join(' · '))] : [];
}

function button([title, command]: readonly [string, string]): Action {
  return { title, command };
}

/** `a`, `a and b`, `a, b and c`. */
function listed(spans: Span[]): Array<Span | string> {
  return spans.flatMap((span, index) => (index === 0 ? [span] : [index === spans.length - 1 ? ' and ' : ', ', span]));
}

function usageLine({ words, usage }: HelpEntry): Line {
  const spans: Span[] = [code(words.join(' '))];
  for (const part of usage) {
    spans.push(data(' '));
    if (typeof part === 'string') spans.push(code(part));
    else if (part.optional) spans.push(data('['), placeholder(part.placeholder), data(']'));
    else spans.push(placeholder(part.placeholder));
  }
  return { spans };
}
