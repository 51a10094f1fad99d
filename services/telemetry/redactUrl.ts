/** Paths labmate serves, kept as they are; every other path is cut to its first segment (the notices route's secret). */
const OUR_ROUTES = /^\/(|healthz|readyz|api\/messages|api\/slack\/[a-z-]+|tryout\/api\/[a-z-]+|[\w.-]+\.(js|css|html|svg|png|ico))$/;

/** Azure's shutdown notices (dialogs/vm/CostGuard.ts NOTICE_ROUTE_PREFIX): the rest of the path is the secret. */
const NOTICES = '/api/notices/autoshutdown/';

/** A request path as a route template: no query, no ids, no secrets (the shutdown notices carry one in the path). */
export function routeTemplate(path: string): string {
  const bare = path.split(/[?#]/, 1)[0];
  if (OUR_ROUTES.test(bare)) return bare;
  if (bare.startsWith(NOTICES)) return `${NOTICES}:secret`;
  const first = /^\/([a-z][a-z-]{0,30})\//.exec(bare)?.[1];
  return first ? `/${first}/{redacted}` : '/{redacted}';
}

/** A path segment that names something rather than identifies it: `sentiment`, `virtualMachines`, `Microsoft.Compute`. */
const WORD = /^([a-z][a-z_-]{0,24}|[a-z]+([A-Z][a-z]+){1,3}|[A-Z][a-z]+\.[A-Z][a-zA-Z]+)$/;

/** An outside URL as scheme, host and a path whose ids and tokens are gone (a Slack response_url holds a token). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname
      .split('/')
      .map((segment) => (segment === '' || WORD.test(segment) ? segment : '{id}'))
      .join('/');
    return `${parsed.protocol}//${parsed.host}${path}`;
  } catch {
    return '{redacted}';
  }
}
