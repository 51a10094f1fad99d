import { LruCache } from '../lruCache.js';
import type { DetectedSource, SupportedLanguages, TranslateOptions, Translation, Translator, WarmUp } from './Translator.js';

/** Texts longer than this are not kept: the cache is for the short, repeated texts of cards and replies. */
const MAX_CACHED_CHARS = 2_000;

/**
 * Remembers recent translations (same text, same pair) in front of any backend. Texts translated with a
 * detected source are cached under their detected pair too, so a repeat is served without detection.
 */
export class CachingTranslator implements Translator {
  private readonly cache: LruCache<string, Translation>;

  constructor(
    private readonly inner: Translator,
    capacity = 1000,
  ) {
    this.cache = new LruCache(capacity);
  }

  get backendName(): string {
    return this.inner.backendName;
  }

  async translate(texts: readonly string[], options: TranslateOptions): Promise<Translation[]> {
    const results = texts.map((text) => this.cache.get(key(text, options)));
    const missing = texts.map((text, index) => ({ text, index })).filter(({ index }) => results[index] === undefined);
    if (missing.length > 0) {
      const translated = await this.inner.translate(
        missing.map(({ text }) => text),
        options,
      );
      missing.forEach(({ text, index }, position) => {
        results[index] = translated[position];
        if (text.length <= MAX_CACHED_CHARS) this.cache.set(key(text, options), translated[position]);
      });
    }
    return results as Translation[];
  }

  detect(text: string): Promise<DetectedSource> {
    return this.inner.detect(text);
  }

  supportedLanguages(): Promise<SupportedLanguages> {
    return this.inner.supportedLanguages();
  }

  async warmUp(): Promise<WarmUp> {
    return (await this.inner.warmUp?.()) ?? { warmed: [], left: [] };
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}

/** The same characters as plain text and as HTML are different requests ("&amp;" is one character in HTML). */
function key(text: string, options: TranslateOptions): string {
  return `${options.from ?? 'auto'}>${options.to}:${options.textType ?? 'plain'}\u0000${text}`;
}
