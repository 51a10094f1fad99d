import type { Logger } from '../../logging/logger.js';
import { ServiceError } from '../../services/errors.js';

/** What `@slack/web-api` throws with `rejectRateLimitedCalls: true` on HTTP 429 (code and seconds from Retry-After). */
interface RateLimited {
  code: 'slack_webapi_rate_limited_error';
  retryAfter: number;
}

function isRateLimited(error: unknown): error is RateLimited {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'slack_webapi_rate_limited_error';
}

/**
 * Runs one Web API call; on a 429 waits Retry-After and tries again only while that wait still ends inside the
 * call's own deadline, else fails this call alone (ServiceError 'rate-limited'). Other conversations' calls go on:
 * the client is built with `rejectRateLimitedCalls: true`, so its queue is never paused.
 */
export async function withinRateLimit<T>(method: string, deadlineMs: number, call: () => Promise<T>, logger?: Logger): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!isRateLimited(error)) throw error;
      const waitMs = Math.max(0, error.retryAfter) * 1000;
      const fits = Date.now() + waitMs < giveUpAt;
      logger?.warn('slack rate limited', { method, status: 429, retryAfterSeconds: error.retryAfter, retrying: fits });
      if (!fits) {
        throw new ServiceError('rate-limited', 'Slack asked labmate to slow down, so this message could not be sent now. Please try again in a minute.', {
          cause: error,
          adminHint: `${method} answered HTTP 429 with Retry-After ${error.retryAfter} s, beyond the ${deadlineMs} ms deadline`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
