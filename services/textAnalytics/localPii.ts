import type { Entity, PiiResult } from './TextAnalyzer.js';

/**
 * Pattern-based PII detection for the offline backend. Patterns with a checksum (cards: Luhn, IBAN: mod 97)
 * are confirmed by it, so a random 16-digit number is not called a card.
 */
interface PiiPattern {
  category: string;
  pattern: RegExp;
  /**
   * The characters a match is made of, and the longest run of them a match can sit in. Each pattern only runs on
   * such runs (with two characters of context for its lookarounds), never on the whole text: a 25,000-character
   * paste of "a.a.a" or "1-1-1" would make these patterns backtrack for seconds, and no email, card, IBAN, address
   * or phone number is that long.
   */
  runs: RegExp;
  maxRun: number;
  accept?: (match: string) => boolean;
}

const PATTERNS: PiiPattern[] = [
  { category: 'Email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, runs: /[A-Za-z0-9._%+@-]+/g, maxRun: 320 },
  {
    category: 'IBAN',
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    runs: /[A-Z0-9 ]+/g,
    maxRun: 64,
    accept: isValidIban,
  },
  { category: 'CreditCardNumber', pattern: /(?<!\d[ -]?)\b(?:\d[ -]?){12,18}\d\b(?![ -]?\d)/g, runs: /[\d -]+/g, maxRun: 64, accept: passesLuhn },
  { category: 'IPAddress', pattern: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g, runs: /[\d.]+/g, maxRun: 64 },
  {
    category: 'IPAddress',
    pattern: /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}(?![\w:])/g,
    runs: /[0-9A-Fa-f:]+/g,
    maxRun: 64,
  },
  {
    // International (+44 20 7946 0958) or North American ((425) 555-0100, 425-555-0100); never a piece of a longer number.
    category: 'PhoneNumber',
    pattern: /(?<![\w+]|\d[ .-])(?:\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}|(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4})(?![\w]|[ .-]\d)/g,
    runs: /[\d ().+-]+/g,
    maxRun: 64,
    accept: (match) => digitsOf(match).length >= 9 && digitsOf(match).length <= 15,
  },
];

/** Context kept around a run, for the patterns' lookbehinds and lookaheads (two characters at most). */
const CONTEXT = 2;

export function findPii(text: string): PiiResult {
  const found: Entity[] = [];
  for (const { category, pattern, runs, maxRun, accept } of PATTERNS) {
    for (const run of text.matchAll(runs)) {
      const start = run.index ?? 0;
      const end = start + run[0].length;
      if (run[0].length > maxRun) continue;
      const from = Math.max(0, start - CONTEXT);
      for (const match of text.slice(from, end + CONTEXT).matchAll(pattern)) {
        const value = match[0];
        const offset = from + (match.index ?? 0);
        if (offset < start || offset + value.length > end) continue;
        if (accept && !accept(value)) continue;
        // Earlier patterns win: a card number is not also a phone number.
        if (found.some((entity) => overlaps(entity, offset, value.length))) continue;
        found.push({ text: value, category, offset, length: value.length });
      }
    }
  }
  found.sort((a, b) => a.offset - b.offset);
  return { entities: found, redactedText: redact(text, found) };
}

function redact(text: string, entities: readonly Entity[]): string {
  let result = '';
  let cursor = 0;
  for (const entity of entities) {
    result += text.slice(cursor, entity.offset) + '*'.repeat(entity.length);
    cursor = entity.offset + entity.length;
  }
  return result + text.slice(cursor);
}

function overlaps(entity: Entity, offset: number, length: number): boolean {
  return offset < entity.offset + entity.length && entity.offset < offset + length;
}

function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

export function passesLuhn(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function isValidIban(value: string): boolean {
  const iban = value.replace(/ /g, '');
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
