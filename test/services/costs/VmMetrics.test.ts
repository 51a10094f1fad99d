import { strict as assert } from 'node:assert';
import { IDLE_BYTES_PER_HOUR, isIdle, type VmActivity } from '../../../services/costs/VmMetrics.js';

const MB = 1024 * 1024;
const QUIET: VmActivity = { cpuPercent: 2, networkInBytes: MB, networkOutBytes: MB, diskReadBytes: 0, diskWriteBytes: 5 * MB };
const limits = { cpuPercent: 5, minutes: 60 };

describe('isIdle: CPU, network and disk all low over the window', () => {
  it('is idle only when every measure is there and low', () => {
    assert.equal(isIdle(QUIET, limits), true);
    assert.equal(isIdle({ ...QUIET, cpuPercent: 5 }, limits), false, 'CPU at the limit is not idle');
    assert.equal(isIdle({ ...QUIET, diskWriteBytes: 300 * MB }, limits), false, 'checkpoints being written');
    assert.equal(isIdle({ ...QUIET, networkInBytes: 2048 * MB }, limits), false, 'a dataset streaming in');
    assert.equal(isIdle({ ...QUIET, networkOutBytes: 60 * MB }, limits), false);
    assert.equal(isIdle({ ...QUIET, diskReadBytes: 150 * MB }, limits), false);
  });

  it('never reads a measure Azure had no data for as idle', () => {
    for (const measure of ['cpuPercent', ...Object.keys(IDLE_BYTES_PER_HOUR)] as Array<keyof VmActivity>) {
      const without = { ...QUIET };
      delete without[measure];
      assert.equal(isIdle(without, limits), false, measure);
    }
    assert.equal(isIdle({}, limits), false);
  });

  it('scales the byte limits to the window', () => {
    assert.equal(isIdle({ ...QUIET, diskWriteBytes: 60 * MB }, limits), true);
    assert.equal(isIdle({ ...QUIET, diskWriteBytes: 60 * MB }, { cpuPercent: 5, minutes: 30 }), false, '60 MB in half an hour is 120 MB an hour');
  });
});
