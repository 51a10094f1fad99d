import type { LanguageIdentifier } from 'cld3-asm';
import winkNLP, { type ItemEntity, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { cld3 } from '../cld3.js';
import { languageName } from '../languageNames.js';
import { detectedLanguage, guessedLanguage } from './cld3Language.js';
import { splitIntoDocuments, type TextPart } from './documents.js';
import { findPii } from './localPii.js';
import { categorizeName } from './properNouns.js';
import { vaderPolarity } from './vaderPolarity.js';
import {
  analysesWithHint,
  analyzeWithLanguageHint,
  available,
  type AnalysisName,
  unavailable,
  type Analysis,
  type DetectedLanguage,
  type Entity,
  type PiiResult,
  type SentenceSentiment,
  type SentimentResult,
  type SentimentScores,
  type TextAnalyses,
  type TextAnalyzer,
  sentimentOf,
} from './TextAnalyzer.js';

/** wink-nlp entity types -> the categories Azure AI Language uses, so cards read the same on both backends. */
const WINK_CATEGORIES: Record<string, { category: string; subcategory?: string }> = {
  DATE: { category: 'DateTime', subcategory: 'Date' },
  TIME: { category: 'DateTime', subcategory: 'Time' },
  DURATION: { category: 'DateTime', subcategory: 'Duration' },
  MONEY: { category: 'Quantity', subcategory: 'Currency' },
  PERCENT: { category: 'Quantity', subcategory: 'Percentage' },
  CARDINAL: { category: 'Quantity', subcategory: 'Number' },
  ORDINAL: { category: 'Quantity', subcategory: 'Ordinal' },
  EMAIL: { category: 'Email' },
  URL: { category: 'URL' },
};

/** What wink read in a piece of text: its words, their part-of-speech tags, and the entities it found. */
interface TaggedPiece {
  words: string[];
  tags: string[];
  entities: Array<{ value: string; type: string }>;
}

/** Pieces kept: enough for the pieces of one long text (25,000 characters in pieces of 2,000) between two analyses. */
const TAGGED_PIECES = 16;

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * The offline backend: cld3 for language, VADER for English sentiment, wink-nlp's tagger with compromise's
 * lexicon for English entities, wink-nlp for key phrases, patterns with checksums for PII. Everything loads
 * from node_modules; no network.
 */
export class LocalTextAnalyzer implements TextAnalyzer {
  readonly backendName = 'offline analyzer';

  /** The last few pieces wink read: `analyze` asks for entities and key phrases of the same text, one after the other. */
  private readonly tagged = new Map<string, TaggedPiece>();

  private constructor(
    private readonly wink: WinkMethods,
    private identifier?: LanguageIdentifier,
  ) {}

  /**
   * `withLanguage: false` (the worker): cld3 is not loaded with the models, because the main thread detects the
   * language (sharing the translator's cld3) and hands it over with each call; it loads if a call comes without.
   */
  static async create(options: { withLanguage?: boolean } = {}): Promise<LocalTextAnalyzer> {
    return new LocalTextAnalyzer(winkNLP(model), options.withLanguage === false ? undefined : await cld3());
  }

  analyze(text: string, wanted: readonly AnalysisName[]): Promise<TextAnalyses> {
    return analyzeWithLanguageHint(this, text, wanted);
  }

  /** `analyze` with the language already detected (`hint`: its code, or the English-only guess when unknown). */
  analyzeWithHint(text: string, wanted: readonly AnalysisName[], hint: string): Promise<Partial<TextAnalyses>> {
    return analysesWithHint(this, text, wanted, hint);
  }

  async detectLanguage(text: string): Promise<Analysis<DetectedLanguage>> {
    return detectedLanguage(await this.languageIdentifier(), text);
  }

  private async languageIdentifier(): Promise<LanguageIdentifier> {
    this.identifier ??= await cld3();
    return this.identifier;
  }

  async analyzeSentiment(text: string, language?: string): Promise<Analysis<SentimentResult>> {
    const refusal = await this.englishOnly(text, language, 'Sentiment');
    if (refusal) return unavailable(refusal);
    const sentences: SentenceSentiment[] = [];
    for (const { segment, index } of sentenceSegmenter.segment(text)) {
      const sentence = segment.trim();
      if (!sentence) continue;
      const scores = vaderScores(vaderPolarity(sentence));
      sentences.push({ text: sentence, offset: index + segment.indexOf(sentence), sentiment: sentimentOf(scores), scores, opinions: [] });
    }
    // The document's scores are its sentences' weighted by length: VADER's rules (a "but", exclamation marks) are
    // meant for one sentence, and sentence scores are what people read anyway.
    const totalLength = sentences.reduce((sum, sentence) => sum + sentence.text.length, 0) || 1;
    const weighted = (score: keyof SentimentScores) =>
      sentences.reduce((sum, sentence) => sum + sentence.scores[score] * sentence.text.length, 0) / totalLength;
    const scores = { positive: weighted('positive'), neutral: weighted('neutral'), negative: weighted('negative') };
    return available({ sentiment: sentimentOf(scores), scores, sentences });
  }

  async recognizeEntities(text: string, language?: string): Promise<Analysis<Entity[]>> {
    const refusal = await this.englishOnly(text, language, 'Entity recognition');
    if (refusal) return unavailable(refusal);
    const entities = inPieces(text).flatMap((piece) => this.entitiesOf(piece.text).map((entity) => ({ ...entity, offset: entity.offset + piece.offset })));
    return available(entities);
  }

  async extractKeyPhrases(text: string, language?: string): Promise<Analysis<string[]>> {
    const refusal = await this.englishOnly(text, language, 'Key phrase extraction');
    if (refusal) return unavailable(refusal);
    const phrases = new Set(inPieces(text).flatMap((piece) => this.keyPhrasesOf(piece.text)));
    return available([...phrases]);
  }

  private entitiesOf(text: string): Entity[] {
    const { words, tags, entities: found } = this.tag(text);
    const entities = namedEntities(text, words, tags);
    let cursor = 0;
    for (const { value, type } of found) {
      const offset = text.indexOf(value, cursor);
      const mapped = WINK_CATEGORIES[type];
      if (offset < 0 || !mapped) continue;
      cursor = offset + value.length;
      const overlapsName = entities.some((other) => offset < other.offset + other.length && other.offset < offset + value.length);
      if (!overlapsName) entities.push({ text: value, ...mapped, offset, length: value.length });
    }
    return entities.sort((a, b) => a.offset - b.offset);
  }

  /** Noun phrases from wink's part-of-speech tags: adjectives and nouns ending in a noun ("new GPU"). */
  private keyPhrasesOf(text: string): string[] {
    const { words, tags } = this.tag(text);
    const phrases: string[] = [];
    let run: string[] = [];
    let runEndsInNoun = false;
    const flush = () => {
      if (runEndsInNoun) phrases.push(run.join(' '));
      run = [];
      runEndsInNoun = false;
    };
    tags.forEach((tag, index) => {
      if (tag === 'NOUN' || tag === 'PROPN') {
        run.push(words[index]);
        runEndsInNoun = true;
      } else if (tag === 'ADJ' && !runEndsInNoun) {
        run.push(words[index]);
      } else {
        flush();
        if (tag === 'ADJ') run.push(words[index]);
      }
    });
    flush();
    return phrases;
  }

  /** wink's reading of a piece (its most costly step), kept for the next analysis of the same piece. */
  private tag(text: string): TaggedPiece {
    const known = this.tagged.get(text);
    if (known) return known;
    const { its } = this.wink;
    const doc = this.wink.readDoc(text);
    const entities: TaggedPiece['entities'] = [];
    doc.entities().each((entity: ItemEntity) => void entities.push({ value: entity.out(), type: entity.out(its.type) }));
    const piece = { words: doc.tokens().out(its.value), tags: doc.tokens().out(its.pos), entities };
    if (this.tagged.size >= TAGGED_PIECES) this.tagged.delete(this.tagged.keys().next().value as string);
    this.tagged.set(text, piece);
    return piece;
  }

  async recognizePii(text: string): Promise<Analysis<PiiResult>> {
    // Patterns (emails, cards, IBANs, IPs, phone numbers) do not depend on the language.
    return available(findPii(text));
  }

  /** The reason this analysis cannot be given offline, or undefined when the text reads as English. */
  private async englishOnly(text: string, language: string | undefined, analysis: string): Promise<string | undefined> {
    const iso = language ?? guessedLanguage(await this.languageIdentifier(), text);
    if (iso === 'en' || iso === 'und') return undefined;
    return (
      `${analysis} offline reads English only, and this text looks ${languageName(iso)}. ` +
      "Language detection and personal data work in every language; for the rest, ask the bot's administrator about Azure AI Language."
    );
  }
}

/**
 * VADER's scores as scores of the kind Azure gives (they sum to 1 and the strongest is the label). VADER's compound
 * score squeezes strong sentences towards the middle ("The driver install was painful." is -0.44), so the polar
 * share is the larger of its square root and VADER's share of polar words, split between positive and negative as
 * the words are: "loved ..., but ... painful" is mixed, "I hate waiting" negative rather than 52% neutral.
 */
function vaderScores(vader: { pos: number; neu: number; neg: number; compound: number }): SentimentScores {
  const polarWords = vader.pos + vader.neg;
  const polar = Math.min(1, Math.max(Math.sqrt(Math.abs(vader.compound)), polarWords));
  if (polar === 0) return { positive: 0, neutral: 1, negative: 0 };
  const positiveShare = polarWords > 0 ? vader.pos / polarWords : vader.compound > 0 ? 1 : 0;
  return { positive: polar * positiveShare, neutral: 1 - polar, negative: polar * (1 - positiveShare) };
}

/**
 * wink-nlp's tagging costs grow faster than the text (25,000 characters of "wow!" take seconds in one piece): it
 * reads sentence-aligned pieces of at most this many characters, so any text costs about as much as its length.
 */
const PIECE_CHARS = 2_000;

function inPieces(text: string): TextPart[] {
  return splitIntoDocuments(text, PIECE_CHARS);
}

/** People, places and organizations: runs of proper nouns, named by compromise's lexicon (knownNames.ts), at their offsets. */
function namedEntities(text: string, words: string[], tags: string[]): Entity[] {
  const entities: Entity[] = [];
  const offsets: number[] = [];
  let cursor = 0;
  for (const word of words) {
    const offset = text.indexOf(word, cursor);
    offsets.push(offset);
    if (offset >= 0) cursor = offset + word.length;
  }
  for (let start = 0; start < words.length; start++) {
    if (tags[start] !== 'PROPN') continue;
    let end = start;
    while (end + 1 < words.length && tags[end + 1] === 'PROPN') end++;
    const category = categorizeName(words.slice(start, end + 1), words[start - 1]);
    const from = offsets[start];
    const to = offsets[end] + words[end].length;
    if (category && from >= 0 && offsets[end] >= 0) entities.push({ text: text.slice(from, to), category, offset: from, length: to - from });
    start = end;
  }
  return entities;
}
