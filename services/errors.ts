/**
 * An expected failure of a backend, with a code for logs and tests and a sentence a person can act on.
 * Anything that is not a ServiceError is unexpected: its text never reaches a chat.
 */
type ServiceErrorCode =
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
  /** A long-running operation did not end within its deadline: it may still succeed. */
  | 'outcome-unknown'
  | 'not-found'
  /** A limit of the subscription or resource (images, tags or iterations per project, a monthly quota). */
  | 'quota';

export class ServiceError extends Error {
  /** What an administrator should check (settings, roles, packages): written to the log, never to the chat. */
  readonly adminHint?: string;

  constructor(
    readonly code: ServiceErrorCode,
    /** What failed and what to do, in words fit for the chat: never a setting, a key or a command to install. */
    readonly userMessage: string,
    options?: { cause?: unknown; adminHint?: string },
  ) {
    super(`${code}: ${userMessage}`, options);
    this.name = 'ServiceError';
    this.adminHint = options?.adminHint;
  }
}

/** The person's side of a capability that is not set up: what happened and whom to ask. */
export function notSetUp(what: string, adminHint: string): ServiceError {
  return new ServiceError('not-configured', `${what} is not set up on this bot yet. Ask the bot's administrator to set it up.`, { adminHint });
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}
