import nlp from 'compromise/two';

/**
 * Names people, places and organizations in runs of proper nouns (from wink-nlp's tagger) with compromise's
 * lexicon and tag hierarchy. Parsing whole texts with compromise costs ~10 ms a message; looking up its
 * lexicon costs microseconds and finds the same known names.
 */
type NameCategory = 'Person' | 'Location' | 'Organization';

interface TagInfo {
  parents: string[];
}

const model = nlp.model() as unknown as {
  one: { lexicon: Record<string, string | string[]>; tagSet: Record<string, TagInfo> };
};
const { lexicon, tagSet } = model.one;

const ORGANIZATION_SUFFIXES = new Set(['inc', 'inc.', 'ltd', 'ltd.', 'llc', 'corp', 'corp.', 'corporation', 'gmbh', 'plc', 'university', 'institute', 'labs', 'foundation']);
const HONORIFICS = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'prof', 'prof.']);

function categoryOfTag(tag: string): NameCategory | undefined {
  const lineage = [tag, ...(tagSet[tag]?.parents ?? [])];
  if (lineage.includes('Person')) return 'Person';
  if (lineage.includes('Place')) return 'Location';
  if (lineage.includes('Organization')) return 'Organization';
  return undefined;
}

function categoryOfWords(words: string): NameCategory | undefined {
  const tags = lexicon[words.toLowerCase()];
  for (const tag of Array.isArray(tags) ? tags : tags ? [tags] : []) {
    const category = categoryOfTag(tag);
    if (category) return category;
  }
  return undefined;
}

/** The category of a run of proper nouns ("Ada Lovelace", "New York", "Contoso Ltd."), or undefined if unknown. */
export function categorizeName(tokens: readonly string[], precededBy?: string): NameCategory | undefined {
  if (precededBy && HONORIFICS.has(precededBy.toLowerCase())) return 'Person';
  if (ORGANIZATION_SUFFIXES.has(tokens[tokens.length - 1].toLowerCase()) && tokens.length > 1) return 'Organization';
  const whole = categoryOfWords(tokens.join(' '));
  if (whole) return whole;
  // A known first or last name makes the run a person ("Grace Hopper"); otherwise the first known word decides.
  const categories = tokens.map(categoryOfWords);
  if (categories.includes('Person')) return 'Person';
  return categories.find((category) => category !== undefined);
}
