import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { ServiceError } from './errors.js';

/** A call that did not finish within its deadline. */
class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Runs `work` with a signal that aborts at the deadline, and gives up on it then even if it ignores the signal (a
 * response that stalls mid-body): nothing a person waits for can hang forever.
 */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort(new DeadlineExceeded(ms));
      reject(new DeadlineExceeded(ms));
    }, ms);
  });
  const running = work(controller.signal);
  // Once the deadline has passed, a late failure of the abandoned call is of no interest.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** True for a deadline that passed, however the SDK wrapped it (an abort error carrying it as its reason or cause). */
export function isDeadlineExceeded(error: unknown): boolean {
  if (error instanceof DeadlineExceeded) return true;
  const { name, cause } = (error ?? {}) as { name?: string; cause?: unknown };
  return name === 'AbortError' ? true : cause !== undefined && cause !== error && isDeadlineExceeded(cause);
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** What a person is told when `service` let its deadline of `ms` pass. */
export function noAnswerInTime(service: string, ms: number, cause: unknown): ServiceError {
  return new ServiceError('unavailable', `${service} did not answer within ${seconds(ms)}. Please try again in a minute.`, { cause });
}

/** Gives every request a timeout of its own (core-rest-pipeline aborts it then; the retry policy tries again). */
export function requestTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: 'labmateRequestTimeout',
    sendRequest: (request, next) => {
      if (!request.timeout || request.timeout > timeoutMs) request.timeout = timeoutMs;
      return next(request);
    },
  };
}
