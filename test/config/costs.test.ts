import { strict as assert } from 'node:assert';
import { loadConfig } from '../../config/index.js';
import { badVariables, configErrorText } from './configProblems.js';

describe('cost guard settings', () => {
  it('has sensible defaults: UTC, 4 hours, 5 %, every 10 minutes, the public prices API, no notices', () => {
    assert.deepEqual(loadConfig({}).costGuard, {
      publicUrl: undefined,
      noticeSecret: undefined,
      defaultTimeZone: 'UTC',
      idleAfterHours: 4,
      idleCpuPercent: 5,
      idleCheckMinutes: 10,
      retailPricesUrl: 'https://prices.azure.com/api/retail/prices',
    });
  });

  it('reads a Windows time zone id in any capitalisation, as Azure spells it', () => {
    const config = loadConfig({ VM_AUTOSTOP_TIME_ZONE: 'w. europe standard time', PUBLIC_URL: 'https://labmate.example.com/', VM_NOTICE_SECRET: 'a'.repeat(32) });
    assert.equal(config.costGuard.defaultTimeZone, 'W. Europe Standard Time');
    assert.equal(config.costGuard.publicUrl, 'https://labmate.example.com');
  });

  it("takes App Service's own host name when PUBLIC_URL is not set, whatever the cloud's domain", () => {
    assert.equal(loadConfig({ WEBSITE_HOSTNAME: 'labmate-bot.azurewebsites.us' }).costGuard.publicUrl, 'https://labmate-bot.azurewebsites.us');
    assert.equal(loadConfig({ WEBSITE_HOSTNAME: 'labmate-bot.azurewebsites.net', PUBLIC_URL: 'https://bot.example.com' }).costGuard.publicUrl, 'https://bot.example.com');
    assert.equal(loadConfig({}).costGuard.publicUrl, undefined);
  });

  it('takes fractions of an hour and of a percent, each within its range, and says what it expects', () => {
    const { costGuard } = loadConfig({ VM_IDLE_AFTER_HOURS: '0.5', VM_IDLE_CPU_PERCENT: '2.5', VM_IDLE_CHECK_MINUTES: '1.5' });
    assert.deepEqual([costGuard.idleAfterHours, costGuard.idleCpuPercent, costGuard.idleCheckMinutes], [0.5, 2.5, 1.5]);
    assert.match(configErrorText({ VM_IDLE_AFTER_HOURS: '0.1' }), /VM_IDLE_AFTER_HOURS: expected a number from 0.25 to 336, got "0.1"/);
    assert.deepEqual(badVariables({ VM_IDLE_CPU_PERCENT: '-1', VM_IDLE_CHECK_MINUTES: '1e3' }), ['VM_IDLE_CHECK_MINUTES', 'VM_IDLE_CPU_PERCENT']);
  });

  it('names every bad value at once', () => {
    assert.deepEqual(
      badVariables({
        VM_AUTOSTOP_TIME_ZONE: 'Europe/Berlin',
        PUBLIC_URL: 'http://labmate.example.com',
        VM_NOTICE_SECRET: 'short',
        VM_IDLE_AFTER_HOURS: 'four',
        VM_IDLE_CPU_PERCENT: '101',
        AZURE_RETAIL_PRICES_URL: 'prices',
      }),
      ['AZURE_RETAIL_PRICES_URL', 'PUBLIC_URL', 'VM_AUTOSTOP_TIME_ZONE', 'VM_IDLE_AFTER_HOURS', 'VM_IDLE_CPU_PERCENT', 'VM_NOTICE_SECRET'],
    );
  });
});
