import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { code, data, line, message, type Card } from '../../cards/Card.js';
import { byteSize } from '../../cards/wording.js';
import { alreadyLabelledLine, duplicateLine, labelledDocument, labelledLine, tagChoicesDocument } from '../../cards/labelling.js';
import { askedBy, audit } from '../../logging/audit.js';
import { checkTagName, findTag, matchingTags } from '../../services/labelling/tagNames.js';
import type { ProjectTag } from '../../services/labelling/TrainingProject.js';
import { conversationKeyOf } from './Labelling.js';

/** A claim older than this is taken to be from an upload that never finished (its instance stopped). */
const STALE_CLAIM_MS = 2 * 60_000;

/** How the answer is given: in place of the card whose button was pressed, or as a new message (a typed answer). */
type AnswerMode = 'replace' | 'reply';

/**
 * Labels a shown image with a tag, once: only an image shown in this conversation (anything else is forged or
 * expired, and nothing is uploaded), only an existing tag unless an operator asks (or, in the local folder, the
 * model suggested it), and one upload however many clicks arrive (a claim on the image's record).
 */
export async function applyLabel(turn: Turn, ref: string, typedTag: string, capabilities: Capabilities, mode: AnswerMode): Promise<void> {
  const { images, project } = capabilities.labelling;
  const answer = (document: Card) => (mode === 'replace' ? turn.replaceAnswered(document) : turn.reply(document).then(() => undefined));
  const found = await images.find(ref, conversationKeyOf(turn));
  if (!found) {
    labelAudit(turn, capabilities, 'refusal', ref, typedTag, 'unknown-image');
    await turn.reply(unknownImage());
    return;
  }
  const { image } = found;
  if (image.labelled) {
    await answer(labelledDocument(image.name, alreadyLabelledLine(image.labelled)));
    return;
  }
  if (image.labelling && Date.now() - image.labelling.at < STALE_CLAIM_MS) {
    await turn.reply(message(line('Someone is labelling ', data(image.name), ' right now.')));
    return;
  }
  const tags = await project.tags();
  let tag = findTag(tags, typedTag);
  if (!tag) {
    // A new name is checked before anything is created (an existing tag is whatever the project accepted).
    const checked = checkTagName(typedTag);
    if (!checked.ok) {
      await turn.reply(message(line(checked.reason)));
      return;
    }
    // Where the project allows it (the local folder starts empty), a tag the model suggested for this image (read from
    // what was kept, not from the button) may be created by anyone. Any other new tag needs an operator.
    const suggested =
      project.createsSuggestedTags && findTag(image.suggestions.map((suggestion) => ({ id: suggestion.tag, name: suggestion.tag, imageCount: 0 })), checked.name) !== undefined;
    if (!suggested && !capabilities.operators.isOperator(turn.caller)) {
      labelAudit(turn, capabilities, 'refusal', ref, checked.name, 'not an operator (new tag)');
      await turn.reply(tagChoicesDocument({ ref, name: image.name, typed: checked.name, matches: matchingTags(tags, checked.name), canCreate: false }));
      return;
    }
    tag = await project.createTag(checked.name);
    labelAudit(turn, capabilities, 'request', ref, tag.name, 'tag-created');
  }
  await upload(turn, ref, tag, capabilities, answer);
}

async function upload(turn: Turn, ref: string, tag: ProjectTag, capabilities: Capabilities, answer: (document: Card) => Promise<void>): Promise<void> {
  const { images, project } = capabilities.labelling;
  const bytes = await images.bytes(ref);
  const found = await images.find(ref, conversationKeyOf(turn));
  if (!bytes || !found) {
    await turn.reply(unknownImage());
    return;
  }
  if (bytes.length > project.maxImageBytes) {
    await turn.reply(message(line(data(found.image.name), ` is ${byteSize(bytes.length)}; the ${project.backendName} takes images up to ${byteSize(project.maxImageBytes)}, so it cannot be labelled there.`)));
    return;
  }
  if (!(await images.claim(ref, found.image, found.etag, turn.caller.key))) {
    // Another click took it between the read and the claim: say what became of it.
    const now = await images.find(ref, conversationKeyOf(turn));
    await turn.reply(message(now?.image.labelled ? alreadyLabelledLine(now.image.labelled) : line('Someone is labelling ', data(found.image.name), ' right now.')));
    return;
  }
  let outcome;
  try {
    outcome = await project.addImage(bytes, found.image.format, tag, { key: turn.caller.key, name: turn.caller.name });
  } catch (error) {
    await images.release(ref);
    throw error;
  }
  const duplicate = outcome.kind === 'duplicate';
  const tagsThere = outcome.kind === 'duplicate' && outcome.tags.length > 0 ? outcome.tags : [tag.name];
  await images.settle(ref, { tag: tagsThere.join(', '), byName: turn.caller.name, at: Date.now(), duplicate });
  labelAudit(turn, capabilities, 'outcome', ref, tag.name, duplicate ? 'duplicate' : 'labelled');
  await answer(labelledDocument(found.image.name, duplicate ? duplicateLine(tagsThere, project.backendName) : labelledLine(tag.name, turn.caller.name)));
}

function unknownImage(): Card {
  return message(
    line("I have no image with that reference in this conversation, so nothing was labelled. Images can be labelled for a day after I show them; post the image again and use its Label button."),
    line('To label every image posted here: ', code('label on'), '.'),
  );
}

function labelAudit(turn: Turn, { logger }: Capabilities, event: 'request' | 'refusal' | 'outcome', ref: string, tag: string, result: string): void {
  audit(logger, {
    event,
    action: 'label',
    subject: `${ref} ${tag}`.trim(),
    ...askedBy(turn.caller, turn.conversation.conversationId),
    result,
  });
}
