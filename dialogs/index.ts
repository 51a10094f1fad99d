/*
 * The command table. A "dialog" here is what answers one command: its row below, a parser and a handler that reply
 * with a card in one turn; only labelling's "other tag" question (labelling/OtherTagDialog.ts) spans turns, and it
 * is a botbuilder Dialog on the conversation's dialog stack.
 */
import { analysisHandler, type AnalysisKind } from './analyze.js';
import { classifyHandler } from './classify.js';
import { helpHandler } from './help.js';
import { translateHandler } from './translate/translate.js';
import { parseTranslateRequest } from './translate/translateRequest.js';
import { labelHandler, parseLabelRequest } from './labelling/labelHandler.js';
import { parsePublishRequest, publishHandler } from './labelling/publishHandler.js';
import { parseTrainRequest, trainHandler } from './labelling/trainHandler.js';
import { parseVmRequest, vmHandler } from './vm/vmHandler.js';
import { jobHandler, parseJobRequest } from './jobs/jobHandler.js';
import { jobsHandler, parseJobsRequest } from './jobs/jobsHandler.js';
import { jobsNotSetUp } from '../services/machineLearning/NotConfiguredJobs.js';
import { notConfigured as vmsNotConfigured } from '../services/compute/NotConfiguredCompute.js';
import { imageClassificationNotSetUp } from '../services/imageClassifier/NotConfiguredClassifier.js';
import { labellingNotSetUp, publishingNotSetUp, trainingNotSetUp } from '../services/labelling/NotConfiguredTrainingProject.js';
import { asText, defineCommand, type AnyCommand } from './Command.js';
import { CommandTable } from './CommandTable.js';

const TEXT = [{ placeholder: 'text' }] as const;

function analysis(name: AnalysisKind, description: string, { aliases = [], featured = false }: { aliases?: string[]; featured?: boolean } = {}): AnyCommand {
  return defineCommand({ name, aliases, usage: TEXT, description, topic: 'text', featured, menu: true, readsText: true, parse: asText, handle: analysisHandler(name) });
}

