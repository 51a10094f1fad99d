import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { languageName } from '../languageNames.js';
import { BOT_LANGUAGE, isoFromApertium } from './languages.js';

const run = promisify(execFile);

/** An installed translation direction: ISO codes for people, the mode name for Apertium. */
export interface ApertiumPair {
  from: string;
  to: string;
  mode: string;
}

/** Debian's Apertium pair packages (bookworm); each one translates both ways. */
const DEBIAN_PACKAGES = [
  'afr-nld', 'arg-cat', 'bel-rus', 'br-fr', 'cat-ita', 'cat-srd', 'dan-nor', 'en-gl', 'eng-cat', 'eng-spa', 'eo-ca',
  'eo-en', 'eo-es', 'eo-fr', 'es-gl', 'es-pt', 'es-ro', 'eu-en', 'eu-es', 'fr-es', 'fra-cat', 'fra-frp', 'hbs-eng',
  'hbs-mkd', 'hbs-slv', 'ind-zlm', 'isl-eng', 'isl-swe', 'mkd-bul', 'mkd-eng', 'nno-nob', 'oc-ca', 'oc-es', 'oci-fra',
  'pol-szl', 'por-cat', 'pt-gl', 'rus-ukr', 'spa-arg', 'spa-ast', 'spa-cat', 'spa-ita', 'srd-ita', 'swe-dan', 'swe-nor',
  'urd-hin',
];

/** The Debian package that would add a direction, if Debian has one. */
export function debianPackageFor(from: string, to: string): string | undefined {
  const name = DEBIAN_PACKAGES.find((pair) => {
    const [a, b] = pair.split('-').map(isoFromApertium);
    return (a === from && b === to) || (a === to && b === from);
  });
  return name ? `apertium-${name}` : undefined;
}

/**
 * Translation modes are `<from>-<to>[_variant].mode`; a variant (spa-eng_US) is used only when the pair has no
 * plain mode. Other modes (analysers, taggers) have other shapes and are left out.
 */
export function pairsFromModes(modes: readonly string[]): ApertiumPair[] {
  const pairs = new Map<string, ApertiumPair>();
  for (const mode of [...modes].sort((a, b) => a.length - b.length)) {
    const match = /^([a-z]{2,3})-([a-z]{2,3})(?:_[a-z_]+)?$/i.exec(mode);
    if (!match) continue;
    const from = isoFromApertium(match[1]);
    const to = isoFromApertium(match[2]);
    const key = `${from}>${to}`;
    if (!pairs.has(key)) pairs.set(key, { from, to, mode });
  }
  return [...pairs.values()];
}

/** Languages whose pairs with English are warmed after start when APERTIUM_WARM_LANGUAGES does not name them. */
const DEFAULT_WARM_LANGUAGES = 2;

/**
 * The pairs a warm-up starts: into and out of English (what auto-translation uses) for `languages`, or else for the
 * first installed languages by code, up to DEFAULT_WARM_LANGUAGES (each pipeline is a dozen programs and about
 * 100 MB). English into the language first: a conversation starts with `translate auto ...`, whose reply is in it.
 * `missing`: languages asked for that have no pair with English here.
 */
export function pairsToWarm(pairs: readonly ApertiumPair[], languages?: readonly string[]): { warm: ApertiumPair[]; left: ApertiumPair[]; missing: string[] } {
  const other = (pair: ApertiumPair) => (pair.from === BOT_LANGUAGE ? pair.to : pair.from);
  const withEnglish = pairs.filter((pair) => pair.from === BOT_LANGUAGE || pair.to === BOT_LANGUAGE);
  const installed = [...new Set(withEnglish.map(other))].sort();
  const chosen = languages ?? installed.slice(0, DEFAULT_WARM_LANGUAGES);
  const warm = chosen.flatMap((language) =>
    [withEnglish.find((pair) => pair.from === BOT_LANGUAGE && pair.to === language), withEnglish.find((pair) => pair.to === BOT_LANGUAGE && pair.from === language)].filter(
      (pair): pair is ApertiumPair => pair !== undefined,
    ),
  );
  return { warm, left: withEnglish.filter((pair) => !warm.includes(pair)), missing: chosen.filter((language) => !installed.includes(language)) };
}

/** The modes installed under `<dataDir>/modes`; none when Apertium is not installed. */
export async function installedModes(dataDir: string): Promise<string[]> {
  try {
    const files = await readdir(join(dataDir, 'modes'));
    return files.filter((file) => file.endsWith('.mode')).map((file) => file.slice(0, -'.mode'.length));
  } catch {
    return [];
  }
}

/** The mode as a null-flush shell pipeline (every program with -z), as `apertium -z` runs it. */
export async function nullFlushScript(dataDir: string, mode: string): Promise<string> {
  const { stdout } = await run('apertium-wblank-mode', ['-z', join(dataDir, 'modes', `${mode}.mode`)]);
  return stdout.trim();
}

export function describePair(pair: { from: string; to: string }): string {
  return `${languageName(pair.from)} → ${languageName(pair.to)}`;
}
