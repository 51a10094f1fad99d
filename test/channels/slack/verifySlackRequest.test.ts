import { strict as assert } from 'node:assert';
import { verifySlackRequest } from '../../../channels/slack/verifySlackRequest.js';
import { SIGNING_SECRET, slackSignature } from '../../support/slack.js';

describe('verifySlackRequest (real HMAC-SHA256)', () => {
  const now = 1_700_000_000;
  const body = 'token=x&team_id=T0001&command=%2Flabmate&text=analyze+I+love+it';
  const signed = (rawBody: string | Buffer, overrides: { secret?: string; timestamp?: number } = {}) => {
    const timestamp = overrides.timestamp ?? now;
    return {
      rawBody: Buffer.from(rawBody),
      timestamp: String(timestamp),
      signature: slackSignature(rawBody, overrides.secret ?? SIGNING_SECRET, timestamp),
    };
  };

  it('accepts a request signed with the secret, now and up to 5 minutes either way', () => {
    assert.deepEqual(verifySlackRequest(signed(body), SIGNING_SECRET, now), { ok: true });
    assert.deepEqual(verifySlackRequest(signed(body, { timestamp: now - 300 }), SIGNING_SECRET, now), { ok: true });
    assert.deepEqual(verifySlackRequest(signed(body, { timestamp: now + 300 }), SIGNING_SECRET, now), { ok: true });
  });

  it('refuses a request signed with another secret', () => {
    assert.deepEqual(verifySlackRequest(signed(body, { secret: 'another-secret' }), SIGNING_SECRET, now), { ok: false, reason: 'mismatch' });
  });

  it('refuses a stale timestamp (6 minutes old) and a future one (6 minutes ahead), even when correctly signed', () => {
    assert.deepEqual(verifySlackRequest(signed(body, { timestamp: now - 360 }), SIGNING_SECRET, now), { ok: false, reason: 'stale' });
    assert.deepEqual(verifySlackRequest(signed(body, { timestamp: now + 360 }), SIGNING_SECRET, now), { ok: false, reason: 'stale' });
  });

  it('refuses missing headers and malformed ones', () => {
    const good = signed(body);
    assert.deepEqual(verifySlackRequest({ ...good, signature: undefined }, SIGNING_SECRET, now), { ok: false, reason: 'missing-headers' });
    assert.deepEqual(verifySlackRequest({ ...good, timestamp: undefined }, SIGNING_SECRET, now), { ok: false, reason: 'missing-headers' });
    assert.deepEqual(verifySlackRequest({ ...good, timestamp: '1700000000.5' }, SIGNING_SECRET, now), { ok: false, reason: 'malformed-timestamp' });
    assert.deepEqual(verifySlackRequest({ ...good, signature: good.signature.replace('v0=', 'v1=') }, SIGNING_SECRET, now), {
      ok: false,
      reason: 'malformed-signature',
    });
    assert.deepEqual(verifySlackRequest({ ...good, signature: good.signature.slice(0, -2) }, SIGNING_SECRET, now), {
      ok: false,
      reason: 'malformed-signature',
    });
    assert.deepEqual(verifySlackRequest({ ...good, signature: good.signature.toUpperCase().replace('V0=', 'v0=') }, SIGNING_SECRET, now), {
      ok: false,
      reason: 'malformed-signature',
    });
  });

  it('refuses a body altered after signing, by one character', () => {
    const request = signed(body);
    assert.deepEqual(verifySlackRequest({ ...request, rawBody: Buffer.from(body.replace('love', 'hate')) }, SIGNING_SECRET, now), {
      ok: false,
      reason: 'mismatch',
    });
    assert.deepEqual(verifySlackRequest({ ...request, rawBody: Buffer.from(body + '&') }, SIGNING_SECRET, now), { ok: false, reason: 'mismatch' });
  });

  it('hashes the raw bytes: a form body that changes when decoded and re-encoded still verifies, and its re-encoding does not', () => {
    // Slack encodes spaces as "+", leaves "*" and "~" alone, and percent-encodes UTF-8; URLSearchParams re-encodes
    // differently ("*" stays, "~" becomes %7E, "%20" becomes "+"), so a verifier that re-serialises the form fails.
    const raw = 'text=caf%C3%A9%20*bold*~tilde+%26+%3Cb%3E+%F0%9F%9A%80&command=%2Flabmate&user_id=U0ADA';
    const request = signed(raw);
    assert.deepEqual(verifySlackRequest(request, SIGNING_SECRET, now), { ok: true });
    const reencoded = new URLSearchParams(raw).toString();
    assert.notEqual(reencoded, raw);
    assert.deepEqual(verifySlackRequest({ ...request, rawBody: Buffer.from(reencoded) }, SIGNING_SECRET, now), { ok: false, reason: 'mismatch' });
    // Bytes that are not valid UTF-8 are hashed as they are, not as a decoded string.
    const binary = Buffer.concat([Buffer.from('text='), Buffer.from([0xc3, 0x28, 0xff])]);
    const binaryRequest = { rawBody: binary, timestamp: String(now), signature: slackSignature(binary, SIGNING_SECRET, now) };
    assert.deepEqual(verifySlackRequest(binaryRequest, SIGNING_SECRET, now), { ok: true });
    assert.deepEqual(
      verifySlackRequest({ ...binaryRequest, rawBody: Buffer.from(binary.toString('utf8')) }, SIGNING_SECRET, now),
      { ok: false, reason: 'mismatch' },
    );
  });
});
