import { afterFirstWord, firstWord } from '../Command.js';
import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { code, line, message, placeholder } from '../../cards/Card.js';

/** Advanced training's budget, in whole hours. */
const MAX_ADVANCED_HOURS = 168;

type TrainRequest = { ok: true; advancedHours?: number } | { ok: false };

/** `train` (quick), `train quick`, `train advanced ‹hours›`. */
export function parseTrainRequest(argument: string): TrainRequest {
  const word = firstWord(argument).toLowerCase();
  if (word === '' || word === 'quick') return { ok: true };
  if (word !== 'advanced') return { ok: false };
  const hours = firstWord(afterFirstWord(argument));
  const value = Number(hours);
  return /^\d+$/.test(hours) && value >= 1 && value <= MAX_ADVANCED_HOURS ? { ok: true, advancedHours: value } : { ok: false };
}

/** Starts training the next iteration (operators); the runner answers at once and posts the results later. */
export async function trainHandler(turn: Turn, request: TrainRequest, capabilities: Capabilities): Promise<void> {
  if (!request.ok) {
    await turn.reply(
      message(
        line(code('train'), ' starts quick training; ', code('train advanced'), ' ', placeholder('hours'), ` trains longer, for up to that many hours (1 to ${MAX_ADVANCED_HOURS}).`),
      ),
    );
    return;
  }
  await capabilities.labelling.training.start(turn, request.advancedHours === undefined ? {} : { advancedHours: request.advancedHours });
}
