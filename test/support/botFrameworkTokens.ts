import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Framework's OpenID metadata (the document and its JWKS, as login.botframework.com
 * publishes them), with a key of its own to sign channel tokens the way the Bot Connector does (RS256, issuer
 * https://api.botframework.com, audience the bot's app id, the serviceurl claim). Counts every fetch.
 */
export class BotFrameworkKeys {
  readonly kid = `test-key-${randomUUID()}`;
  fetches = 0;
  private readonly privateKey: KeyObject;
  private readonly jwk: Record<string, unknown>;
  private readonly server: Server;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, kty: 'RSA', use: 'sig' };
    this.server = createServer((req, res) => {
      this.fetches++;
      const body = req.url === '/keys' ? { keys: [this.jwk] } : { issuer: 'https://api.botframework.com', jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get metadataUrl(): string {
    return `${this.url}/.well-known/openid-configuration`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A channel token for `appId`, with whatever claims or header fields a test changes. */
  token(appId: string, serviceUrl: string, change: { header?: Record<string, unknown>; claims?: Record<string, unknown>; key?: KeyObject } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid, ...change.header };
    const claims = { iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, ...change.claims };
    const signed = `${encode(header)}.${encode(claims)}`;
    return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), change.key ?? this.privateKey).toString('base64url')}`;
  }
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function otherKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
