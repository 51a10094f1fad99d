import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vader from 'vader-sentiment';
import { vaderPolarity } from '../../../services/textAnalytics/vaderPolarity.js';

const library = vader.SentimentIntensityAnalyzer;

/** Every word and emoticon VADER rates, read from the package's own lexicon source. */
function lexiconWords(): string[] {
  const packageDir = dirname(createRequire(import.meta.url).resolve('vader-sentiment/package.json'));
  const source = readFileSync(join(packageDir, 'src', 'vader_lexicon.js'), 'utf8');
  const entry = /^\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([^\s:'"]+)):\s*-?[\d.]+,?$/gm;
  return [...source.matchAll(entry)].map((match) => (match[1] ?? match[2] ?? match[3]).replace(/\\(.)/g, '$1'));
}

function assertSameAsVader(sentences: string[]): void {
  const differences = sentences.filter((sentence) => JSON.stringify(vaderPolarity(sentence)) !== JSON.stringify(library.polarity_scores(sentence)));
  assert.deepEqual(
    differences.slice(0, 5).map((sentence) => ({ sentence, vader: library.polarity_scores(sentence), ours: vaderPolarity(sentence) })),
    [],
    `${differences.length} of ${sentences.length} sentences score differently`,
  );
}

describe("VADER's polarity scores without the per-call dictionary", () => {
  it('scores what VADER scores, rule by rule: punctuation, capitals, boosters, negation, "but", "kind of", idioms, emoticons', () => {
    assertSameAsVader([
      'I loved the new GPU, but the driver install was painful.',
      'Ada met the Microsoft team in Seattle on Monday.',
      "The service is kind of slow, isn't it?!",
      'GREAT work, but the UI is NOT good :(',
      'not bad at all!!!',
      "It's the shit.",
      'least good ever, at least it works, very least useful',
      'I do not like it...',
      '"Wow," she said -- amazing!',
      "Don't... really? ?!? cat!? :) :-( <3 'quoted' (parens)",
      // Marks VADER does not strip as one piece stay on the word, which it then does not know.
      'It was good... and great!? or nice)',
      'never so good; never this bad',
      'The food is good, BUT the service is horrible!!',
      'an extremely GOOD result and a slightly bad one',
      'EVERYTHING IS SO GREAT TODAY!',
      '',
      '!!',
      'a b c',
    ]);
  });

  it('scores every word in its lexicon as VADER does, bare, with punctuation, boosted, negated and in capitals', function () {
    this.timeout(10_000);
    const words = lexiconWords();
    assert.ok(words.length > 7000, `read ${words.length} lexicon entries`);
    assertSameAsVader(words.map((word) => `${word}! Not so ${word}, but kind of ${word.toUpperCase()} (${word})?`));
  });
});
