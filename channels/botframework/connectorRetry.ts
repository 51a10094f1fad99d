import type { Logger } from '../../logging/logger.js';
import { ServiceError } from '../../services/errors.js';

/** The statuses Teams asks bots to retry with exponential backoff and jitter (rate limiting for bots). */
const TRANSIENT = new Set([429, 412, 502, 504]);
const BASE_DELAY_MS = 250;

/** The HTTP status and Retry-After (ms) of a Bot Connector client's RestError, when it has them. */
function statusOf(error: unknown): { status?: number; retryAfterMs?: number } {
  if (typeof error !== 'object' || error === null) return {};
  const { statusCode, response } = error as { statusCode?: unknown; response?: { headers?: unknown } };
  const headers = response?.headers as { get?: (name: string) => string | undefined } | Record<string, string> | undefined;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = raw === undefined ? NaN : Number(raw);
  const retryAfterMs = Number.isFinite(seconds) ? seconds * 1000 : raw ? Math.max(0, Date.parse(raw) - Date.now()) || undefined : undefined;
  return { status: typeof statusCode === 'number' ? statusCode : undefined, retryAfterMs };
}

/**
 * One send or update to the Bot Connector, retried on 429, 412, 502 and 504: exponential backoff with full jitter,
 * never sooner than Retry-After, and only while the next attempt still starts inside `deadlineMs`; then the call fails
 * with a ServiceError (the log says which status). Anything else fails at once, as before.
 */
export async function withConnectorRetry<T>(what: string, deadlineMs: number, call: () => Promise<T>, logger: Logger, random = Math.random): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const { status, retryAfterMs } = statusOf(error);
      if (status === undefined || !TRANSIENT.has(status)) throw error;
      const backoffMs = BASE_DELAY_MS * 2 ** attempt * (0.5 + random() / 2);
      const waitMs = Math.max(backoffMs, retryAfterMs ?? 0);
      const fits = Date.now() + waitMs < giveUpAt;
      logger.warn('bot connector refused a message', { what, status, attempt: attempt + 1, retryAfterMs, waitMs: Math.round(waitMs), retrying: fits });
      if (!fits) {
        throw new ServiceError('rate-limited', 'The chat service asked labmate to slow down, so a message could not be delivered now. Please try again in a minute.', {
          cause: error,
          adminHint: `the Bot Connector answered HTTP ${status} to ${what} until the ${deadlineMs} ms deadline`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
