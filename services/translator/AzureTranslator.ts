import TextTranslationClient, {
  isUnexpected,
  type TextTranslationClient as Client,
  type TranslatedTextItemOutput,
} from '@azure-rest/ai-translation-text';
import type { ClientOptions } from '@azure-rest/core-client';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { isDeadlineExceeded, noAnswerInTime, withDeadline } from '../deadline.js';
import { ServiceError } from '../errors.js';
import { join, planRequests, type RequestLimits } from './chunking.js';
import { PROTECTED_START, restoreMarkup, setMarkupAside } from './htmlFragments.js';
import {
  type DetectedSource,
  type SupportedLanguages,
  type TranslateOptions,
  type Translation,
  type Translator,
} from './Translator.js';

/** Per request, as the Translator v3 reference documents them: counted across all target languages. */
export const AZURE_TRANSLATOR_LIMITS: RequestLimits = { elements: 1000, characters: 50_000 };

export interface AzureTranslatorOptions {
  endpoint: string;
  key: string;
  /** Regional and multi-service resources need it (Ocp-Apim-Subscription-Region); the global one does not. */
  region?: string;
  clientOptions?: ClientOptions;
  /** Each request, retries included, must be answered within this. */
  timeoutMs: number;
}

const REGION_HEADER = 'Ocp-Apim-Subscription-Region';

/**
 * Each protected element goes as a numbered stand-in, itself protected (`<span class="notranslate">0</span>`): its
 * content never counts against the 50,000-character limit (a 25,000-character paste of '<' is 100,000 escaped), and
 * comes back byte for byte whatever the service does with entities and spaces inside an element it keeps.
 */
const STAND_IN: readonly [string, string] = [PROTECTED_START, '</span>'];

/** Azure AI Translator, v3.0 (`/translate`, `/languages`), through @azure-rest/ai-translation-text 1.x. */
export class AzureTranslator implements Translator {
  readonly backendName = 'Azure AI Translator';
  private readonly client: Client;
  private languages?: Promise<SupportedLanguages>;

  private readonly timeoutMs: number;

  constructor(options: AzureTranslatorOptions) {
    this.timeoutMs = options.timeoutMs;
    this.client = TextTranslationClient(options.endpoint, { key: options.key, region: options.region ?? '' }, options.clientOptions);
    // The SDK sets the region header from the credential even when there is none; the global endpoint
    // must not get an empty one.
    if (!options.region) this.client.pipeline.addPolicy(withoutHeader(REGION_HEADER), { afterPhase: 'Sign' });
  }

  async translate(texts: readonly string[], options: TranslateOptions): Promise<Translation[]> {
    const html = options.textType === 'html';
    const masked = texts.map((text) => (html ? setMarkupAside(text, ['protected'], ...STAND_IN) : { html: text, kept: [] }));
    // With protected content aside, only labmate's own words and tags count: no reply comes near the length at
    // which planRequests would cut a text (at a sentence end or a space, which knows nothing of tags).
    const { splits, requests } = planRequests(masked.map((text) => text.html), 1, AZURE_TRANSLATOR_LIMITS);
    const translated = splits.map((split) => new Array<string>(split.parts.length));
    const detections = splits.map(() => new Map<string, { chars: number; score: number }>());
    // One request at a time, in order: parallel requests only meet the rate limit sooner.
    for (const request of requests) {
      const items = await this.post(request.map((ref) => ref.content), options);
      request.forEach((ref, index) => {
        const item = items[index];
        translated[ref.text][ref.part] = item?.translations[0]?.text ?? '';
        if (item?.detectedLanguage) {
          const entry = detections[ref.text].get(item.detectedLanguage.language) ?? { chars: 0, score: 0 };
          entry.chars += ref.content.length;
          entry.score += item.detectedLanguage.score * ref.content.length;
          detections[ref.text].set(item.detectedLanguage.language, entry);
        }
      });
    }
    return splits.map((split, index) => {
      const detected = strongest(detections[index]);
      const text = join(split, translated[index]);
      return {
        text: html ? restoreMarkup(text, masked[index].kept, ...STAND_IN) : text,
        to: options.to,
        from: options.from ?? detected?.language ?? 'und',
        ...(options.from || !detected ? {} : { detected }),
      };
    });
  }

