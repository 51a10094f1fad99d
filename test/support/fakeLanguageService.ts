import type { IncomingMessage } from 'node:http';
import { LocalJsonService, type JsonAnswer } from './LocalJsonService.js';

export interface LanguageRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  documents: Array<{ id: string; text: string; language?: string; countryHint?: string }>;
}

type Doc = LanguageRequest['documents'][number];

/**
 * A local server answering as Azure AI Language's Text Analytics v3.1 REST API documents it: the five
 * synchronous operations, per-document errors, and the 401 / 429 error bodies.
 */
export class FakeLanguageService extends LocalJsonService {
  readonly key = 'test-language-key';
  readonly requests: LanguageRequest[] = [];
  /** Answer every request with this instead (status, body, extra headers). */
  failure?: { status: number; body: unknown; headers?: Record<string, string> };

  reset(): void {
    this.requests.length = 0;
    this.failure = undefined;
  }

  requestsTo(operation: string): LanguageRequest[] {
    return this.requests.filter((request) => request.path === `/text/analytics/v3.1/${operation}`);
  }

  protected async answer(req: IncomingMessage): Promise<JsonAnswer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { documents?: Doc[] };
    this.requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers, documents: body.documents ?? [] });

    if (req.headers['ocp-apim-subscription-key'] !== this.key) {
      return {
        status: 401,
        body: {
          error: {
            code: '401',
            message:
              'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
          },
        },
      };
    }
    if (this.failure) return this.failure;

    const documents = body.documents ?? [];
    const ok = documents.filter((doc) => !isBad(doc));
    const errors = documents.filter(isBad).map((doc) => ({
      id: doc.id,
      error: {
        code: 'InvalidArgument',
        message: 'Invalid Language Code.',
        innererror: { code: 'UnsupportedLanguageCode', message: 'Invalid language code. Supported languages: en,es' },
      },
    }));
    const reply = (results: unknown[]) => ({ status: 200, body: { documents: results, errors, modelVersion: '2021-06-01' } });

    switch (url.pathname) {
      case '/text/analytics/v3.1/languages':
        return reply(ok.map((doc) => ({ id: doc.id, detectedLanguage: detect(doc.text), warnings: [] })));
      case '/text/analytics/v3.1/sentiment':
        return reply(ok.map((doc, index) => sentiment(doc, index, url.searchParams.get('opinionMining') === 'true')));
      case '/text/analytics/v3.1/keyPhrases':
        return reply(ok.map((doc) => ({ id: doc.id, keyPhrases: doc.text.match(/\b[A-Z][a-z]+\b/g) ?? [], warnings: [] })));
      case '/text/analytics/v3.1/entities/recognition/general':
        return reply(ok.map((doc) => ({ id: doc.id, entities: find(doc.text, /Seattle/g, 'Location', 'GPE'), warnings: [] })));
      case '/text/analytics/v3.1/entities/recognition/pii': {
        return reply(
          ok.map((doc) => ({
            id: doc.id,
            redactedText: doc.text.replace(/\S+@\S+\.\w+/g, (email) => '*'.repeat(email.length)),
            entities: find(doc.text, /\S+@\S+\.\w+/g, 'Email'),
            warnings: [],
          })),
        );
      }
      default:
        return { status: 404, body: { error: { code: '404', message: 'Resource not found' } } };
    }
  }
}

/** Documents the fake refuses, as the service refuses an unsupported language. */
function isBad(doc: Doc): boolean {
  return doc.language === 'xx' || doc.text.includes('UNSUPPORTED');
}

function detect(text: string) {
  return /\b(hola|gracias|equipo)\b/i.test(text)
    ? { name: 'Spanish', iso6391Name: 'es', confidenceScore: 0.99 }
    : { name: 'English', iso6391Name: 'en', confidenceScore: 0.98 };
}

function sentiment(doc: Doc, documentIndex: number, opinionMining: boolean) {
  const label = /good|love/i.test(doc.text) ? 'positive' : /bad|painful/i.test(doc.text) ? 'negative' : 'neutral';
  const scores = { positive: label === 'positive' ? 0.9 : 0.05, neutral: label === 'neutral' ? 0.9 : 0.05, negative: label === 'negative' ? 0.9 : 0.05 };
  const target = /\bGPU\b/.exec(doc.text);
  const assessment = /\bgood\b/.exec(doc.text);
  const withOpinion = opinionMining && target && assessment;
  return {
    id: doc.id,
    sentiment: label,
    confidenceScores: scores,
    sentences: [
      {
        text: doc.text,
        sentiment: label,
        confidenceScores: scores,
        offset: 0,
        length: doc.text.length,
        ...(withOpinion
          ? {
              targets: [
                {
                  sentiment: 'positive',
                  confidenceScores: { positive: 0.95, negative: 0.05 },
                  offset: target.index,
                  length: 3,
                  text: 'GPU',
                  relations: [{ relationType: 'assessment', ref: `#/documents/${documentIndex}/sentences/0/assessments/0` }],
                },
              ],
              assessments: [
                {
                  sentiment: 'positive',
                  confidenceScores: { positive: 0.95, negative: 0.05 },
                  offset: assessment.index,
                  length: 4,
                  text: 'good',
                  isNegated: false,
                },
              ],
            }
          : { targets: [], assessments: [] }),
      },
    ],
    warnings: [],
  };
}

function find(text: string, pattern: RegExp, category: string, subcategory?: string) {
  return [...text.matchAll(pattern)].map((match) => ({
    text: match[0],
    category,
    ...(subcategory ? { subcategory } : {}),
    offset: match.index,
    length: match[0].length,
    confidenceScore: 0.87,
  }));
}
