import { strict as assert } from 'node:assert';
import { loadConfig } from '../../config/index.js';
import { configErrorText } from './configProblems.js';

const APP_IDENTITY = { MicrosoftAppId: '5f4c0a39-0000-4000-8000-000000000001', MicrosoftAppPassword: 'secret' };

describe('config: the try-out page (TRYOUT_PAGE)', () => {
  it('is on in local mode and off with an app identity, unless set', () => {
    assert.equal(loadConfig({}).tryout.enabled, true);
    assert.equal(loadConfig({ TRYOUT_PAGE: 'false' }).tryout.enabled, false);
    assert.equal(loadConfig(APP_IDENTITY).tryout.enabled, false);
    assert.equal(loadConfig({ ...APP_IDENTITY, TRYOUT_PAGE: 'true' }).tryout.enabled, true);
    assert.match(configErrorText({ TRYOUT_PAGE: 'yes' }), /TRYOUT_PAGE: expected one of true, false, got "yes"/);
  });

  it('knows when labmate listens on loopback only', () => {
    assert.equal(loadConfig({}).tryout.loopbackOnly, true);
    assert.equal(loadConfig({ HOST: '::1' }).tryout.loopbackOnly, true);
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).tryout.loopbackOnly, false);
  });

  it('lets its people be operators only on loopback without an app identity', () => {
    assert.deepEqual(loadConfig({ VM_OPERATORS: 'tryout/3f2a9c1e-page' }).vmOperators, ['tryout/3f2a9c1e-page']);
    assert.match(configErrorText({ HOST: '0.0.0.0', VM_OPERATORS: 'tryout/3f2a9c1e-page' }), /VM_OPERATORS: expected no tryout\/ entry: the try-out page does not authenticate people/);
    assert.match(configErrorText({ ...APP_IDENTITY, TRYOUT_PAGE: 'true', VM_OPERATORS: 'tryout/3f2a9c1e-page' }), /VM_OPERATORS: expected no tryout\/ entry/);
    assert.equal(configErrorText({ ...APP_IDENTITY, TRYOUT_PAGE: 'false', VM_OPERATORS: 'tryout/3f2a9c1e-page' }), '', 'no page, nothing to claim');
    assert.equal(configErrorText({ ...APP_IDENTITY, TRYOUT_PAGE: 'true', VM_OPERATORS: 'msteams/5e1b0d4e-0000-4000-8000-00000000a11c' }), '');
  });
});
