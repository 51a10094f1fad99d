import {
  AzureKeyCredential,
  TextAnalyticsClient,
  type TextAnalyticsClientOptions,
  type TextAnalyticsError,
} from '@azure/ai-text-analytics';
import { httpStatusOf } from '../azureRestErrors.js';
import { isDeadlineExceeded, noAnswerInTime, withDeadline } from '../deadline.js';
import { ServiceError } from '../errors.js';
import { languageName } from '../languageNames.js';
import { inBatches, splitIntoDocuments, type TextPart } from './documents.js';
import {
  analyzeWithLanguageHint,
  available,
  type AnalysisName,
  sentimentOf,
  type Analysis,
  type DetectedLanguage,
  type Entity,
  type Opinion,
  type PartError,
  type PiiResult,
  type SentimentResult,
  type SentimentScores,
  type TextAnalyses,
  type TextAnalyzer,
} from './TextAnalyzer.js';

/** Documents per request, as Azure AI Language documents its synchronous limits. */
export const AZURE_BATCH_LIMITS = {
  language: 1000,
  sentiment: 10,
  keyPhrases: 10,
  entities: 5,
  pii: 5,
} as const;

export interface AzureTextAnalyzerOptions {
  endpoint: string;
  key: string;
  /** Passed to the SDK client: retry settings, and plain http for local test servers. */
  clientOptions?: TextAnalyticsClientOptions;
  /** One analysis, every batch and retry included, must be done within this. */
  timeoutMs: number;
}

interface DocumentResult {
  id: string;
  error?: TextAnalyticsError;
}

/** One part's answer, or the part's error. */
type PartOutcome<R> = { part: TextPart; result: R } | { part: TextPart; error: PartError };

export class AzureTextAnalyzer implements TextAnalyzer {
  readonly backendName = 'Azure AI Language';
  private readonly client: TextAnalyticsClient;
  private readonly timeoutMs: number;

  constructor(options: AzureTextAnalyzerOptions) {
    this.client = new TextAnalyticsClient(options.endpoint, new AzureKeyCredential(options.key), options.clientOptions);
    this.timeoutMs = options.timeoutMs;
  }

  analyze(text: string, wanted: readonly AnalysisName[]): Promise<TextAnalyses> {
    return analyzeWithLanguageHint(this, text, wanted);
  }

  async detectLanguage(text: string): Promise<Analysis<DetectedLanguage>> {
    const outcomes = await this.perPart(text, AZURE_BATCH_LIMITS.language, (docs, abortSignal) =>
      this.client.detectLanguage(docs.map((doc) => ({ ...doc, countryHint: '' })), { abortSignal }),
    );
    const weights = new Map<string, { chars: number; confidence: number }>();
    for (const outcome of outcomes) {
      if (!('result' in outcome)) continue;
      const { iso6391Name, confidenceScore } = outcome.result.primaryLanguage;
      const entry = weights.get(iso6391Name) ?? { chars: 0, confidence: 0 };
      entry.chars += outcome.part.text.length;
      entry.confidence += confidenceScore * outcome.part.text.length;
      weights.set(iso6391Name, entry);
    }
    const [best] = [...weights.entries()].sort((a, b) => b[1].chars - a[1].chars);
    if (!best) throw partsFailed(outcomes);
    const [iso, { chars, confidence }] = best;
    return available({ iso, name: languageName(iso), confidence: confidence / chars }, partErrors(outcomes));
  }

  async analyzeSentiment(text: string, language?: string): Promise<Analysis<SentimentResult>> {
    const outcomes = await this.perPart(text, AZURE_BATCH_LIMITS.sentiment, (docs, abortSignal) =>
      this.client.analyzeSentiment(withLanguage(docs, language), { includeOpinionMining: true, abortSignal }),
    );
    const documents: Array<{ part: TextPart; sentiment: SentimentResult }> = [];
    for (const outcome of outcomes) {
      if (!('result' in outcome)) continue;
      const { result, part } = outcome;
      documents.push({
        part,
        sentiment: {
          sentiment: sentimentOf(result.confidenceScores),
          scores: { ...result.confidenceScores },
          sentences: result.sentences.map((sentence) => ({
            text: sentence.text,
            offset: part.offset + sentence.offset,
            sentiment: sentimentOf(sentence.confidenceScores),
            scores: { ...sentence.confidenceScores },
            opinions: sentence.opinions.map(
              (opinion): Opinion => ({
                target: opinion.target.text,
                sentiment: opinion.target.sentiment,
                assessments: opinion.assessments.map((assessment) => ({
                  text: assessment.text,
                  sentiment: assessment.sentiment,
                  isNegated: assessment.isNegated,
                })),
              }),
            ),
          })),
        },
      });
    }
    if (documents.length === 0) throw partsFailed(outcomes);
    return available(mergeSentiment(documents), partErrors(outcomes));
  }

  async recognizeEntities(text: string, language?: string): Promise<Analysis<Entity[]>> {
    const outcomes = await this.perPart(text, AZURE_BATCH_LIMITS.entities, (docs, abortSignal) =>
      this.client.recognizeEntities(withLanguage(docs, language), { abortSignal }),
    );
    const entities = succeeded(outcomes).flatMap(({ part, result }) =>
      result.entities.map((entity) => ({
        text: entity.text,
        category: entity.category,
        subcategory: entity.subCategory,
        offset: part.offset + entity.offset,
        length: entity.length,
        confidence: entity.confidenceScore,
      })),
    );
    return available(entities, partErrors(outcomes));
  }

  async extractKeyPhrases(text: string, language?: string): Promise<Analysis<string[]>> {
    const outcomes = await this.perPart(text, AZURE_BATCH_LIMITS.keyPhrases, (docs, abortSignal) =>
      this.client.extractKeyPhrases(withLanguage(docs, language), { abortSignal }),
    );
    const phrases = new Set(succeeded(outcomes).flatMap(({ result }) => result.keyPhrases));
    return available([...phrases], partErrors(outcomes));
  }

