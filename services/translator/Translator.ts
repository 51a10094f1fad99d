/** The translation port and its domain types; no SDK type crosses this line. */

export interface DetectedSource {
  /** ISO 639-1 where there is one ("es"), else the backend's code. */
  language: string;
  /** 0..1 */
  confidence: number;
}

export interface Translation {
  text: string;
  /** The language translated into. */
  to: string;
  /** The language translated from: the one asked for, or the detected one. */
  from: string;
  /** Present when the source language was detected rather than given. */
  detected?: DetectedSource;
}

/**
 * plain: the texts are text. html: the texts are HTML fragments; tags and protected elements
 * (`<span class="notranslate">…</span>`, written exactly so) come back byte for byte as they went in, and only the
 * text between them is translated. Translation may move words across a tag, never into a protected element.
 */
export type TextType = 'plain' | 'html';

export interface TranslateOptions {
  /** ISO 639-1 code (Azure also takes BCP 47 tags such as zh-Hans). */
  to: string;
  /** Absent: detect the source language. */
  from?: string;
  /** Absent: plain. */
  textType?: TextType;
}

interface LanguagePair {
  from: string;
  to: string;
}

export interface SupportedLanguages {
  /** Every language the backend can translate into or from. */
  languages: string[];
  /** Absent: any supported language to any other (Azure); present: only these directions (Apertium). */
  pairs?: LanguagePair[];
}

/** What a warm-up loaded ahead of the first request, for the log. */
export interface WarmUp {
  /** "language detection", "English → Spanish", ... */
  warmed: string[];
  /** Installed, but left to start with their first request (the warm-up is bounded). */
  left: string[];
}

export interface Translator {
  /** Shown to people so they know where the answer came from. */
  readonly backendName: string;
  /** One result per text, in the same order. */
  translate(texts: readonly string[], options: TranslateOptions): Promise<Translation[]>;
  detect(text: string): Promise<DetectedSource>;
  supportedLanguages(): Promise<SupportedLanguages>;
  /**
   * Loads what the first translation would otherwise wait for (Apertium's programs, the language detector), in the
   * background after start; requests that come meanwhile use what is being loaded.
   */
  warmUp?(): Promise<WarmUp>;
  /** Stops any helper processes the backend runs. */
  close?(): Promise<void>;
}

/** True when the backend can translate `from` into `to`. */
export function supportsPair(supported: SupportedLanguages, from: string, to: string): boolean {
  if (supported.pairs) return supported.pairs.some((pair) => pair.from === from && pair.to === to);
  return supported.languages.includes(from) && supported.languages.includes(to);
}
