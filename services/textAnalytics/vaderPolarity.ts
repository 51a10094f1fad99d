import vader, { type PolarityScores } from 'vader-sentiment';

const analyzer = vader.SentimentIntensityAnalyzer;

/** What VADER strips from a word's ends (its REGEX_REMOVE_PUNCTUATION), and the punctuation it strips as one piece. */
const STRIPPED = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const PUNCTUATION = new Set(['.', '!', '?', ',', ';', ':', '-', "'", '"', '!!', '!!!', '??', '???', '?!?', '!?!', '?!?!', '!?!?']);
const LEADING = /^[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+/;
const TRAILING = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/;
const UPPER = /^[^a-z]*[A-Z]+[^a-z]*$/;

/**
 * VADER's `polarity_scores`, the same numbers for every sentence, without its cost. vader-sentiment (1.1.3) finds
 * each token's bare word through a dictionary it builds per call, of every word with each of 17 punctuation marks
 * before and after it (34 strings per word, most of the time a sentence takes); here the punctuation is stripped
 * from the token's ends and the bare word looked up in a set. The scoring is VADER's own static methods, unchanged.
 */
export function vaderPolarity(text: string): PolarityScores {
  const words = wordsAndEmoticons(text);
  const sentiText = { text, words_and_emoticons: words, is_cap_diff: allCapDifferential(words) };
  let sentiments: number[] = [];
  for (let index = 0; index < words.length; index++) {
    // "kind of" is a dampener, not kindness. VADER skips its boosters here too; none of them is in its lexicon, so
    // sentiment_valence gives them 0 anyway (the tests hold this against the package).
    if (index < words.length - 1 && words[index].toLowerCase() === 'kind' && words[index + 1].toLowerCase() === 'of') {
      sentiments.push(0);
      continue;
    }
    sentiments = analyzer.sentiment_valence(0, sentiText, words[index], index, sentiments);
  }
  sentiments = analyzer.but_check(words, sentiments);
  return analyzer.score_valence(sentiments, text);
}

/** VADER's tokens: split on white space, one-character tokens dropped, a word with punctuation on one end bare. */
function wordsAndEmoticons(text: string): string[] {
  const bareWords = new Set(text.replace(STRIPPED, '').split(/\s/).filter((word) => word.length > 1));
  const tokens = text.split(/\s/).filter((token) => token.length > 1);
  return tokens.map((token) => {
    // A bare word has none of the stripped characters, so punctuation glued to it is the whole run at one end.
    const leading = LEADING.exec(token)?.[0];
    if (leading) {
      const word = token.slice(leading.length);
      return PUNCTUATION.has(leading) && bareWords.has(word) ? word : token;
    }
    const trailing = TRAILING.exec(token)?.[0];
    if (trailing) {
      const word = token.slice(0, token.length - trailing.length);
      return PUNCTUATION.has(trailing) && bareWords.has(word) ? word : token;
    }
    return token;
  });
}

/** Some words, not all, in capitals: VADER then reads capitals as emphasis. */
function allCapDifferential(words: string[]): boolean {
  const capitals = words.filter((word) => UPPER.test(word)).length;
  const others = words.length - capitals;
  return others > 0 && others < words.length;
}
