/** Below this confidence a detected language is not trusted (to pick a pair, a target, or to refuse an analysis). */
export const TRUSTED_DETECTION = 0.5;

// Made with the first name asked for: building it loads ICU's language names (about 20 ms).
let displayNames: Intl.DisplayNames | undefined;

/** "es" -> "Spanish"; an unknown code comes back as it is. */
export function languageName(code: string): string {
  try {
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}
