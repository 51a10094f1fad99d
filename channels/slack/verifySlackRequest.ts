import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses to replay requests older than five minutes; so do we, in both directions. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

type VerificationFailure = 'missing-headers' | 'malformed-timestamp' | 'malformed-signature' | 'stale' | 'mismatch';
type Verification = { ok: true } | { ok: false; reason: VerificationFailure };

interface SignedRequest {
  /** The body exactly as received: the signature covers these bytes, not a re-encoding of them. */
  rawBody: Buffer;
  /** `X-Slack-Request-Timestamp` */
  timestamp: string | undefined;
  /** `X-Slack-Signature` */
  signature: string | undefined;
}

const SIGNATURE = /^v0=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Checks `X-Slack-Signature` = `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`), compared in constant
 * time, with the timestamp no more than five minutes from `nowSeconds`.
 */
export function verifySlackRequest(request: SignedRequest, signingSecret: string, nowSeconds: number): Verification {
  const { rawBody, timestamp, signature } = request;
  if (!timestamp || !signature) return { ok: false, reason: 'missing-headers' };
  if (!TIMESTAMP.test(timestamp)) return { ok: false, reason: 'malformed-timestamp' };
  const given = SIGNATURE.exec(signature);
  if (!given) return { ok: false, reason: 'malformed-signature' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'stale' };

  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest();
  const ok = timingSafeEqual(expected, Buffer.from(given[1], 'hex'));
  return ok ? { ok: true } : { ok: false, reason: 'mismatch' };
}

