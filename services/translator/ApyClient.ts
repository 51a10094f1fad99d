import { ServiceError } from '../errors.js';
import type { ApertiumEngine } from './ApertiumTranslator.js';
import { pairsFromModes, type ApertiumPair } from './apertiumPairs.js';
import { restoreMarkup, setMarkupAside } from './htmlFragments.js';
import type { TextType } from './Translator.js';

interface ApyAnswer<T> {
  responseData?: T;
  responseDetails?: unknown;
  responseStatus?: number;
}

/**
 * Each tag and protected element goes as an empty tag `<x-n/>`, which apertium-deshtml turns into a superblank and
 * apertium-rehtml-noent writes back: the protected text never reaches the pipeline (deshtml translates the text
 * inside any element), and apy, which cuts long texts at spaces and full stops before deformatting, finds neither
 * inside a stand-in.
 */
const STAND_IN: readonly [string, string] = ['<x-', '/>'];

/**
 * apertium-apy's /translate formatters (handlers/translate.py: `deformat` and `reformat` name apertium-des* and
 * apertium-re* programs; left out, apy reads every text as HTML). rehtml-noent leaves non-ASCII letters as they are.
 */
const FORMATTERS: Readonly<Record<TextType, { deformat: string; reformat: string }>> = {
  plain: { deformat: 'txt', reformat: 'txt' },
  html: { deformat: 'html', reformat: 'html-noent' },
};

/** An apertium-apy server: GET /listPairs, POST /translate (langpair=eng|spa, q=..., deformat, reformat). */
export class ApyClient implements ApertiumEngine {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async listPairs(): Promise<ApertiumPair[]> {
    const answer = await this.request<Array<{ sourceLanguage: string; targetLanguage: string }>>('/listPairs');
    return pairsFromModes((answer ?? []).map((pair) => `${pair.sourceLanguage}-${pair.targetLanguage}`)).map((pair) => ({
      ...pair,
      mode: pair.mode.replace('-', '|'),
    }));
  }

  async translate(pair: ApertiumPair, text: string, textType: TextType): Promise<string> {
    const { html, kept } = textType === 'html' ? setMarkupAside(text, ['tag', 'protected'], ...STAND_IN) : { html: text, kept: [] };
    const body = new URLSearchParams({ langpair: pair.mode, q: html, markUnknown: 'no', ...FORMATTERS[textType] });
    const answer = await this.request<{ translatedText?: string }>('/translate', body);
    const translated = answer?.translatedText ?? '';
    return textType === 'html' ? restoreMarkup(translated, kept, ...STAND_IN) : translated;
  }

  async close(): Promise<void> {}

  private async request<T>(path: string, body?: URLSearchParams): Promise<T | undefined> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, { method: body ? 'POST' : 'GET', body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new ServiceError('unavailable', "The bot's translation server is not answering. Please try again shortly.", { cause: error, adminHint: 'The apertium-apy server at APERTIUM_URL did not answer.' });
    }
    const answer = (await response.json().catch(() => ({}))) as ApyAnswer<T>;
    if (!response.ok || (answer.responseStatus !== undefined && answer.responseStatus !== 200)) {
      throw new ServiceError('unavailable', "The bot's translation server could not translate this. Please try again shortly.", {
        cause: new Error(`apertium-apy answered ${response.status}: ${JSON.stringify(answer.responseDetails)}`),
      });
    }
    return answer.responseData;
  }
}
