import type { IncomingMessage } from 'node:http';
import { LocalJsonService } from './LocalJsonService.js';

export interface TranslatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  texts: string[];
}

/** Translator v3 error bodies: { error: { code: HTTP status x 1000 + detail, message } }. */
export const TRANSLATOR_ERRORS = {
  badKey: { status: 401, body: { error: { code: 401000, message: 'The request is not authorized because credentials are missing or invalid.' } } },
  missingRegion: { status: 401, body: { error: { code: 401001, message: 'The request is not authorized because credentials are missing or invalid.' } } },
  rateLimited: { status: 429, body: { error: { code: 429001, message: 'The server rejected the request because the client has exceeded request limits.' } } },
} as const;

/**
 * A local server answering as the Translator v3.0 REST reference documents it: POST /translate?api-version=3.0
 * &to=..[&from=..][&textType=html] with [{"Text": ...}] -> [{detectedLanguage?, translations:[{text, to}]}], GET
 * /languages, the key and region headers, the 1,000-element and 50,000-character limits, and the error bodies. Its
 * "translation" is the text in upper case with the target language in front, so order is checkable. With
 * textType=html it translates only the text between tags, and keeps tags, character references and elements marked
 * class="notranslate" or translate="no" as they came ("only works when the input textType is set as HTML").
 */
export class FakeTranslator extends LocalJsonService {
  constructor() {
    super({ 'x-requestid': 'fake-request' });
  }

  readonly key = 'test-translator-key';
  readonly requests: TranslatorRequest[] = [];
  /** When set, requests must carry this Ocp-Apim-Subscription-Region (a regional resource). */
  requiredRegion?: string;
  failure?: { status: number; body: unknown };
  /** A misbehaving service: answers html texts without their first notranslate element. */
  dropsNotranslate = false;

  reset(): void {
    this.requests.length = 0;
    this.failure = undefined;
    this.requiredRegion = undefined;
    this.dropsNotranslate = false;
  }

  protected async answer(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = Buffer.concat(chunks).toString('utf8');
    const items = (raw ? JSON.parse(raw) : []) as Array<{ Text?: string; text?: string }>;
    const texts = items.map((item) => item.Text ?? item.text ?? '');
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, texts });

    if (this.failure) return this.failure;
    if (req.headers['ocp-apim-subscription-key'] !== this.key) return TRANSLATOR_ERRORS.badKey;
    if (this.requiredRegion && req.headers['ocp-apim-subscription-region'] !== this.requiredRegion) return TRANSLATOR_ERRORS.missingRegion;
    if (url.searchParams.get('api-version') !== '3.0') return error(400, 400021, 'The API version parameter is missing or invalid.');

    if (req.method === 'GET' && url.pathname === '/languages') {
      return { status: 200, body: { translation: { en: language('English'), es: language('Spanish'), de: language('German') } } };
    }
    if (req.method !== 'POST' || url.pathname !== '/translate') return error(404, 404000, 'Not found.');
    const targets = url.searchParams.getAll('to');
    if (targets.length === 0) return error(400, 400036, 'The target language ("To" field) is missing or invalid.');
    if (texts.length > 1000) return error(400, 400072, 'The array of input text has too many elements.');
    const characters = texts.reduce((sum, text) => sum + text.length, 0) * targets.length;
    if (characters > 50_000) return error(400, 400077, 'The maximum request size has been exceeded.');
    const from = url.searchParams.get('from');
    const html = url.searchParams.get('textType')?.toLowerCase() === 'html';
    const translate = (text: string) => (html ? translateHtml(text, this.dropsNotranslate) : text.toUpperCase());
    return {
      status: 200,
      body: texts.map((text) => ({
        ...(from ? {} : { detectedLanguage: { language: /\b(hola|el|la|los|está)\b/i.test(text) ? 'es' : 'en', score: 0.97 } }),
        translations: targets.map((to) => ({ text: `[${to}] ${translate(text)}`, to })),
      })),
    };
  }
}

/**
 * Upper-cases the text between tags, leaving character references (&amp;) whole; copies tags, and elements marked
 * not to be translated (with the elements nested in them), as they are.
 */
function translateHtml(html: string, dropFirstProtected: boolean): string {
  let result = '';
  let position = 0;
  let dropping = dropFirstProtected;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    const textEnd = open < 0 ? html.length : open;
    result += upperCaseText(html.slice(position, textEnd));
    if (open < 0) break;
    const tagEnd = html.indexOf('>', open);
    if (tagEnd < 0) {
      result += html.slice(open);
      break;
    }
    const tag = html.slice(open, tagEnd + 1);
    const name = /^<([a-z][a-z0-9-]*)/i.exec(tag)?.[1];
    const kept = name !== undefined && /class="[^"]*\bnotranslate\b|translate="no"/.test(tag);
    const end = kept ? elementEnd(html, tagEnd + 1, name) : tagEnd + 1;
    if (kept && dropping) dropping = false;
    else result += html.slice(open, end);
    position = end;
  }
  return result;
}

function upperCaseText(text: string): string {
  return text.replace(/(&[#a-z0-9]+;)|[^&]+|&/gi, (part, reference: string | undefined) => reference ?? part.toUpperCase());
}

/** Where the element named `name` whose content starts at `from` ends, counting nested elements of that name. */
function elementEnd(html: string, from: number, name: string): number {
  let depth = 1;
  let position = from;
  while (position < html.length) {
    const next = html.indexOf('<', position);
    if (next < 0) break;
    if (html.startsWith(`</${name}>`, next) && --depth === 0) return next + name.length + 3;
    if (html.startsWith(`<${name}`, next)) depth++;
    position = next + 1;
  }
  return html.length;
}

function language(name: string) {
  return { name, nativeName: name, dir: 'ltr' };
}

function error(status: number, code: number, message: string) {
  return { status, body: { error: { code, message } } };
}
