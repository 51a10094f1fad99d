import { ServiceError } from '../errors.js';
import type { ApertiumEngine } from './ApertiumTranslator.js';
import { pairsFromModes, type ApertiumPair } from './apertiumPairs.js';

const TIMEOUT_MS = 30_000;

interface ApyAnswer<T> {
  responseData?: T;
  responseDetails?: unknown;
  responseStatus?: number;
}

/** An apertium-apy server: GET /listPairs, POST /translate (langpair=eng|spa, q=...). */
export class ApyClient implements ApertiumEngine {
  constructor(private readonly url: string) {}

  async listPairs(): Promise<ApertiumPair[]> {
    const answer = await this.request<Array<{ sourceLanguage: string; targetLanguage: string }>>('/listPairs');
    return pairsFromModes((answer ?? []).map((pair) => `${pair.sourceLanguage}-${pair.targetLanguage}`)).map((pair) => ({
      ...pair,
      mode: pair.mode.replace('-', '|'),
    }));
  }

  async translate(pair: ApertiumPair, text: string): Promise<string> {
    const body = new URLSearchParams({ langpair: pair.mode, q: text, markUnknown: 'no' });
    const answer = await this.request<{ translatedText?: string }>('/translate', body);
    return answer?.translatedText ?? '';
  }

  async close(): Promise<void> {}

  private async request<T>(path: string, body?: URLSearchParams): Promise<T | undefined> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, { method: body ? 'POST' : 'GET', body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new ServiceError('unavailable', 'The Apertium server (APERTIUM_URL) is not answering. Please try again shortly.', { cause: error });
    }
    const answer = (await response.json().catch(() => ({}))) as ApyAnswer<T>;
    if (!response.ok || (answer.responseStatus !== undefined && answer.responseStatus !== 200)) {
      throw new ServiceError('unavailable', 'The Apertium server (APERTIUM_URL) could not translate this. Please try again shortly.', {
        cause: new Error(`apertium-apy answered ${response.status}: ${JSON.stringify(answer.responseDetails)}`),
      });
    }
    return answer.responseData;
  }
}
