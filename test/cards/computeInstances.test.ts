import { strict as assert } from 'node:assert';
import { idleDuration } from '../../cards/computeInstances.js';

describe('compute instance cards', () => {
  it('words an ISO 8601 idle time as a person reads it, and leaves anything else as Azure wrote it', () => {
    assert.equal(idleDuration('PT30M'), '30 min');
    assert.equal(idleDuration('PT1H30M'), '1 h 30 min');
    assert.equal(idleDuration('P1D'), '1 d');
    assert.equal(idleDuration('PT'), 'PT');
    assert.equal(idleDuration('soon'), 'soon');
  });
});
