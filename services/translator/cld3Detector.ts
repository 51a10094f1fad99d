import type { DetectedSource } from './Translator.js';

export type LanguageDetector = (text: string) => Promise<DetectedSource>;

/**
 * Offline language detection with cld3 (the same model the offline text analyzer uses). Its WebAssembly module
 * (about 8 MiB) is loaded with the first detection, not with the bot.
 */
export function cld3Detector(): LanguageDetector {
  let identifier: Promise<{ findLanguage(text: string): { language: string; probability: number } }> | undefined;
  return async (text) => {
    identifier ??= import('cld3-asm').then(async ({ loadModule }) => (await loadModule()).create(0, 4096));
    const { language, probability } = (await identifier).findLanguage(text);
    return { language, confidence: language === 'und' ? 0 : probability };
  };
}
