import { strict as assert } from 'node:assert';
import { redactUrl, routeTemplate } from '../../../services/telemetry/redactUrl.js';

describe('telemetry: URLs as they may leave the process', () => {
  it('keeps labmate\'s own routes, cuts the notices secret, queries and unknown paths', () => {
    assert.equal(routeTemplate('/api/messages'), '/api/messages');
    assert.equal(routeTemplate('/api/slack/commands?x=1'), '/api/slack/commands');
    assert.equal(routeTemplate('/api/notices/autoshutdown/s3cr3t-value-123456789'), '/api/notices/autoshutdown/:secret');
    assert.equal(routeTemplate('/other/thing/secret'), '/other/{redacted}');
    assert.equal(routeTemplate('/Zm9vYmFy'), '/{redacted}');
  });

  it('keeps an outside URL\'s host and word segments; ids, tokens and the query go', () => {
    assert.equal(redactUrl('https://hooks.slack.com/commands/T0123/4567/AbCdEfGhIjKlMnOp?x=1'), 'https://hooks.slack.com/commands/{id}/{id}/{id}');
    assert.equal(redactUrl('https://lang.cognitiveservices.azure.com/text/analytics/v3.1/sentiment?opinionMining=true'), 'https://lang.cognitiveservices.azure.com/text/analytics/{id}/sentiment');
    assert.equal(redactUrl('https://management.azure.com/subscriptions/0000/resourceGroups/ml-rg/providers/Microsoft.Compute/virtualMachines/gpu-01/start'), 'https://management.azure.com/subscriptions/{id}/resourceGroups/ml-rg/providers/Microsoft.Compute/virtualMachines/{id}/start');
    assert.equal(redactUrl('not a url'), '{redacted}');
  });
});
