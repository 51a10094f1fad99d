import { actionsOf, linesOf, type Action, type Line, type Card, type Section, type Span } from './Card.js';

/**
 * Auto-translation of a result document. Each line goes to the translator as one HTML fragment: labmate's prose as
 * text (strong as <b>, emphasis as <i>), everything else (what people wrote, names, ids, command words,
 * placeholders, links) as `<span class="notranslate">`, which both backends return untouched and in place. Each
 * answer is read back into spans; a line whose protected spans did not all come back exactly once and unaltered
 * stays as it was: a line in English is better than a command that no longer works.
 *
 * `translate` takes HTML fragments and answers one per fragment, in order (Translator.translate with textType
 * html); when it fails, so does this, and the caller decides what to show. Everything here is linear in the length
 * of the texts: a person's paste can be 25,000 brackets.
 */
export async function translateDocument(
  document: Card,
  translate: (html: string[]) => Promise<string[]>,
): Promise<Card> {
  const fragments = new Map<string, number>();
  const ask = (html: string | undefined) => {
    if (html !== undefined && !fragments.has(html)) fragments.set(html, fragments.size);
  };
  const lineHtml = new Map<Line, string | undefined>(linesOf(document).map((line) => [line, htmlOf(line)]));
  lineHtml.forEach(ask);
  for (const action of actionsOf(document)) ask(titleHtml(action));
  if (fragments.size === 0) return mapDocument(document, copyLine, copyAction);

  const answers = await translate([...fragments.keys()]);
  const answerTo = (html: string | undefined) => (html === undefined ? undefined : answers[fragments.get(html) ?? -1]);
  return mapDocument(
    document,
    (line) => {
      const spans = readAnswer(answerTo(lineHtml.get(line)), line.spans.filter(isProtected));
      return spans ? { ...line, spans } : copyLine(line);
    },
    (action) => {
      const spans = readAnswer(answerTo(titleHtml(action)), titleDataSpans(action));
      const title = spans?.map((span) => span.text).join('').trim();
      return title ? { ...action, title } : copyAction(action);
    },
  );
}

/** Spans that must reach the person exactly as they are; links too, so the label stays what the link is about. */
function isProtected(span: Span): boolean {
  return !span.translate || span.href !== undefined || span.style === 'code' || span.style === 'placeholder';
}

const PROTECTED_START = '<span class="notranslate">';
const PROTECTED_END = '</span>';
const STYLE_TAGS: Partial<Record<Span['style'], string>> = { strong: 'b', emphasis: 'i' };

/** The line as one HTML fragment; undefined when it has no words of labmate's to translate. */
function htmlOf(line: Line): string | undefined {
  if (!line.spans.some((span) => !isProtected(span) && span.text.trim() !== '')) return undefined;
  return line.spans
    .map((span) => {
      if (isProtected(span)) return PROTECTED_START + escapeHtml(span.text) + PROTECTED_END;
      const tag = STYLE_TAGS[span.style];
      return tag ? `<${tag}>${escapeHtml(span.text)}</${tag}>` : escapeHtml(span.text);
    })
    .join('');
}

/** A button's title as one HTML fragment, its data part protected; undefined when there is nothing to translate. */
function titleHtml({ title, titleData }: Action): string | undefined {
  const at = titleData ? title.indexOf(titleData) : -1;
  if (titleData === undefined || at < 0) return title.trim() === '' ? undefined : escapeHtml(title);
  const before = title.slice(0, at);
  const after = title.slice(at + titleData.length);
  if ((before + after).trim() === '') return undefined;
  return escapeHtml(before) + PROTECTED_START + escapeHtml(titleData) + PROTECTED_END + escapeHtml(after);
}

