import type { TurnContext } from 'botbuilder';
import { line, message, prose, type Card } from '../cards/Card.js';
import { isServiceError } from '../services/errors.js';
import type { Logger } from '../logging/logger.js';

const GENERIC_APOLOGY = message(
  line("Sorry, something went wrong on my side and I could not finish that. Please try again; if it keeps happening, tell the bot's administrator."),
);

/**
 * The adapters' last line: an expected service failure is told as written (what failed, what to do), with what
 * an administrator should check in the log; anything else is logged with its trace and the person gets an
 * apology, never the error text.
 */
export function createTurnErrorHandler(logger: Logger, reply: (context: TurnContext, document: Card) => Promise<void>) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const fields = {
      activityId: context.activity.id,
      conversationId: context.activity.conversation?.id,
      channelId: context.activity.channelId,
    };
    if (isServiceError(error)) {
      logger.warn('service failed', { ...fields, code: error.code, ...(error.adminHint ? { adminHint: error.adminHint } : {}), error });
    } else {
      logger.error('turn failed', { ...fields, error });
    }
    try {
      await reply(context, isServiceError(error) ? message(prose(error.userMessage)) : GENERIC_APOLOGY);
    } catch (sendError) {
      logger.error('could not tell the user about a failed turn', { ...fields, error: sendError });
    }
  };
}
