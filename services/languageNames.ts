/** Below this confidence a detected language is not trusted (to pick a pair, a target, or to refuse an analysis). */
export const TRUSTED_DETECTION = 0.5;

const displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** "es" -> "Spanish"; an unknown code comes back as it is. */
export function languageName(code: string): string {
  try {
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}