  async recognizePii(text: string, language?: string): Promise<Analysis<PiiResult>> {
    const outcomes = await this.perPart(text, AZURE_BATCH_LIMITS.pii, (docs, abortSignal) =>
      this.client.recognizePiiEntities(withLanguage(docs, language), { abortSignal }),
    );
    const entities: Entity[] = [];
    let redactedText = '';
    for (const outcome of outcomes) {
      if ('result' in outcome) {
        redactedText += outcome.result.redactedText;
        for (const entity of outcome.result.entities) {
          entities.push({
            text: entity.text,
            category: entity.category,
            subcategory: entity.subCategory,
            offset: outcome.part.offset + entity.offset,
            length: entity.length,
            confidence: entity.confidenceScore,
          });
        }
      } else {
        // Never echo an unchecked part as if it had been redacted.
        redactedText += `[part ${outcome.error.part} could not be checked]`;
      }
    }
    return available({ entities, redactedText }, partErrors(outcomes));
  }

  /** Splits the text, sends the documents in batches of `batchSize`, and pairs each part with its result or error. */
  private async perPart<R extends DocumentResult>(
    text: string,
    batchSize: number,
    send: (docs: Array<{ id: string; text: string }>, signal: AbortSignal) => Promise<ArrayLike<R>>,
  ): Promise<Array<PartOutcome<Exclude<R, { error: TextAnalyticsError }>>>> {
    const parts = splitIntoDocuments(text);
    const documents = parts.map((part, index) => ({ id: String(index), text: part.text }));
    const byId = new Map<string, R>();
    await callService(this.timeoutMs, async (signal) => {
      // One batch at a time: parallel batches only meet the rate limit sooner.
      for (const batch of inBatches(documents, batchSize)) {
        const results = await send(batch, signal);
        for (const result of Array.from(results)) byId.set(result.id, result);
      }
    });
    return parts.map((part, index) => {
      const result = byId.get(String(index));
      if (!result) return { part, error: { part: index + 1, of: parts.length, message: 'no answer came back for this part' } };
      if (result.error) {
        return { part, error: { part: index + 1, of: parts.length, message: describeDocumentError(result.error) } };
      }
      return { part, result: result as Exclude<R, { error: TextAnalyticsError }> };
    });
  }
}

function withLanguage(docs: Array<{ id: string; text: string }>, language?: string) {
  return docs.map((doc) => (language ? { ...doc, language } : doc));
}

function succeeded<R>(outcomes: Array<PartOutcome<R>>): Array<{ part: TextPart; result: R }> {
  return outcomes.filter((outcome): outcome is { part: TextPart; result: R } => 'result' in outcome);
}

function partErrors<R>(outcomes: Array<PartOutcome<R>>): PartError[] {
  return outcomes.flatMap((outcome) => ('error' in outcome ? [outcome.error] : []));
}

function partsFailed<R>(outcomes: Array<PartOutcome<R>>): ServiceError {
  const [first] = partErrors(outcomes);
  return new ServiceError('bad-request', `Azure AI Language could not analyse this text: ${first?.message ?? 'no result'}.`);
}

function describeDocumentError(error: TextAnalyticsError): string {
  switch (error.code) {
    case 'UnsupportedLanguageCode':
      return 'this language is not supported for this analysis';
    case 'InvalidDocument':
      return 'the text is empty or too long for the service';
    default:
      return 'the service could not analyse this part';
  }
}

/** Per-document scores weighted by length; a text whose parts disagree is mixed. */
function mergeSentiment(documents: Array<{ part: TextPart; sentiment: SentimentResult }>): SentimentResult {
  if (documents.length === 1) return documents[0].sentiment;
  const total = documents.reduce((sum, doc) => sum + doc.part.text.length, 0);
  const scores: SentimentScores = { positive: 0, neutral: 0, negative: 0 };
  for (const { part, sentiment } of documents) {
    const weight = part.text.length / total;
    scores.positive += sentiment.scores.positive * weight;
    scores.neutral += sentiment.scores.neutral * weight;
    scores.negative += sentiment.scores.negative * weight;
  }
  return { sentiment: sentimentOf(scores), scores, sentences: documents.flatMap((doc) => doc.sentiment.sentences) };
}

/** Runs the calls under one deadline; maps the SDK's HTTP and network errors (after its own retries) to errors a person can act on. */
async function callService<T>(timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await withDeadline(timeoutMs, call);
  } catch (error) {
    throw toServiceError(error, timeoutMs);
  }
}

function toServiceError(error: unknown, timeoutMs: number): ServiceError {
  if (isDeadlineExceeded(error)) {
    return noAnswerInTime('Azure AI Language', timeoutMs, error);
  }
  const status = httpStatusOf(error);
  if (status === 401 || status === 403) {
    return new ServiceError('auth', "Azure AI Language refused the bot's key, so I cannot analyse text right now. Please tell the bot's administrator.", {
      cause: error,
      adminHint: 'Check that TEXT_ANALYTICS_KEY and TEXT_ANALYTICS_ENDPOINT belong to the same Language resource.',
    });
  }
  if (status === 429) {
    return new ServiceError('rate-limited', 'Azure AI Language is busy (rate limit reached). Please try again in a minute.', {
      cause: error,
    });
  }
  if (status === 400 || status === 413) {
    return new ServiceError('bad-request', 'Azure AI Language could not take this text. Try a shorter message.', { cause: error });
  }
  return new ServiceError('unavailable', 'Azure AI Language is not answering right now. Please try again shortly.', {
    cause: error,
  });
}
