/** Below this confidence a detected language is not trusted (to pick a pair, a target, or to refuse an analysis). */
export const TRUSTED_DETECTION = 0.5;

// Made with the first name asked for: building it loads ICU's language names (about 20 ms).
let displayNames: Intl.DisplayNames | undefined;
/** Names already looked up: ICU takes about 8 µs a name, and every analysis names its language. */
const known = new Map<string, string>();
/** Codes come from people too (`translate xx`): the names kept stay few. */
const MAX_KNOWN = 256;

/** "es" -> "Spanish"; an unknown code comes back as it is. */
export function languageName(code: string): string {
  const name = known.get(code);
  if (name !== undefined) return name;
  try {
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
    const found = displayNames.of(code) ?? code;
    if (known.size < MAX_KNOWN) known.set(code, found);
    return found;
  } catch {
    return code;
  }
}