/** Every command labmate knows, in the order help lists them within their topics (`featured`: on the short help card). */
export const COMMANDS: readonly AnyCommand[] = [
  defineCommand({
    name: 'help',
    usage: [{ placeholder: 'topic', optional: true }],
    description: 'What labmate can do, by topic: text, translation, images, vms, jobs.',
    topic: 'text',
    menu: true,
    parse: asText,
    handle: helpHandler,
  }),
  analysis('analyze', 'Language, sentiment, key phrases and entities of a text (plain text does this too).', { aliases: ['analyse'], featured: true }),
  analysis('sentiment', 'Sentiment of a text, sentence by sentence.'),
  analysis('entities', 'Named entities in a text: people, places, organizations, dates, amounts.'),
  analysis('keyphrases', 'The key phrases of a text.'),
  analysis('language', 'The language a text is written in.'),
  analysis('pii', 'Personal data in a text (emails, phone and card numbers...), with a redacted copy.', { featured: true }),
  defineCommand({
    name: 'translate',
    usage: [{ placeholder: 'language' }, { placeholder: 'text' }],
    description: 'Translate a text; name the language by code (es) or in English (Spanish).',
    topic: 'translation',
    featured: true,
    menu: true,
    subcommands: [
      { name: 'auto', usage: [{ placeholder: 'language' }], description: 'Translate this whole conversation both ways, until `translate off`.', featured: true },
      { name: 'off', description: 'Stop translating this conversation.' },
    ],
    parse: parseTranslateRequest,
    handle: translateHandler,
  }),
  defineCommand({
    name: 'vm',
    description: 'Training VMs and Azure ML compute instances: state, price, start, stop after confirmation, auto-stop (operators).',
    topic: 'vms',
    menu: true,
    subcommands: [
      { name: 'list', description: 'The training VMs and compute instances: state, size, price, daily stop time or idle shutdown and, when running, cost so far.', featured: true },
      { name: 'status', usage: [{ placeholder: 'name', optional: true }], description: 'One VM or compute instance (or all) in detail.' },
      { name: 'start', usage: [{ placeholder: 'name' }], description: 'Start a VM or compute instance; I post again when it is running (operators).', operatorsOnly: true, featured: true },
      {
        name: 'stop',
        aliases: ['deallocate'],
        usage: [{ placeholder: 'name' }],
        description: 'Deallocate a VM or stop a compute instance after you confirm: compute billing stops, disks stay (operators).',
        operatorsOnly: true,
      },
      { name: 'confirm', description: 'Confirms a pending stop.', operatorsOnly: true, action: 'vm stop', hidden: true },
      { name: 'cancel', description: 'Cancels a pending stop.', hidden: true },
      {
        name: 'autostop',
        usage: [{ placeholder: 'name' }, { placeholder: 'HH:MM' }, { placeholder: 'time zone', optional: true }],
        description:
          "Shut a VM down every day at that time (Azure's own schedule), with a notice here first; for a compute instance, `idle <minutes>` stops it after that long idle; `off` removes either (operators).",
        operatorsOnly: true,
      },
      { name: 'notice', description: 'Delays or skips a shutdown from its notice.', operatorsOnly: true, action: 'vm autostop', hidden: true },
      {
        name: 'keep',
        usage: [{ placeholder: 'name' }, { placeholder: 'hours', optional: true }],
        description: 'No idle reminders about a running VM for that many hours (12 if not said): it is busy in a way Azure cannot see (operators).',
        operatorsOnly: true,
        action: 'vm keep running',
      },
    ],
    unavailable: ({ compute }) => (compute.configured ? undefined : vmsNotConfigured()),
    parse: parseVmRequest,
    handle: vmHandler,
  }),
  defineCommand({
    name: 'jobs',
    usage: [{ placeholder: 'experiment', optional: true }],
    description: "The Azure ML workspace's 10 most recent jobs (of one experiment); follow an experiment to hear when its jobs end.",
    topic: 'jobs',
    featured: true,
    menu: false,
    subcommands: [
      { name: 'follow', usage: [{ placeholder: 'experiment', optional: true }], description: 'Post here once when a job of that experiment ends; alone, lists what this conversation follows.' },
      { name: 'unfollow', usage: [{ placeholder: 'experiment' }], description: 'No more notices here about that experiment.' },
    ],
    unavailable: ({ jobs }) => (jobs.jobs.configured ? undefined : jobsNotSetUp()),
    parse: parseJobsRequest,
    handle: jobsHandler,
  }),
  defineCommand({
    name: 'job',
    usage: [{ placeholder: 'name' }],
    description: 'One Azure ML job: status, experiment, compute, duration, studio link, and the error of a failed one.',
    topic: 'jobs',
    menu: false,
    subcommands: [
      { name: 'cancel', usage: [{ placeholder: 'name' }], description: 'Cancel a job after you confirm (operators).', operatorsOnly: true },
      { name: 'confirm', description: 'Confirms a pending cancellation.', operatorsOnly: true, action: 'job cancel', hidden: true },
      { name: 'keep', description: 'Answers no to a pending cancellation.', hidden: true },
    ],
    unavailable: ({ jobs }) => (jobs.jobs.configured ? undefined : jobsNotSetUp()),
    parse: parseJobRequest,
    handle: jobHandler,
  }),
  defineCommand({
    name: 'classify',
    description: "Top tags of attached images from the team's Custom Vision model (posting an image does this too).",
    topic: 'images',
    menu: true,
    unavailable: ({ imageClassifier }) => (imageClassifier.configured ? undefined : imageClassificationNotSetUp()),
    parse: asText,
    handle: classifyHandler,
  }),
  defineCommand({
    name: 'label',
    description: "Label posted images with the model's suggestions, for the next Custom Vision iteration.",
    topic: 'images',
    menu: false,
    subcommands: [
      { name: 'on', description: 'Every image posted in this conversation comes back with buttons to label it.', featured: true },
      { name: 'off', description: 'Stop offering labelling buttons here (images keep a Label button).' },
      { name: 'stats', description: 'Labelled images per tag, and the tags below the minimum for training.' },
      { name: 'image', usage: [{ placeholder: 'image' }], description: 'The labelling buttons of an image (its Label button).', hidden: true },
      { name: 'as', usage: [{ placeholder: 'image' }, { placeholder: 'tag' }], description: 'Labels an image with a tag.', hidden: true },
      { name: 'other', usage: [{ placeholder: 'image' }], description: 'Asks for a tag that is not among the suggestions.', hidden: true },
      { name: 'skip', usage: [{ placeholder: 'image' }], description: 'Leaves an image unlabelled.', hidden: true },
    ],
    unavailable: ({ labelling }) => (labelling.project.configured ? undefined : labellingNotSetUp()),
    parse: parseLabelRequest,
    handle: labelHandler,
  }),
  defineCommand({
    name: 'train',
    usage: [],
    description: 'Train the next Custom Vision iteration (quick training); I post its precision and recall when it is done (operators).',
    topic: 'images',
    menu: false,
    operatorsOnly: true,
    subcommands: [{ name: 'advanced', usage: [{ placeholder: 'hours' }], description: 'Advanced training, for up to that many hours (operators).' }],
    unavailable: ({ labelling }) => (!labelling.project.configured ? labellingNotSetUp() : labelling.project.trains ? undefined : trainingNotSetUp()),
    parse: parseTrainRequest,
    handle: trainHandler,
  }),
  defineCommand({
    name: 'publish',
    usage: [{ placeholder: 'iteration' }],
    description: 'Publish a trained iteration and classify with it from then on, after you confirm (operators).',
    topic: 'images',
    menu: false,
    operatorsOnly: true,
    subcommands: [
      { name: 'confirm', description: 'Confirms a pending publish.', action: 'publish', hidden: true },
      { name: 'cancel', description: 'Cancels a pending publish.', action: 'publish', hidden: true },
    ],
    unavailable: ({ labelling }) => (!labelling.project.configured ? labellingNotSetUp() : labelling.project.publishes ? undefined : publishingNotSetUp()),
    parse: parsePublishRequest,
    handle: publishHandler,
  }),
];

/** The command a message with images runs, whatever its text says. */
export const IMAGE_COMMAND = 'classify';

export function createCommandTable(rows: readonly AnyCommand[] = COMMANDS): CommandTable {
  return new CommandTable(rows, { plainText: 'analyze', empty: 'help' });
}
