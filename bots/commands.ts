/**
 * The commands people can type, in the order help lists them. The router, the help card and the Teams
 * manifest's command list all come from this one table.
 */
export interface CommandInfo {
  /** The first word a person types. */
  name: string;
  /** What follows the name, for help ("<text>"). Empty when the command takes nothing. */
  usage: string;
  /** One sentence, at most 128 characters (the Teams manifest's limit). */
  description: string;
}

export const COMMANDS: readonly CommandInfo[] = [
  { name: 'help', usage: '', description: 'What labmate can do.' },
  { name: 'analyze', usage: '<text>', description: 'Language, sentiment, key phrases and entities of a text (plain text does this too).' },
  { name: 'sentiment', usage: '<text>', description: 'Sentiment of a text, sentence by sentence.' },
  { name: 'entities', usage: '<text>', description: 'Named entities in a text: people, places, organizations, dates, amounts.' },
  { name: 'keyphrases', usage: '<text>', description: 'The key phrases of a text.' },
  { name: 'language', usage: '<text>', description: 'The language a text is written in.' },
  { name: 'pii', usage: '<text>', description: 'Personal data in a text (emails, phone and card numbers...), with a redacted copy.' },
  {
    name: 'translate',
    usage: '[to] <language> <text> | auto <language> | off',
    description: 'Translate a text (language as es or Spanish), or this whole conversation both ways until `translate off`.',
  },
  {
    name: 'vm',
    usage: 'list | status [name] | start <name> | stop <name>',
    description: 'Training VMs: power state and billing; start, or stop (deallocate, after confirmation). Start and stop: operators only.',
  },
  { name: 'classify', usage: '+ an attached image', description: "Top tags of attached images from the team's Custom Vision model (posting an image does this too)." },
];
