import { afterFirstWord, firstWord } from '../Command.js';
import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { code, data, line, message, subtle, type Card } from '../../cards/Card.js';
import { alreadyLabelledLine, labelCardDocument, labelledDocument, labelSettingDocument, labelStatsDocument, otherTagPromptDocument } from '../../cards/labelling.js';
import { applyLabel } from './applyLabel.js';
import { conversationKeyOf, OTHER_TAG_FLOW } from './Labelling.js';

interface LabelRequest {
  /** on, off, stats; or what a button runs: image, as, other, skip. */
  subcommand: string;
  /** The image's reference, for the button forms. */
  ref: string;
  /** The tag, for `label as`. */
  tag: string;
}

export function parseLabelRequest(argument: string): LabelRequest {
  const rest = afterFirstWord(argument);
  return { subcommand: firstWord(argument).toLowerCase(), ref: firstWord(rest).toLowerCase(), tag: afterFirstWord(rest) };
}

/** `label on | off | stats`, and the labelling buttons: `label image|as|other|skip ‹image› [‹tag›]`. */
export async function labelHandler(turn: Turn, request: LabelRequest, capabilities: Capabilities): Promise<void> {
  const { project } = capabilities.labelling;
  switch (request.subcommand) {
    case 'on':
    case 'off': {
      const on = request.subcommand === 'on';
      await turn.updateSettings({ labelling: on });
      await turn.reply(labelSettingDocument(on, project.backendName, capabilities.imageClassifier.configured));
      return;
    }
    case 'stats':
      await turn.reply(labelStatsDocument(await project.tags(), { destination: project.backendName, trains: project.trains }));
      return;
    case 'image':
      return showCard(turn, request.ref, capabilities);
    case 'as':
      if (request.tag === '') return void (await turn.reply(message(line('Which tag? ', code(`label as ${request.ref}`), ' needs a tag name after the image.'))));
      return applyLabel(turn, request.ref, request.tag, capabilities, 'replace');
    case 'other':
      return askForTag(turn, request.ref, capabilities);
    case 'skip':
      return skip(turn, request.ref, capabilities);
    default:
      await turn.reply(message(line('Try ', code('label on'), ', ', code('label off'), ' or ', code('label stats'), '; or press the Label button under a classified image.')));
  }
}

async function showCard(turn: Turn, ref: string, { labelling }: Capabilities): Promise<void> {
  const found = await labelling.images.find(ref, conversationKeyOf(turn));
  if (!found) return void (await turn.reply(noSuchImage()));
  if (found.image.labelled) {
    await turn.reply(labelledDocument(found.image.name, alreadyLabelledLine(found.image.labelled)));
    return;
  }
  // The thumbnail made when the image was classified: its file is not decoded again.
  const thumbnailUrl = turn.showsPictures ? found.image.thumbnailUrl : undefined;
  await turn.reply(labelCardDocument({ ref, name: found.image.name, suggestions: found.image.suggestions, thumbnailUrl, destination: labelling.project.backendName }));
}

/** Other…: the card becomes the question, and the person's next message is the answer (OtherTagDialog). */
async function askForTag(turn: Turn, ref: string, capabilities: Capabilities): Promise<void> {
  const { images, project, flows } = capabilities.labelling;
  const found = await images.find(ref, conversationKeyOf(turn));
  if (!found) return void (await turn.reply(noSuchImage()));
  if (found.image.labelled) {
    await turn.replaceAnswered(labelledDocument(found.image.name, alreadyLabelledLine(found.image.labelled)));
    return;
  }
  const canCreate = capabilities.operators.isOperator(turn.caller);
  await turn.replaceAnswered(otherTagPromptDocument(found.image.name, await project.tags(), canCreate));
  await flows.begin(turn, OTHER_TAG_FLOW, { ref, name: found.image.name });
}

async function skip(turn: Turn, ref: string, { labelling }: Capabilities): Promise<void> {
  const found = await labelling.images.find(ref, conversationKeyOf(turn));
  if (!found) return void (await turn.reply(noSuchImage()));
  await turn.replaceAnswered(labelledDocument(found.image.name, subtle('Skipped by ', data(turn.caller.name), ': not labelled.')));
}

function noSuchImage(): Card {
  return message(line('I have no image with that reference in this conversation. Images can be labelled for a day after I show them; post it again to label it.'));
}
