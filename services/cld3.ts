import type { LanguageIdentifier } from 'cld3-asm';

let shared: Promise<LanguageIdentifier> | undefined;

/**
 * cld3's language identifier, one for the thread: its WebAssembly module keeps about 13 MiB resident, so the
 * translator's detection and the offline analyzer's (on the main thread, see WorkerTextAnalyzer) share it. Loaded
 * with the first use, not with the bot; a load that failed is tried again by the next use.
 */
export function cld3(): Promise<LanguageIdentifier> {
  shared ??= import('cld3-asm')
    .then(async ({ loadModule }) => (await loadModule()).create(0, 4096))
    .catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  return shared;
}
