import { cld3 } from '../cld3.js';
import type { DetectedSource } from './Translator.js';

export type LanguageDetector = (text: string) => Promise<DetectedSource>;

/**
 * Offline language detection with cld3 (the same identifier the offline text analyzer uses on this thread). Its
 * WebAssembly module is loaded with the first detection, not with the bot.
 */
export function cld3Detector(): LanguageDetector {
  return async (text) => {
    const { language, probability } = (await cld3()).findLanguage(text);
    return { language, confidence: language === 'und' ? 0 : probability };
  };
}