  /** Detection comes with a translation: Translator v3 answers detectedLanguage when `from` is left out. */
  async detect(text: string): Promise<DetectedSource> {
    const sample = text.slice(0, 1000);
    const [item] = await this.post([sample], { to: 'en' });
    return item?.detectedLanguage ? { language: item.detectedLanguage.language, confidence: item.detectedLanguage.score } : { language: 'und', confidence: 0 };
  }

  supportedLanguages(): Promise<SupportedLanguages> {
    this.languages ??= this.fetchLanguages().catch((error: unknown) => {
      this.languages = undefined;
      throw error;
    });
    return this.languages;
  }

  private async fetchLanguages(): Promise<SupportedLanguages> {
    const response = await call(this.timeoutMs, (abortSignal) => this.client.path('/languages').get({ queryParameters: { scope: 'translation' }, abortSignal }));
    if (isUnexpected(response)) throw toServiceError(Number(response.status), response.body);
    return { languages: Object.keys(response.body.translation ?? {}) };
  }

  private async post(texts: string[], options: TranslateOptions): Promise<TranslatedTextItemOutput[]> {
    const response = await call(this.timeoutMs, (abortSignal) =>
      this.client.path('/translate').post({
        abortSignal,
        body: texts.map((text) => ({ text })),
        // textType=html: the service translates the text between tags and keeps class="notranslate" elements.
        queryParameters: { to: options.to, ...(options.from ? { from: options.from } : {}), ...(options.textType === 'html' ? { textType: 'html' } : {}) },
      }),
    );
    if (isUnexpected(response)) throw toServiceError(Number(response.status), response.body);
    return response.body;
  }
}

function strongest(detections: Map<string, { chars: number; score: number }>): DetectedSource | undefined {
  const [best] = [...detections.entries()].sort((a, b) => b[1].chars - a[1].chars);
  return best ? { language: best[0], confidence: best[1].score / best[1].chars } : undefined;
}

function withoutHeader(name: string): PipelinePolicy {
  return {
    name: `remove-${name}`,
    sendRequest: (request, next) => {
      request.headers.delete(name);
      return next(request);
    },
  };
}

/** Network failures (after the SDK's own retries) become an apology a person can act on. */
async function call<T>(timeoutMs: number, send: (signal: AbortSignal) => PromiseLike<T>): Promise<T> {
  try {
    return await withDeadline(timeoutMs, async (signal) => send(signal));
  } catch (error) {
    if (isDeadlineExceeded(error)) throw noAnswerInTime('Azure Translator', timeoutMs, error);
    throw new ServiceError('unavailable', 'Azure Translator is not answering right now. Please try again shortly.', { cause: error });
  }
}

/** Maps Translator's documented error codes (HTTP status x 1000 + detail) to messages a person can act on. */
function toServiceError(status: number, body: unknown): ServiceError {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  const cause = new Error(`Translator answered ${status}: ${JSON.stringify(body)}`);
  if (code === 401001 || (status === 401 && code !== 401000 && code !== 401015)) {
    return new ServiceError('auth', "Azure Translator refused the bot's key, so I cannot translate right now. Please tell the bot's administrator.", {
      cause,
      adminHint: 'The key is not valid for this endpoint and region. For a regional or multi-service resource set TRANSLATOR_REGION to its region; check TRANSLATOR_KEY and TRANSLATOR_ENDPOINT belong to the same resource.',
    });
  }
  if (status === 401) {
    return new ServiceError('auth', "Azure Translator refused the bot's key, so I cannot translate right now. Please tell the bot's administrator.", {
      cause,
      adminHint: 'Check that TRANSLATOR_KEY is a key of your Translator resource.',
    });
  }
  if (status === 403) {
    return new ServiceError('auth', 'Azure Translator refused the request: the resource is out of quota or not allowed to do this. Check its pricing tier in the Azure portal.', { cause });
  }
  if (status === 429) {
    return new ServiceError('rate-limited', 'Azure Translator is busy (request limit reached). Please try again in a minute.', { cause });
  }
  if (status === 400 || status === 413) {
    return new ServiceError('bad-request', 'Azure Translator could not take this text or language. Check the language code, or send a shorter text.', { cause });
  }
  return new ServiceError('unavailable', 'Azure Translator is not answering right now. Please try again shortly.', { cause });
}
