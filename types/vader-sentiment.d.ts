declare module 'vader-sentiment' {
  export interface PolarityScores {
    neg: number;
    neu: number;
    pos: number;
    compound: number;
  }
  /** What VADER's scoring reads of a text (its SentiText). */
  export interface SentiText {
    text: string;
    words_and_emoticons: string[];
    is_cap_diff: boolean;
  }
  export const SentimentIntensityAnalyzer: {
    polarity_scores(text: string): PolarityScores;
    /** Appends the valence of `item`, the word at `index`, read with the words before it. */
    sentiment_valence(valence: number, sentiText: SentiText, item: string, index: number, sentiments: number[]): number[];
    but_check(words: string[], sentiments: number[]): number[];
    score_valence(sentiments: number[], text: string): PolarityScores;
  };
}