/** The title's data part, which must come back exactly once and unaltered. */
function titleDataSpans({ title, titleData }: Action): Span[] {
  return titleData !== undefined && title.includes(titleData) ? [{ text: titleData, style: 'plain', translate: false }] : [];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

/**
 * An answer as spans: its text as prose (styled by the <b>/<i> around it), each protected element as the span it
 * stands for, matched by content, in order where the order held. Undefined (keep the original line) when the
 * answer is missing or empty, or a protected span came back lost, twice or altered.
 */
function readAnswer(answer: string | undefined, protectedSpans: Span[]): Span[] | undefined {
  if (answer === undefined || answer.trim() === '') return undefined;
  const expected = protectedSpans.map((span) => escapeHtml(span.text));
  const used = expected.map(() => false);
  let next = 0;
  const spans: Span[] = [];
  const depth = { b: 0, i: 0 };
  let prose: Span | undefined; // the prose span text is added to while the style holds
  let words = false;
  const addText = (html: string) => {
    const text = decodeHtml(html);
    if (text === '') return;
    words ||= text.trim() !== '';
    const style = depth.b > 0 ? 'strong' : depth.i > 0 ? 'emphasis' : 'plain';
    if (prose?.style === style) {
      prose.text += text;
    } else {
      prose = { text, style, translate: true };
      spans.push(prose);
    }
  };

  let position = 0;
  while (position < answer.length) {
    const open = answer.indexOf('<', position);
    const close = open < 0 ? -1 : answer.indexOf('>', open);
    if (close < 0) break; // no tag from here on: the rest is text
    addText(answer.slice(position, open));
    if (answer.startsWith(PROTECTED_START, open)) {
      const contentEnd = answer.indexOf(PROTECTED_END, open + PROTECTED_START.length);
      if (contentEnd < 0) return undefined;
      const content = answer.slice(open + PROTECTED_START.length, contentEnd);
      const match = expected[next] === content && !used[next] ? next : expected.findIndex((candidate, index) => !used[index] && candidate === content);
      if (match < 0) return undefined;
      used[match] = true;
      while (used[next]) next++;
      spans.push({ ...protectedSpans[match] });
      prose = undefined;
      position = contentEnd + PROTECTED_END.length;
      continue;
    }
    const tag = answer.slice(open + 1, close).toLowerCase();
    if (tag === 'b' || tag === 'i') depth[tag]++;
    else if ((tag === '/b' || tag === '/i') && depth[tag[1] as 'b' | 'i'] > 0) depth[tag[1] as 'b' | 'i']--;
    // any other tag is not ours: left out
    position = close + 1;
  }
  addText(answer.slice(position));
  // An answer with no words left is as good as empty.
  return words && used.every(Boolean) ? spans : undefined;
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const LONGEST_REFERENCE = 12;

/** HTML text as text: the character references a translator writes decoded, any other '&' kept as it is. */
function decodeHtml(html: string): string {
  let text = '';
  let position = 0;
  let ampersand: number;
  let semicolon = -1; // searched again only once passed: linear in the length
  while ((ampersand = html.indexOf('&', position)) >= 0) {
    if (semicolon < ampersand) semicolon = html.indexOf(';', ampersand);
    if (semicolon < 0) break;
    const name = semicolon - ampersand <= LONGEST_REFERENCE ? html.slice(ampersand + 1, semicolon) : '';
    const decoded = decodeReference(name);
    text += html.slice(position, ampersand) + (decoded ?? '&');
    position = decoded === undefined ? ampersand + 1 : semicolon + 1;
  }
  return text + html.slice(position);
}

function decodeReference(name: string): string | undefined {
  const numeric = /^#(?:x([\da-f]{1,6})|(\d{1,7}))$/i.exec(name);
  if (!numeric) return Object.hasOwn(NAMED_REFERENCES, name) ? NAMED_REFERENCES[name] : undefined;
  const code = numeric[1] ? parseInt(numeric[1], 16) : Number(numeric[2]);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

// ---- A new document with every line and action passed through a function; the input is never touched ----

function copyLine(line: Line): Line {
  return { ...line, spans: line.spans.map((span) => ({ ...span })) };
}

function copyAction(action: Action): Action {
  return { ...action };
}

function mapDocument(document: Card, line: (line: Line) => Line, action: (action: Action) => Action): Card {
  return {
    ...document,
    ...(document.title ? { title: line(document.title) } : {}),
    sections: document.sections.map((section) => mapSection(section, line, action)),
    ...(document.notes ? { notes: document.notes.map(line) } : {}),
    ...(document.actions ? { actions: document.actions.map(action) } : {}),
  };
}

function mapSection(section: Section, line: (line: Line) => Line, action: (action: Action) => Action): Section {
  const { heading, lines, bullets, facts, table, picture, actions } = section;
  return {
    ...section,
    ...(heading ? { heading: line(heading) } : {}),
    ...(lines ? { lines: lines.map(line) } : {}),
    ...(bullets ? { bullets: bullets.map(line) } : {}),
    ...(facts ? { facts: facts.map((entry) => ({ label: line(entry.label), value: line(entry.value) })) } : {}),
    ...(table ? { table: { columns: table.columns.map(line), rows: table.rows.map((row) => row.map(line)) } } : {}),
    ...(picture ? { picture: { ...picture } } : {}),
    ...(actions ? { actions: actions.map(action) } : {}),
  };
}
