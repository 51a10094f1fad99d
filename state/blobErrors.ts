import { httpStatusOf } from '../services/azureRestErrors.js';
import { ServiceError } from '../services/errors.js';

interface RestErrorLike extends Error {
  code?: string;
}

/** The Azure SDK's RestError (by name: the storage and core packages may each bring their own copy of the class). */
function isRestError(error: unknown): error is RestErrorLike {
  return error instanceof Error && error.name === 'RestError';
}

/** 409 or 412: the condition of a write did not hold (the blob exists, or changed, or is leased by someone else). */
export function isConflict(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 409 || status === 412;
}

/**
 * What a person is told when the state storage fails: what happened and what to do; what an administrator should
 * check goes to the log. Throttling (429, or 503 ServerBusy) and outages (5xx, no answer) are worth a retry later;
 * refused access needs the administrator. Anything else (a bug, a request the service calls malformed) is left as it
 * is: the turn apologises and logs it.
 */
export function storageError(error: unknown): ServiceError | unknown {
  if (error instanceof ServiceError) return error;
  const status = httpStatusOf(error);
  const code = isRestError(error) ? error.code : undefined;
  if (status === 401 || status === 403) {
    return new ServiceError('auth', "I was not allowed into the storage where I keep conversations and operations, so I could not finish that. Please tell the bot's administrator.", {
      cause: error,
      adminHint:
        "Give the bot's identity the Storage Blob Data Contributor role on the storage account of STATE_STORAGE_ACCOUNT_URL (or check the key in STATE_STORAGE_CONNECTION_STRING).",
    });
  }
  if (status === 404 && code === 'ContainerNotFound') {
    return new ServiceError('unavailable', "The storage where I keep conversations and operations is not ready, so I could not finish that. Please tell the bot's administrator.", {
      cause: error,
      adminHint: 'The container in STATE_STORAGE_CONTAINER was deleted while the bot ran; restart the bot to create it, or create it.',
    });
  }
  if (status === 429 || code === 'ServerBusy') {
    return new ServiceError('rate-limited', 'The storage where I keep conversations and operations is busy right now, so I could not finish that. Please try again in a minute.', {
      cause: error,
    });
  }
  const unanswered = (isRestError(error) && status === undefined) || (error instanceof Error && error.name === 'AbortError');
  if (unanswered || (status !== undefined && status >= 500)) {
    return new ServiceError('unavailable', 'I could not reach the storage where I keep conversations and operations, so I could not finish that. Please try again in a minute.', {
      cause: error,
      adminHint: 'Check that the state storage account (STATE_STORAGE_ACCOUNT_URL or STATE_STORAGE_CONNECTION_STRING) is reachable from the bot.',
    });
  }
  return error;
}
