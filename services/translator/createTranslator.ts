import type { TranslatorConfig } from '../../config/index.js';
import { ServiceError } from '../errors.js';
import { isLoopbackHttp } from '../localEndpoints.js';
import { ApertiumTranslator } from './ApertiumTranslator.js';
import { CachingTranslator } from './CachingTranslator.js';
import { cld3Detector } from './cld3Detector.js';
import type { Translator } from './Translator.js';
import { UnavailableTranslator } from './UnavailableTranslator.js';

const APY_DOWN = () =>
  new ServiceError('unavailable', "Translation is not available: the bot's translation server did not answer when the bot started. Please tell the bot's administrator.", {
    adminHint: 'The apertium-apy server at APERTIUM_URL did not answer at start: check it, then restart the bot.',
  });

/**
 * Azure Translator when a key is configured (its SDK is loaded only then); else Apertium (an apertium-apy server
 * at APERTIUM_URL, or the installed pairs); else a stand-in that explains how to enable translation. Never fails
 * the bot's start because translation is missing. Every backend sits behind a small cache. `timeoutMs`: the deadline
 * of one translation request (Azure) or one text (Apertium).
 */
export async function createTranslator(config: TranslatorConfig, timeoutMs: number): Promise<Translator> {
  if (config.azure) {
    const { endpoint, key, region } = config.azure;
    const { AzureTranslator } = await import('./AzureTranslator.js');
    return new CachingTranslator(
      new AzureTranslator({ endpoint, key, region, timeoutMs, clientOptions: { allowInsecureConnection: isLoopbackHttp(endpoint) } }),
    );
  }
  let apertium: ApertiumTranslator | undefined;
  try {
    apertium = await ApertiumTranslator.create(config.apertium, cld3Detector(), timeoutMs);
  } catch {
    return new UnavailableTranslator(APY_DOWN);
  }
  return apertium ? new CachingTranslator(apertium) : new UnavailableTranslator();
}
