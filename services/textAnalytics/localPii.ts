import type { Entity, PiiResult } from './TextAnalyzer.js';

/**
 * Pattern-based PII detection for the offline backend. Patterns with a checksum (cards: Luhn, IBAN: mod 97)
 * are confirmed by it, so a random 16-digit number is not called a card.
 */
interface PiiPattern {
  category: string;
  pattern: RegExp;
  accept?: (match: string) => boolean;
}

const PATTERNS: PiiPattern[] = [
  { category: 'Email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g },
  { category: 'IBAN', pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, accept: isValidIban },
  { category: 'CreditCardNumber', pattern: /(?<!\d[ -]?)\b(?:\d[ -]?){12,18}\d\b(?![ -]?\d)/g, accept: passesLuhn },
  { category: 'IPAddress', pattern: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g },
  {
    category: 'IPAddress',
    pattern: /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}(?![\w:])/g,
  },
  {
    // International (+44 20 7946 0958) or North American ((425) 555-0100, 425-555-0100); never a piece of a longer number.
    category: 'PhoneNumber',
    pattern: /(?<![\w+]|\d[ .-])(?:\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}|(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4})(?![\w]|[ .-]\d)/g,
    accept: (match) => digitsOf(match).length >= 9 && digitsOf(match).length <= 15,
  },
];

export function findPii(text: string): PiiResult {
  const found: Entity[] = [];
  for (const { category, pattern, accept } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[0];
      const offset = match.index ?? 0;
      if (accept && !accept(value)) continue;
      // Earlier patterns win: a card number is not also a phone number.
      if (found.some((entity) => overlaps(entity, offset, value.length))) continue;
      found.push({ text: value, category, offset, length: value.length });
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
