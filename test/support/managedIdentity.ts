import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeManagedIdentity {
  /** The access token issued for a resource (an audience): unsigned, JWT-shaped, as Azurite's OAuth check reads it. */
  tokenFor(resource: string): string;
  requests: Array<{ resource: string | null; header?: string }>;
}

const IDENTITY_HEADER = `test-identity-header-${randomUUID()}`;
let shared: Promise<FakeManagedIdentity> | undefined;

/**
 * The App Service managed identity endpoint, once per test process, on plain http as App Service serves it:
 * GET $IDENTITY_ENDPOINT?api-version=2019-08-01&resource=... with X-IDENTITY-HEADER: $IDENTITY_HEADER answers
 * {access_token, expires_on, resource, token_type}. IDENTITY_ENDPOINT and IDENTITY_HEADER are set for the whole
 * run because MSAL remembers the managed identity source it found first. Each resource gets its own token, a JWT
 * with that audience (Entra ID's issuer, a lifetime), which the local services check.
 */
export function sharedManagedIdentity(): Promise<FakeManagedIdentity> {
  shared ??= start();
  return shared;
}

async function start(): Promise<FakeManagedIdentity> {
  const now = Math.floor(Date.now() / 1000);
  const tenant = randomUUID();
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const identity: FakeManagedIdentity = {
    tokenFor: (resource) =>
      [part({ alg: 'none', typ: 'JWT' }), part({ aud: resource, iss: `https://sts.windows.net/${tenant}/`, iat: now, nbf: now - 60, exp: now + 86_400, oid: tenant }), 'unsigned'].join('.'),
    requests: [],
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const header = req.headers['x-identity-header'] as string | undefined;
    identity.requests.push({ resource: url.searchParams.get('resource'), header });
    const valid = url.pathname === '/msi/token' && header === IDENTITY_HEADER && url.searchParams.get('api-version') === '2019-08-01';
    const body = valid
      ? { access_token: identity.tokenFor(url.searchParams.get('resource') ?? ''), expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: url.searchParams.get('resource'), token_type: 'Bearer' }
      : { error: 'invalid_request', error_description: 'bad managed identity request' };
    res.writeHead(valid ? 200 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
  process.env.IDENTITY_HEADER = IDENTITY_HEADER;
  return identity;
}
