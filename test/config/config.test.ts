import { strict as assert } from 'node:assert';
import { loadConfig } from '../../config/index.js';
import { badVariables, configErrorText } from './configProblems.js';

describe('config', () => {
  it('runs on local backends on 127.0.0.1:3978 with no settings at all', () => {
    const config = loadConfig({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3978);
    assert.equal(config.bot.appId, '');
    assert.equal(config.textAnalytics, undefined);
    assert.equal(config.slack.app, undefined, 'no direct Slack app');
  });

  it('reads Azure AI Language when endpoint and key are both set, and drops a trailing slash', () => {
    const config = loadConfig({ TEXT_ANALYTICS_ENDPOINT: 'https://lab.cognitiveservices.azure.com/', TEXT_ANALYTICS_KEY: 'k' });
    assert.deepEqual(config.textAnalytics, { endpoint: 'https://lab.cognitiveservices.azure.com', key: 'k' });
  });

  it('names every bad variable in one error, with what it expects', () => {
    const message = configErrorText({
      PORT: 'eighty',
      TEXT_ANALYTICS_ENDPOINT: 'not a url',
      MicrosoftAppType: 'Anonymous',
      SLACK_BOT_TOKEN: 'xoxb-1',
    });
    assert.match(message, /PORT: expected a port number from 0 to 65535, got "eighty"/);
    assert.match(message, /TEXT_ANALYTICS_ENDPOINT: expected an absolute http\(s\) URL, got "not a url"/);
    assert.match(message, /TEXT_ANALYTICS_KEY: expected to be set too/);
    assert.match(message, /MicrosoftAppType: expected one of MultiTenant, SingleTenant, UserAssignedMSI, got "Anonymous"/);
    assert.match(message, /SLACK_SIGNING_SECRET: expected to be set/);
  });

  it('refuses a key without its endpoint, and a port out of range', () => {
    assert.deepEqual(badVariables({ TEXT_ANALYTICS_KEY: 'k' }), ['TEXT_ANALYTICS_ENDPOINT']);
    assert.deepEqual(badVariables({ PORT: '70000' }), ['PORT']);
    assert.deepEqual(badVariables({ PORT: '-1' }), ['PORT']);
    assert.deepEqual(badVariables({ TEXT_ANALYTICS_ENDPOINT: 'ftp://x', TEXT_ANALYTICS_KEY: 'k' }), ['TEXT_ANALYTICS_ENDPOINT']);
  });

  it('refuses a fraction where a whole number is expected', () => {
    assert.match(configErrorText({ SERVICE_TIMEOUT_MS: '2500.5' }), /SERVICE_TIMEOUT_MS: expected a whole number from 100 to 120000, got "2500.5"/);
    assert.deepEqual(badVariables({ PORT: '80.0' }), ['PORT']);
  });

  it('asks for the bot password and tenant that an app type needs', () => {
    assert.deepEqual(badVariables({ MicrosoftAppId: 'id' }), ['MicrosoftAppPassword']);
    assert.deepEqual(badVariables({ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'p' }), [
      'MicrosoftAppTenantId',
    ]);
    assert.deepEqual(badVariables({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }), []);
    assert.deepEqual(badVariables({ MicrosoftAppPassword: 'p' }), ['MicrosoftAppId']);
  });

  it('treats blank values as unset', () => {
    assert.deepEqual(badVariables({ TEXT_ANALYTICS_ENDPOINT: '  ', TEXT_ANALYTICS_KEY: '', PORT: '' }), []);
  });
});
