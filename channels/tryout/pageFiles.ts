import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type restify from 'restify';
import { pageRequestProblem } from './pageRequests.js';

// Built, this file is in dist/channels/tryout/; the page's files need no build and stay in the source folder.
const PAGE_DIR = new URL(import.meta.url.endsWith('.ts') ? './page/' : '../../../channels/tryout/page/', import.meta.url);
const resolvePackage = createRequire(import.meta.url).resolve;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** Every file the page is made of, by the path it is served at; nothing else is served. */
const FILES: ReadonlyArray<[route: string, file: () => string]> = [
  ['/', () => fileURLToPath(new URL('index.html', PAGE_DIR))],
  ['/tryout/tryout.js', () => fileURLToPath(new URL('tryout.js', PAGE_DIR))],
  ['/tryout/render.js', () => fileURLToPath(new URL('render.js', PAGE_DIR))],
  ['/tryout/teamsHostConfig.js', () => fileURLToPath(new URL('teamsHostConfig.js', PAGE_DIR))],
  ['/tryout/tryout.css', () => fileURLToPath(new URL('tryout.css', PAGE_DIR))],
  // The official Adaptive Cards renderer and markdown-it, as their packages ship them for browsers.
  ['/tryout/vendor/adaptivecards.min.js', () => resolvePackage('adaptivecards/dist/adaptivecards.min.js')],
  ['/tryout/vendor/markdown-it.min.js', () => resolvePackage('markdown-it/browser')],
];

/**
 * Scripts only from this server, pictures from it or inline (thumbnails are data: URLs); the Adaptive Cards
 * renderer sets inline styles. No framing, no referrer.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

/** The page at `/` and its scripts and styles, read from disk on each request (nothing held in memory). */
export function mountPageFiles(server: restify.Server, loopbackOnly: boolean): void {
  for (const [route, file] of FILES) {
    const type = TYPES[route === '/' ? 'html' : route.slice(route.lastIndexOf('.') + 1)];
    server.get(route, async (req, res) => {
      const problem = pageRequestProblem(req, loopbackOnly);
      if (problem) return void res.send(403, { error: problem });
      const body = await readFile(file());
      res.writeHead(200, { ...PAGE_HEADERS, 'content-type': type, 'content-length': body.length });
      res.end(body);
    });
  }
}
