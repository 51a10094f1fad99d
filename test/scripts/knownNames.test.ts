import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { KNOWN_NAMES_FILE, knownNamesModule, knownNamesOfCompromise } from '../../scripts/knownNames.js';
import { categorizeName } from '../../services/textAnalytics/properNouns.js';

describe('knownNames.ts: the names of compromise\'s lexicon the local analyzer looks up', function () {
  this.timeout(20_000);
  const names = knownNamesOfCompromise();

  it('is what scripts/knownNames.ts makes from the installed compromise (regenerate it after an upgrade)', () => {
    assert.equal(readFileSync(KNOWN_NAMES_FILE, 'utf8'), knownNamesModule(names));
  });

  it('names each word of the lexicon as compromise\'s tags do, and nothing else', () => {
    assert.ok(names.Person.length > 1000 && names.Location.length > 500 && names.Organization.length > 100);
    for (const [category, words] of Object.entries(names)) for (const word of words.filter((_, index) => index % 7 === 0)) assert.equal(categorizeName([word]), category, word);
    assert.equal(categorizeName(['Constructor']), undefined, 'not an object prototype key');
    assert.equal(categorizeName(['Ada', 'Lovelace']), 'Person');
    assert.equal(categorizeName(['Seattle']), 'Location');
  });
});
