import { strict as assert } from 'node:assert';
import { LocalTextAnalyzer } from '../../../services/textAnalytics/LocalTextAnalyzer.js';
import type { Analysis } from '../../../services/textAnalytics/TextAnalyzer.js';

function resultOf<T>(analysis: Analysis<T>): T {
  assert.ok(analysis.available, analysis.available ? '' : analysis.reason);
  return analysis.result;
}

describe('LocalTextAnalyzer (offline)', () => {
  let analyzer: LocalTextAnalyzer;
  before(async () => {
    analyzer = await LocalTextAnalyzer.create();
  });

  const sentiments: Array<[string, string]> = [
    ['I love this cluster, it is wonderful.', 'positive'],
    ['The training run crashed again and I hate it.', 'negative'],
    ['The meeting is at 3 pm in room 4.', 'neutral'],
    ['I loved the new GPU. The driver install was painful.', 'mixed'],
  ];
  for (const [text, expected] of sentiments) {
    it(`reads "${text}" as ${expected}`, async () => {
      assert.equal(resultOf(await analyzer.analyzeSentiment(text)).sentiment, expected);
    });
  }

  it('scores each sentence at its offset in the text', async () => {
    const text = 'I loved the new GPU. The driver install was painful.';
    const { sentences } = resultOf(await analyzer.analyzeSentiment(text));
    assert.deepEqual(
      sentences.map((sentence) => [sentence.sentiment, text.slice(sentence.offset, sentence.offset + sentence.text.length)]),
      [
        ['positive', 'I loved the new GPU.'],
        ['negative', 'The driver install was painful.'],
      ],
    );
  });

  it('detects English and Spanish, and says unknown rather than guessing on a scrap', async () => {
    assert.equal(resultOf(await analyzer.detectLanguage('The training run finished an hour ago.')).iso, 'en');
    assert.equal(resultOf(await analyzer.detectLanguage('La ejecución del entrenamiento terminó hace una hora.')).name, 'Spanish');
    assert.equal(resultOf(await analyzer.detectLanguage('?!')).iso, 'und');
  });

  it('finds people, places, organizations, dates, money and emails with their offsets', async () => {
    const text = 'Ada Lovelace met the Microsoft team in Seattle on Monday and paid $300 to jane@contoso.com.';
    const entities = resultOf(await analyzer.recognizeEntities(text));
    const found = entities.map((entity) => [entity.text, entity.category]);
    for (const expected of [
      ['Ada Lovelace', 'Person'],
      ['Microsoft', 'Organization'],
      ['Seattle', 'Location'],
      ['Monday', 'DateTime'],
      ['$300', 'Quantity'],
      ['jane@contoso.com', 'Email'],
    ]) {
      assert.ok(found.some(([entityText, category]) => entityText === expected[0] && category === expected[1]), `${expected} in ${JSON.stringify(found)}`);
    }
    for (const entity of entities) assert.equal(text.slice(entity.offset, entity.offset + entity.length), entity.text);
  });

  it('finds no entities in text without any', async () => {
    assert.deepEqual(resultOf(await analyzer.recognizeEntities('the run is slow and the loss is flat')), []);
  });

  it('extracts noun phrases as key phrases', async () => {
    const phrases = resultOf(await analyzer.extractKeyPhrases('Our data pipeline failed because the storage account expired.'));
    assert.ok(phrases.includes('data pipeline'), phrases.join(', '));
    assert.ok(phrases.includes('storage account'), phrases.join(', '));
  });

  it('refuses English-only analyses of Spanish text instead of scoring it with an English lexicon', async () => {
    const spanish = 'Me encantó la nueva GPU, pero la instalación del controlador fue dolorosa.';
    for (const analysis of [
      await analyzer.analyzeSentiment(spanish),
      await analyzer.recognizeEntities(spanish),
      await analyzer.extractKeyPhrases(spanish),
    ]) {
      assert.equal(analysis.available, false);
      assert.match(analysis.available ? '' : analysis.reason, /looks Spanish.*ask the bot's administrator about Azure AI Language/);
    }
    assert.equal((await analyzer.analyzeSentiment(spanish, 'es')).available, false, 'the hint alone is enough');
    assert.equal((await analyzer.recognizePii('Escribe a ana@contoso.es')).available, true, 'PII works in any language');
  });
});
