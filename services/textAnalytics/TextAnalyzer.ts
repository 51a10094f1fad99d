/** The text analysis port and its domain types; no SDK type crosses this line. */

export type SentimentLabel = 'positive' | 'neutral' | 'negative' | 'mixed';

export interface SentimentScores {
  positive: number;
  neutral: number;
  negative: number;
}

export interface DetectedLanguage {
  /** ISO 639-1 code where there is one ("en"), else the backend's code. */
  iso: string;
  name: string;
  /** 0..1 */
  confidence: number;
}

interface OpinionAssessment {
  text: string;
  sentiment: SentimentLabel;
  isNegated: boolean;
}

export interface Opinion {
  target: string;
  sentiment: SentimentLabel;
  assessments: OpinionAssessment[];
}

export interface SentenceSentiment {
  text: string;
  /** Character offset in the whole analysed text. */
  offset: number;
  sentiment: SentimentLabel;
  scores: SentimentScores;
  opinions: Opinion[];
}

export interface SentimentResult {
  sentiment: SentimentLabel;
  scores: SentimentScores;
  sentences: SentenceSentiment[];
}

export interface Entity {
  text: string;
  category: string;
  subcategory?: string;
  /** Character offset in the whole analysed text. */
  offset: number;
  length: number;
  /** 0..1, where the backend gives one. */
  confidence?: number;
}

export interface PiiResult {
  entities: Entity[];
  /** The text with every PII entity masked by asterisks of the same length. */
  redactedText: string;
}

/** A part of a long text that the backend could not analyse; the rest is still answered. */
export interface PartError {
  part: number;
  of: number;
  message: string;
}

export type Analysis<T> =
  | { available: true; result: T; partErrors: PartError[] }
  /** The backend cannot give this analysis for this text (say, sentiment of Spanish text offline). */
  | { available: false; reason: string };

/** The analyses one request can ask for besides the language, which every request detects. */
export type AnalysisName = 'sentiment' | 'keyPhrases' | 'entities' | 'pii';

/** The detected language, and each asked-for analysis run with it as the hint. */
export interface TextAnalyses {
  language: Analysis<DetectedLanguage>;
  sentiment?: Analysis<SentimentResult>;
  keyPhrases?: Analysis<string[]>;
  entities?: Analysis<Entity[]>;
  pii?: Analysis<PiiResult>;
}

export interface TextAnalyzer {
  /** Shown to people so they know where the answer came from. */
  readonly backendName: string;
  /** The language, then the asked-for analyses with it as their hint (analyzeWithLanguageHint). */
  analyze(text: string, wanted: readonly AnalysisName[]): Promise<TextAnalyses>;
  detectLanguage(text: string): Promise<Analysis<DetectedLanguage>>;
  /** `language` is an ISO 639-1 hint, usually the detected language. */
  analyzeSentiment(text: string, language?: string): Promise<Analysis<SentimentResult>>;
  recognizeEntities(text: string, language?: string): Promise<Analysis<Entity[]>>;
  extractKeyPhrases(text: string, language?: string): Promise<Analysis<string[]>>;
  recognizePii(text: string, language?: string): Promise<Analysis<PiiResult>>;
  /** Releases what the backend holds (a worker thread). */
  close?(): Promise<void>;
}

/**
 * What `analyze` does on every backend: the detected language is every analysis's hint (without one, Azure assumes
 * English), and the asked-for analyses run side by side.
 */
export async function analyzeWithLanguageHint(analyzer: TextAnalyzer, text: string, wanted: readonly AnalysisName[]): Promise<TextAnalyses> {
  const language = await analyzer.detectLanguage(text);
  const hint = language.available && language.result.iso !== 'und' ? language.result.iso : undefined;
  return { language, ...(await analysesWithHint(analyzer, text, wanted, hint)) };
}

/** The analyses `wanted`, each told the text's language (`hint`), without detecting it. */
export async function analysesWithHint(analyzer: TextAnalyzer, text: string, wanted: readonly AnalysisName[], hint: string | undefined): Promise<Partial<TextAnalyses>> {
  const run = (name: AnalysisName): Promise<Analysis<unknown>> => {
    switch (name) {
      case 'sentiment':
        return analyzer.analyzeSentiment(text, hint);
      case 'keyPhrases':
        return analyzer.extractKeyPhrases(text, hint);
      case 'entities':
        return analyzer.recognizeEntities(text, hint);
      case 'pii':
        return analyzer.recognizePii(text, hint);
    }
  };
  const results = await Promise.all(wanted.map(run));
  const analyses: Partial<TextAnalyses> = {};
  wanted.forEach((name, index) => Object.assign(analyses, { [name]: results[index] }));
  return analyses;
}

export function available<T>(result: T, partErrors: PartError[] = []): Analysis<T> {
  return { available: true, result, partErrors };
}

export function unavailable<T>(reason: string): Analysis<T> {
  return { available: false, reason };
}

/** Both positive and negative at least this strong (and the weaker at least half the stronger): mixed. */
const MIXED_FLOOR = 0.15;
const MIXED_BALANCE = 0.5;

/**
 * The label that agrees with the scores people are shown: mixed when positive and negative are both strong,
 * else the strongest score. Both backends label sentences and documents with it, so a card never says
 * "Negative" over "positive 17%, neutral 56%, negative 27%".
 */
export function sentimentOf(scores: SentimentScores): SentimentLabel {
  const { positive, neutral, negative } = scores;
  const weaker = Math.min(positive, negative);
  if (weaker >= MIXED_FLOOR && weaker >= MIXED_BALANCE * Math.max(positive, negative)) return 'mixed';
  if (positive >= negative && positive >= neutral) return 'positive';
  if (negative >= neutral) return 'negative';
  return 'neutral';
}
