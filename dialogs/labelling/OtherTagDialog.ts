import { Dialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { code, data, line, message } from '../../cards/Card.js';
import { tagChoicesDocument } from '../../cards/labelling.js';
import { checkTagName, findTag, matchingTags } from '../../services/labelling/tagNames.js';
import { flowTurnOf } from '../flows.js';
import { applyLabel } from './applyLabel.js';
import { OTHER_TAG_FLOW } from './Labelling.js';

interface OtherTagState {
  ref: string;
  /** The image's name, for the answers. */
  name: string;
  expiresAt: number;
  tries: number;
}

/** Typed answers that are not a tag name are asked again this many times, then the flow ends. */
const MAX_TRIES = 3;

/**
 * Other…: after the button, the person's next message is the tag. An existing tag (whatever its case) labels the
 * image; a name that resembles existing tags offers them as buttons (with "New tag" for an operator); any other
 * name becomes a new tag if an operator typed it, and is refused otherwise. `cancel` ends it; it lapses after
 * `ttlMs`, and a message after that is read as usual.
 */
export class OtherTagDialog extends Dialog<{ ref: string; name: string }> {
  constructor(
    private readonly capabilities: () => Capabilities,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {
    super(OTHER_TAG_FLOW);
  }

  override async beginDialog(dc: DialogContext, options?: { ref: string; name: string }): Promise<DialogTurnResult> {
    const state: OtherTagState = { ref: options?.ref ?? '', name: options?.name ?? 'the image', expiresAt: this.now() + this.ttlMs, tries: 0 };
    Object.assign(dc.activeDialog?.state ?? {}, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog?.state as OtherTagState;
    if (this.now() >= state.expiresAt) {
      await dc.cancelAllDialogs();
      return { status: DialogTurnStatus.cancelled };
    }
    const { turn, text } = flowTurnOf(dc.context);
    if (/^cancel$/i.test(text.trim())) {
      await turn.reply(message(line('OK, ', data(state.name), ' stays unlabelled.')));
      return dc.endDialog();
    }
    if (await this.answer(turn, state, text)) return dc.endDialog();
    state.tries += 1;
    if (state.tries >= MAX_TRIES) return dc.endDialog();
    return Dialog.EndOfTurn;
  }

  /** True when the flow is done (labelled, or choices offered); false to ask again. */
  private async answer(turn: Turn, state: OtherTagState, text: string): Promise<boolean> {
    const capabilities = this.capabilities();
    const tags = await capabilities.labelling.project.tags();
    const existing = findTag(tags, text);
    if (existing) {
      await applyLabel(turn, state.ref, existing.name, capabilities, 'reply');
      return true;
    }
    const checked = checkTagName(text);
    if (!checked.ok) {
      await turn.reply(message(line(checked.reason, ' Type another name, or ', code('cancel'), '.')));
      return false;
    }
    const matches = matchingTags(tags, checked.name);
    if (matches.length > 0) {
      const canCreate = capabilities.operators.isOperator(turn.caller);
      await turn.reply(tagChoicesDocument({ ref: state.ref, name: state.name, typed: checked.name, matches, canCreate }));
      return true;
    }
    // A new name: applyLabel creates it for an operator (or as one of the model's suggestions) and refuses it otherwise.
    await applyLabel(turn, state.ref, checked.name, capabilities, 'reply');
    return true;
  }
}
