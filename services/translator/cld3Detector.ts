import { loadModule } from 'cld3-asm';
import type { DetectedSource } from './Translator.js';

export type LanguageDetector = (text: string) => DetectedSource;

/** Offline language detection with cld3 (the same model the offline text analyzer uses). */
export async function createCld3Detector(): Promise<LanguageDetector> {
  const identifier = (await loadModule()).create(0, 4096);
  return (text) => {
    const { language, probability } = identifier.findLanguage(text);
    return { language, confidence: language === 'und' ? 0 : probability };
  };
}
