import type { ProjectTag } from './TrainingProject.js';

/**
 * Longest tag name labmate accepts. Custom Vision documents no length limit for tag names that we could find
 * (its own refusal, BadRequestTagName, is mapped too); 64 keeps buttons readable and, with the escaping of the
 * local dataset's folder names, every name under the 255 bytes a file name may have.
 */
export const MAX_TAG_NAME_CHARS = 64;

type TagNameCheck = { ok: true; name: string } | { ok: false; reason: string };

// Control characters (C0, DEL, C1) and the bidirectional overrides that make a name read differently than it is.
const FORBIDDEN = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** A tag name as typed, tidied (trimmed, inner runs of spaces made one) and checked. */
export function checkTagName(typed: string): TagNameCheck {
  if (FORBIDDEN.test(typed.trim())) return { ok: false, reason: 'A tag name cannot contain control characters.' };
  const name = typed.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: false, reason: 'A tag name cannot be empty.' };
  if (name.length > MAX_TAG_NAME_CHARS) return { ok: false, reason: `A tag name can have up to ${MAX_TAG_NAME_CHARS} characters; that one has ${name.length}.` };
  return { ok: true, name };
}

/** The tag with this name, compared without regard to case (in Unicode's compatibility form: "ｃｒａｃｋ" is "crack"). */
export function findTag(tags: readonly ProjectTag[], name: string): ProjectTag | undefined {
  const wanted = comparable(name);
  return tags.find((tag) => comparable(tag.name) === wanted);
}

/** Existing tags that match what was typed: names starting with it first, then names containing it. */
export function matchingTags(tags: readonly ProjectTag[], typed: string, limit = 5): ProjectTag[] {
  const wanted = comparable(typed);
  if (wanted === '') return [];
  const starting = tags.filter((tag) => comparable(tag.name).startsWith(wanted));
  const containing = tags.filter((tag) => !starting.includes(tag) && comparable(tag.name).includes(wanted));
  return [...starting, ...containing].slice(0, limit);
}

function comparable(name: string): string {
  return name.trim().replace(/\s+/g, ' ').normalize('NFKC').toLocaleLowerCase('en');
}
