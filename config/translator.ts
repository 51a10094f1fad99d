import type { EnvReader } from './envReader.js';

/** The global Translator endpoint; a regional or multi-service resource has its own (and needs TRANSLATOR_REGION). */
const GLOBAL_TRANSLATOR_ENDPOINT = 'https://api.cognitive.microsofttranslator.com';

export interface AzureTranslatorConfig {
  key: string;
  /** Sent as Ocp-Apim-Subscription-Region; required by regional and multi-service resources. */
  region?: string;
  endpoint: string;
}

export interface ApertiumConfig {
  /** An apertium-apy server to use; absent: labmate runs the `apertium` pipelines itself. */
  url?: string;
  /** Where the installed pairs' modes live (the `apertium` command's own default). */
  dataDir: string;
  /**
   * Languages (ISO 639-1 codes) whose pipelines into and out of English start in the background after start; none:
   * `[]`; absent: the default (the first two installed, see pairsToWarm).
   */
  warmLanguages?: string[];
}

export interface TranslatorConfig {
  /** Absent: Apertium, offline. */
  azure?: AzureTranslatorConfig;
  apertium: ApertiumConfig;
}

export function readTranslator(env: EnvReader): TranslatorConfig {
  const key = env.optional('TRANSLATOR_KEY');
  const region = env.optional('TRANSLATOR_REGION');
  const endpoint = env.url('TRANSLATOR_ENDPOINT');
  const apertium: ApertiumConfig = {
    url: env.url('APERTIUM_URL'),
    dataDir: env.string('APERTIUM_DATADIR', '/usr/share/apertium'),
    warmLanguages: readWarmLanguages(env),
  };
  if (!key) {
    const set = [region && 'TRANSLATOR_REGION', endpoint && 'TRANSLATOR_ENDPOINT'].filter(Boolean);
    if (set.length > 0) env.problem('TRANSLATOR_KEY', `to be set, because ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set (Azure Translator)`);
    return { apertium };
  }
  return { azure: { key, region, endpoint: endpoint ?? GLOBAL_TRANSLATOR_ENDPOINT }, apertium };
}

/** `APERTIUM_WARM_LANGUAGES`: `es,fr` (ISO codes, as Apertium's pairs are named in the bot), `none`, or unset. */
function readWarmLanguages(env: EnvReader): string[] | undefined {
  const raw = env.optional('APERTIUM_WARM_LANGUAGES');
  if (raw === undefined) return undefined;
  if (raw.toLowerCase() === 'none') return [];
  const languages = env.list('APERTIUM_WARM_LANGUAGES').map((language) => language.toLowerCase());
  const bad = languages.filter((language) => !/^[a-z]{2,3}$/.test(language));
  if (bad.length > 0) env.problem('APERTIUM_WARM_LANGUAGES', `language codes such as es,fr (or none), got "${bad.join(', ')}"`);
  return languages.filter((language) => !bad.includes(language));
}
