import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from './BotFrameworkAdapter.js';
import type { Logger } from '../../logging/logger.js';
import { parseJsonObject } from '../http/readJsonBody.js';

/** Clock skew allowed on a token's times, as the Bot Framework SDK allows. */
const SKEW_SECONDS = 5 * 60;
/** A token signed with a key nobody has validated yet reaches the SDK (which may fetch signing keys) this often at most. */
const UNKNOWN_KEY_INTERVAL_MS = 10_000;

type Refusal = { refused: true; reason: string };

/**
 * Checks a request's Bot Framework token before botbuilder does, so that a forged one costs nothing and says
 * nothing: a token that cannot be one of ours (not a JWT, not RS256, no key id, another audience, expired) is
 * refused without the SDK; one signed with a key no real request has used yet reaches the SDK at most once every
 * 10 s, so forged tokens with made-up key ids cannot make the bot fetch the Bot Framework's signing keys once each.
 * Whatever the SDK refuses is refused too; the caller answers 401 with a fixed body and logs the reason once.
 */
export class TokenGate {
  private readonly knownKeys = new Set<string>();
  private lastUnknownKey = -Infinity;
  private unknownKeyInFlight = false;

  constructor(
    private readonly authentication: BotFrameworkAuthentication,
    /** MicrosoftAppId; empty: authentication is off (Emulator, local use) and the SDK lets everything in. */
    private readonly appId: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(activity: Activity, authorization: string | undefined): Promise<AuthenticateRequestResult | Refusal> {
    let kid: string | undefined;
    let unknownKey = false;
    if (this.appId !== '') {
      const shape = this.inspect(authorization ?? '');
      if ('refused' in shape) return shape;
      kid = shape.kid;
      unknownKey = !this.knownKeys.has(kid);
      if (unknownKey) {
        if (this.unknownKeyInFlight || this.now() - this.lastUnknownKey < UNKNOWN_KEY_INTERVAL_MS) return refused('signed with a key not seen before, too soon after another');
        this.unknownKeyInFlight = true;
        this.lastUnknownKey = this.now();
      }
    }
    try {
      const result = await this.authentication.authenticateRequest(activity, authorization ?? '');
      if (kid) this.knownKeys.add(kid);
      return result;
    } catch (error) {
      return refused(error instanceof Error ? error.message : 'the SDK refused the token');
    } finally {
      if (unknownKey) this.unknownKeyInFlight = false;
    }
  }

  /** What can be told without a key: the token's form, its algorithm, audience and times. */
  private inspect(authorization: string): { kid: string } | Refusal {
    const [scheme, token, extra] = authorization.split(' ');
    if (scheme !== 'Bearer' || !token || extra !== undefined) return refused('no bearer token');
    const parts = token.split('.');
    if (parts.length !== 3) return refused('not a JWT');
    const header = decodePart(parts[0]);
    const payload = decodePart(parts[1]);
    if (!header || !payload) return refused('not a JWT');
    if (header.alg !== 'RS256' || typeof header.kid !== 'string' || header.kid === '') return refused('not signed as the Bot Framework signs');
    if (payload.aud !== this.appId) return refused('for another audience');
    const nowSeconds = this.now() / 1000;
    if (typeof payload.exp !== 'number' || payload.exp + SKEW_SECONDS < nowSeconds) return refused('expired');
    if (typeof payload.nbf === 'number' && payload.nbf - SKEW_SECONDS > nowSeconds) return refused('not valid yet');
    return { kid: header.kid };
  }
}

function refused(reason: string): Refusal {
  return { refused: true, reason };
}

function decodePart(part: string): Record<string, unknown> | undefined {
  return parseJsonObject(Buffer.from(part, 'base64url').toString('utf8'));
}
