import { strict as assert } from 'node:assert';
import { parseTranslateRequest } from '../../../dialogs/translate/translateRequest.js';

describe('parseTranslateRequest', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['off', { kind: 'off' }],
    ['auto spanish', { kind: 'auto', language: 'es' }],
    ['auto Español', { kind: 'auto', language: 'es' }],
    ['auto klingon', { kind: 'auto', language: undefined, asTyped: 'klingon' }],
    ['to spanish: the training run finished', { kind: 'text', to: 'es', text: 'the training run finished', explicit: true }],
    ['to simplified chinese: hello', { kind: 'text', to: 'zh-Hans', text: 'hello', explicit: true }],
    ['to es hello team', { kind: 'text', to: 'es', text: 'hello team', explicit: true }],
    ['German: good morning', { kind: 'text', to: 'de', text: 'good morning', explicit: true }],
    ['es hello team', { kind: 'text', to: 'es', text: 'hello team', explicit: false }],
    ['hello team', { kind: 'text', to: undefined, text: 'hello team', explicit: false }],
    ['new model is ready', { kind: 'text', to: undefined, text: 'new model is ready' }],
    ['note: the GPU is busy', { kind: 'text', to: undefined, text: 'note: the GPU is busy' }],
    ['to klingon: hello', { kind: 'text', unknownLanguage: 'klingon', text: 'hello' }],
  ];
  for (const [argument, expected] of cases) {
    it(`reads "${argument}"`, () => {
      const request = parseTranslateRequest(argument) as Record<string, unknown>;
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(request[key], value, `${key} of "${argument}"`);
    });
  }
});
