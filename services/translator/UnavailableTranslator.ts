import { ServiceError } from '../errors.js';
import type { DetectedSource, SupportedLanguages, Translation, Translator } from './Translator.js';

export const HOW_TO_ENABLE_TRANSLATION =
  'Translation is not set up on this bot. To enable it, either set TRANSLATOR_KEY (and TRANSLATOR_REGION for a regional or multi-service resource) to use Azure Translator, or install Apertium on the bot\'s machine: `apt-get install apertium apertium-eng-spa` (one package per language pair).';

/** Stands in when neither Azure Translator nor Apertium is available: every call says how to enable one. */
export class UnavailableTranslator implements Translator {
  readonly backendName = 'no translator (not set up)';

  constructor(private readonly reason = HOW_TO_ENABLE_TRANSLATION) {}

  async translate(): Promise<Translation[]> {
    throw new ServiceError('not-configured', this.reason);
  }

  async detect(): Promise<DetectedSource> {
    throw new ServiceError('not-configured', this.reason);
  }

  async supportedLanguages(): Promise<SupportedLanguages> {
    throw new ServiceError('not-configured', this.reason);
  }
}
