/**
 * An expected failure of a backend, with a code for logs and tests and a sentence a person can act on.
 * Anything that is not a ServiceError is unexpected: its text never reaches a chat.
 */
export type ServiceErrorCode =
  | 'auth'
  | 'rate-limited'
  | 'unavailable'
  | 'bad-request'
  | 'not-configured'
  | 'unsupported'
  /** Another operation holds the resource (HTTP 409). */
  | 'conflict'
  /** A long-running operation ended Failed or Canceled. */
  | 'operation-failed'
  | 'not-found';

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    /** What failed and what to do, in words fit for the chat. */
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage}`, options);
    this.name = 'ServiceError';
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}
