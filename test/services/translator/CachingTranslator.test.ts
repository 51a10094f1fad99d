import { strict as assert } from 'node:assert';
import { CachingTranslator } from '../../../services/translator/CachingTranslator.js';
import { LruCache } from '../../../services/lruCache.js';
import type { TranslateOptions, Translation, Translator } from '../../../services/translator/Translator.js';

/** A backend that counts what reaches it. */
class CountingTranslator implements Translator {
  readonly backendName = 'counting';
  readonly calls: string[][] = [];
  async translate(texts: readonly string[], options: TranslateOptions): Promise<Translation[]> {
    this.calls.push([...texts]);
    return texts.map((text) => ({ text: `${options.to}:${text}`, to: options.to, from: options.from ?? 'en' }));
  }
  async detect() {
    return { language: 'en', confidence: 1 };
  }
  async supportedLanguages() {
    return { languages: ['en', 'es'] };
  }
}

describe('translation cache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.size, 2);
  });

  it('sends only texts it has not translated for the same pair, and answers in order', async () => {
    const backend = new CountingTranslator();
    const translator = new CachingTranslator(backend);
    await translator.translate(['Sentiment', 'Key phrases'], { from: 'en', to: 'es' });
    const results = await translator.translate(['Key phrases', 'Entities', 'Sentiment'], { from: 'en', to: 'es' });
    assert.deepEqual(results.map((result) => result.text), ['es:Key phrases', 'es:Entities', 'es:Sentiment']);
    assert.deepEqual(backend.calls, [['Sentiment', 'Key phrases'], ['Entities']]);
    await translator.translate(['Entities'], { from: 'en', to: 'ca' });
    assert.deepEqual(backend.calls.at(-1), ['Entities'], 'another pair is another entry');
  });
});
