import type { TurnContext } from 'botbuilder';
import { isServiceError, type ServiceError } from '../services/errors.js';
import type { Logger } from '../logging/logger.js';

const GENERIC_APOLOGY = 'Sorry, something went wrong on my side and I could not finish that. Please try again; if it keeps happening, tell the bot\'s administrator.';

/**
 * The adapter's last line: an expected service failure is told as written; anything else is logged with
 * its trace and the person gets an apology, never the error text.
 */
export function createTurnErrorHandler(logger: Logger, onError?: (context: TurnContext) => Promise<void>) {
  return async (context: TurnContext, thrown: Error): Promise<void> => {
    const error = serviceErrorIn(thrown) ?? thrown;
    const fields = {
      activityId: context.activity.id,
      conversationId: context.activity.conversation?.id,
      channelId: context.activity.channelId,
    };
    if (isServiceError(error)) {
      logger.warn('service failed', { ...fields, code: error.code, error });
    } else {
      logger.error('turn failed', { ...fields, error });
    }
    try {
      await context.sendActivity(isServiceError(error) ? error.userMessage : GENERIC_APOLOGY);
      await onError?.(context);
    } catch (sendError) {
      logger.error('could not tell the user about a failed turn', { ...fields, error: sendError });
    }
  };
}

/** botbuilder-dialogs wraps what a dialog throws in a DialogContextError (`.error`); look inside for ours. */
function serviceErrorIn(error: unknown): ServiceError | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (isServiceError(current)) return current;
    current = (current as { error?: unknown }).error;
  }
  return undefined;
}
