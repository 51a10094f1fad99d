import { performance } from 'node:perf_hooks';
import type { Logger } from '../../logging/logger.js';
import type { Translator } from './Translator.js';

/**
 * Warms the translator after the bot is ready, without anyone waiting for it: one log line when it is done, one
 * warning (and nothing else: the first request then starts what it needs, as without a warm-up) when it fails.
 * Quiet when the bot is shutting down meanwhile (`stopping`). Resolves when it is over, never rejects.
 */
export async function warmUpInBackground(translator: Translator, logger: Logger, stopping: AbortSignal): Promise<void> {
  if (!translator.warmUp) return;
  const started = performance.now();
  try {
    const { warmed, left } = await translator.warmUp();
    if (warmed.length === 0 || stopping.aborted) return;
    logger.info('translation warmed up', {
      warmed,
      ms: Math.round(performance.now() - started),
      ...(left.length > 0 ? { startedByFirstRequest: left, hint: 'APERTIUM_WARM_LANGUAGES chooses the languages warmed at start' } : {}),
    });
  } catch (error) {
    if (stopping.aborted) return;
    logger.warn('translation warm-up failed; each language pair starts with its first request instead', { error });
  }
}
