import { notSetUp, type ServiceError } from '../errors.js';
import type { DetectedSource, SupportedLanguages, Translation, Translator } from './Translator.js';

const TRANSLATION_ADMIN_HINT =
  'Set TRANSLATOR_KEY (and TRANSLATOR_REGION for a regional or multi-service resource) to use Azure Translator, or install ' +
  'Apertium on the bot\'s machine: `apt-get install apertium apertium-eng-spa` (one package per language pair).';

/** Stands in when neither Azure Translator nor Apertium is available: every call says translation is not set up. */
export class UnavailableTranslator implements Translator {
  readonly backendName = 'no translator (not set up)';

  constructor(private readonly problem: () => ServiceError = () => notSetUp('Translation', TRANSLATION_ADMIN_HINT)) {}

  async translate(): Promise<Translation[]> {
    throw this.problem();
  }

  async detect(): Promise<DetectedSource> {
    throw this.problem();
  }

  async supportedLanguages(): Promise<SupportedLanguages> {
    throw this.problem();
  }
}
