import { IncomingMessage, type ClientRequest } from 'node:http';
import type { Span } from '@opentelemetry/api';
import { redactUrl, routeTemplate } from './redactUrl.js';

/**
 * For the Azure distro's HTTP instrumentation: the attributes that hold a URL are overwritten with a route template
 * (incoming: the shutdown notices route has its secret in the path) or a host and a path without ids (outgoing: a
 * Slack response_url holds a token), before the span ends and is exported. The OTLP exporter (and so the collector)
 * never sees a query string either.
 */
export const httpHooks = {
  requestHook(span: Span, request: ClientRequest | IncomingMessage): void {
    if (request instanceof IncomingMessage) {
      const incoming = request;
      const route = routeTemplate(incoming.url ?? '/');
      span.setAttributes({ 'http.target': route, 'url.path': route, 'url.query': '', 'http.route': route, 'http.url': route, 'url.full': route });
      span.updateName(`${incoming.method ?? 'HTTP'} ${route}`);
      return;
    }
    const outgoing = request;
    const url = redactUrl(`${outgoing.protocol}//${outgoing.host}${outgoing.path}`);
    span.setAttributes({ 'http.url': url, 'url.full': url, 'http.target': new URL(url).pathname, 'url.path': new URL(url).pathname, 'url.query': '' });
  },
  // Headers are never captured: the distro's default captures none; said here so that nobody turns it on.
  headersToSpanAttributes: { client: { requestHeaders: [], responseHeaders: [] }, server: { requestHeaders: [], responseHeaders: [] } },
};
