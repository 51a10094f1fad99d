import { strict as assert } from 'node:assert';
import { loadConfig } from '../../config/index.js';
import { configErrorText } from './configProblems.js';

describe('config: the Apertium warm-up (APERTIUM_WARM_LANGUAGES)', () => {
  it('leaves the choice to the default when unset or blank', () => {
    assert.equal(loadConfig({}).translator.apertium.warmLanguages, undefined);
    assert.equal(loadConfig({ APERTIUM_WARM_LANGUAGES: ' ' }).translator.apertium.warmLanguages, undefined);
  });

  it('reads `none` as no warm-up, and a list of language codes in any case', () => {
    assert.deepEqual(loadConfig({ APERTIUM_WARM_LANGUAGES: 'None' }).translator.apertium.warmLanguages, []);
    assert.deepEqual(loadConfig({ APERTIUM_WARM_LANGUAGES: 'es, FR,,glg' }).translator.apertium.warmLanguages, ['es', 'fr', 'glg']);
  });

  it('refuses what is not a language code, naming the variable', () => {
    assert.match(configErrorText({ APERTIUM_WARM_LANGUAGES: 'es,spanish,e' }), /APERTIUM_WARM_LANGUAGES: expected language codes such as es,fr \(or none\), got "spanish, e"/);
  });
});
