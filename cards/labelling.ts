import type { TagPrediction } from '../services/imageClassifier/ImageClassifier.js';
import { MIN_IMAGES_PER_TAG, MIN_TAGS, type ProjectTag } from '../services/labelling/TrainingProject.js';
import { code, data, fact, line, message, strongData, subtle, toned, type Action, type Line, type Card } from './Card.js';
import { probabilityBar } from './images.js';
import { count, percent } from './wording.js';

/** Suggested tags offered as buttons, besides Other… and Skip. */
const SUGGESTIONS_SHOWN = 3;

interface LabelCardView {
  /** The image's reference (its content hash), which the buttons carry. */
  ref: string;
  name: string;
  suggestions: TagPrediction[];
  thumbnailUrl?: string;
  /** Where a label goes ("Custom Vision training project"). */
  destination: string;
}

/** The labelling question for one image: the model's top suggestions, Other… and Skip; one click answers it. */
export function labelCardDocument(view: LabelCardView): Card {
  const shown = view.suggestions.slice(0, SUGGESTIONS_SHOWN);
  const lines: Line[] = shown.map((suggestion) => line(code(`${probabilityBar(suggestion.probability)} ${percent(suggestion.probability)}`), data(' '), data(suggestion.tag)));
  if (shown.length === 0) lines.push(subtle('The model has no suggestion for this image.'));
  const actions: Action[] = [
    ...shown.map((suggestion, index): Action => ({ title: suggestion.tag, titleData: suggestion.tag, command: `label as ${view.ref} ${suggestion.tag}`, answers: true, ...(index === 0 ? { style: 'positive' as const } : {}) })),
    { title: 'Other…', command: `label other ${view.ref}`, answers: true },
    { title: 'Skip', command: `label skip ${view.ref}`, answers: true },
  ];
  return {
    title: line('Label ', strongData(view.name)),
    sections: [{ lines: [line('Which tag is right? The model suggests:'), ...lines], ...(view.thumbnailUrl ? { picture: { url: view.thumbnailUrl, alt: view.name } } : {}) }],
    notes: [subtle('Your choice adds the image to the ', data(view.destination), '.')],
    actions,
  };
}

/** What replaces an answered labelling card. */
export function labelledDocument(name: string, outcome: Line): Card {
  return { title: line('Label ', strongData(name)), sections: [{ lines: [outcome] }] };
}

export function labelledLine(tag: string, byName: string): Line {
  return toned('good', 'Labelled ', strongData(tag), ' by ', data(byName), '.');
}

export function duplicateLine(tags: readonly string[], destination: string): Line {
  const as = tags.length > 0 ? [' as ', strongData(tags.join(', '))] : [];
  return toned('accent', 'This image is already in the ', data(destination), ...as, ': nothing was added.');
}

/** An image someone labelled before: by whom, and whether its bytes were already in the training data then. */
export function alreadyLabelledLine(labelled: { tag: string; byName: string; duplicate: boolean }): Line {
  return labelled.duplicate
    ? line('This image was already in the training data (as ', data(labelled.tag), ') when ', data(labelled.byName), ' labelled it.')
    : line('Already labelled ', data(labelled.tag), ' by ', data(labelled.byName), '.');
}

/** Other…: the question of the next turn, with a few of the existing tags. */
export function otherTagPromptDocument(name: string, tags: readonly ProjectTag[], canCreate: boolean): Card {
  const examples = tags.slice(0, 12).map((tag) => tag.name);
  const lines: Line[] = [line('Which tag is ', strongData(name), '? Type its name in your next message to me, or ', code('cancel'), '.')];
  if (examples.length > 0) lines.push(subtle('Existing tags: ', data(examples.join(', ')), tags.length > examples.length ? ', …' : '', '.'));
  lines.push(subtle(canCreate ? 'A name that is not a tag yet becomes a new tag.' : 'Only operators can create new tags; pick an existing one.'));
  return { title: line('Label ', strongData(name)), sections: [{ lines }] };
}

/** What was typed is not a tag: the tags that match it as buttons, and (for an operator) creating it. */
export function tagChoicesDocument(view: { ref: string; name: string; typed: string; matches: readonly ProjectTag[]; canCreate: boolean }): Card {
  const lines: Line[] = [line('There is no tag called ', strongData(view.typed), '.')];
  if (view.matches.length > 0) lines.push(line('Did you mean one of these?'));
  else if (!view.canCreate) lines.push(line('No tag matches it, and only operators can create new tags. Ask one, or pick an existing tag with ', code(`label image ${view.ref}`), '.'));
  // Tag names are the project's words: never translated (a translated name would label with a tag that does not exist).
  const actions: Action[] = view.matches.map((tag) => ({ title: tag.name, titleData: tag.name, command: `label as ${view.ref} ${tag.name}`, answers: true }));
  if (view.canCreate) actions.push({ title: `New tag: ${view.typed}`, titleData: view.typed, command: `label as ${view.ref} ${view.typed}`, answers: true });
  return { title: line('Label ', strongData(view.name)), sections: [{ lines }], ...(actions.length > 0 ? { actions } : {}) };
}

/** `label stats`: images per tag, and what keeps the project from training. */
export function labelStatsDocument(tags: readonly ProjectTag[], view: { destination: string; trains: boolean }): Card {
  const sorted = [...tags].sort((a, b) => b.imageCount - a.imageCount || a.name.localeCompare(b.name));
  const short = sorted.filter((tag) => tag.imageCount < MIN_IMAGES_PER_TAG);
  const notes: Line[] = [subtle('From the ', data(view.destination), '.')];
  if (view.trains && short.length > 0) {
    notes.unshift(toned('warning', `Custom Vision trains with at least ${MIN_IMAGES_PER_TAG} images per tag (50 or more work better); below that: `, data(short.map((tag) => tag.name).join(', ')), '.'));
  }
  if (view.trains && sorted.length - short.length < MIN_TAGS) notes.unshift(toned('warning', `Training also needs at least ${MIN_TAGS} tags with enough images.`));
  if (sorted.length === 0) return { title: line('Labelled images'), sections: [{ lines: [line('No tags yet: label a posted image to start.')] }], notes };
  const total = sorted.reduce((sum, tag) => sum + tag.imageCount, 0);
  return {
    title: line('Labelled images'),
    sections: [
      {
        facts: sorted.map((tag) => fact(data(tag.name), `${count(tag.imageCount, 'image')}${tag.imageCount < MIN_IMAGES_PER_TAG ? ' (below the minimum)' : ''}`)),
      },
      { lines: [subtle(`${count(total, 'image')} in ${count(sorted.length, 'tag')}.`)] },
    ],
    notes,
  };
}

/** `label on` / `label off`; `classifies`: whether posted images get an answer at all (else labelling on has nothing to show). */
export function labelSettingDocument(on: boolean, destination: string, classifies: boolean): Card {
  if (!on) return message(line('Labelling is off here. Images still get their tags, with a Label button.'));
  const document = message(
    line('Labelling is on here: every image posted in this conversation comes back with buttons to label it for the ', data(destination), '.'),
    subtle('Turn it off with ', code('label off'), '.'),
  );
  if (classifies) return document;
  return { ...document, notes: [toned('warning', "Image classification is not set up on this bot, so posted images get no answer to label. Ask the bot's administrator.")] };
}
