import type { ApertiumConfig } from '../../config/index.js';
import { ServiceError } from '../errors.js';
import { ApyClient } from './ApyClient.js';
import { debianPackageFor, describePair, installedModes, nullFlushScript, pairsFromModes, type ApertiumPair } from './apertiumPairs.js';
import { fromStream, toStream } from './apertiumStream.js';
import type { LanguageDetector } from './cld3Detector.js';
import { languageName } from '../languageNames.js';
import { NullFlushPipeline } from './NullFlushPipeline.js';
import type { DetectedSource, SupportedLanguages, TranslateOptions, Translation, Translator } from './Translator.js';

/** Runs one installed direction: local null-flush pipelines, or an apertium-apy server. */
export interface ApertiumEngine {
  translate(pair: ApertiumPair, text: string): Promise<string>;
  close(): Promise<void>;
}

/** Below this, cld3's guess is not trusted to pick a pair. */
const CONFIDENT = 0.5;

/** Offline translation with Apertium: rule-based, one installed pair per direction. */
export class ApertiumTranslator implements Translator {
  readonly backendName: string;

  constructor(
    private readonly engine: ApertiumEngine,
    readonly pairs: readonly ApertiumPair[],
    private readonly detector: LanguageDetector,
    where = 'offline',
  ) {
    this.backendName = `Apertium (${where})`;
  }

  /** The installed pairs, from the modes directory or the apertium-apy server; undefined when there are none. */
  static async create(config: ApertiumConfig, detector: LanguageDetector): Promise<ApertiumTranslator | undefined> {
    if (config.url) {
      const apy = new ApyClient(config.url);
      const pairs = await apy.listPairs();
      return new ApertiumTranslator(apy, pairs, detector, 'apertium-apy');
    }
    const pairs = pairsFromModes(await installedModes(config.dataDir));
    if (pairs.length === 0) return undefined;
    return new ApertiumTranslator(new PipelineEngine(config.dataDir), pairs, detector);
  }

  async translate(texts: readonly string[], options: TranslateOptions): Promise<Translation[]> {
    return Promise.all(texts.map((text) => this.translateOne(text, options)));
  }

  async detect(text: string): Promise<DetectedSource> {
    return this.detector(text);
  }

  async supportedLanguages(): Promise<SupportedLanguages> {
    const languages = new Set(this.pairs.flatMap((pair) => [pair.from, pair.to]));
    return { languages: [...languages], pairs: this.pairs.map(({ from, to }) => ({ from, to })) };
  }

  async close(): Promise<void> {
    await this.engine.close();
  }

  private async translateOne(text: string, options: TranslateOptions): Promise<Translation> {
    if (options.from !== options.to && !this.pairs.some((pair) => pair.to === options.to)) throw this.notInstalled(options.from, options.to);
    const detected = options.from ? undefined : this.detector(text);
    const from = options.from ?? this.sourceFor(detected as DetectedSource, options.to);
    const result = { to: options.to, from, ...(detected ? { detected } : {}) };
    if (from === options.to || text.trim() === '') return { ...result, text };
    const pair = this.pairs.find((candidate) => candidate.from === from && candidate.to === options.to);
    if (!pair) throw this.notInstalled(from, options.to);
    try {
      return { ...result, text: await this.engine.translate(pair, text) };
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      throw new ServiceError('unavailable', 'Offline translation (Apertium) failed on this text. Please try again; if it keeps failing, tell the bot\'s administrator.', {
        cause: error,
      });
    }
  }

  /**
   * The detected language when a pair translates it into the target; else the only installed source into the
   * target. cld3 misreads short texts ("good morning" as Uzbek), so a detection with no pair is not trusted.
   */
  private sourceFor(detected: DetectedSource, to: string): string {
    const sources = this.pairs.filter((pair) => pair.to === to).map((pair) => pair.from);
    if (sources.length === 0) throw this.notInstalled(undefined, to);
    const confident = detected.language !== 'und' && detected.confidence >= CONFIDENT;
    if (sources.includes(detected.language) || (confident && detected.language === to)) return detected.language;
    if (sources.length === 1) return sources[0];
    if (confident) return detected.language;
    throw new ServiceError('bad-request', 'I could not tell which language that text is in. Please send a longer piece of it.');
  }

  /** Names the installed pairs and the Debian package that would add the missing one. */
  private notInstalled(from: string | undefined, to: string): ServiceError {
    const installed = this.pairs.map(describePair).join(', ');
    const missing = from ? `no ${describePair({ from, to })} pair` : `nothing that translates into ${languageName(to)}`;
    const debianPackage = debianPackageFor(from ?? 'en', to);
    const add = debianPackage
      ? `The Debian package ${debianPackage} adds ${describePair({ from: from ?? 'en', to })} (\`apt-get install ${debianPackage}\`)`
      : `Debian has no Apertium package for ${languageName(from ?? 'en')} and ${languageName(to)}`;
    return new ServiceError(
      'unsupported',
      `Offline translation (Apertium) has ${missing} here. Installed: ${installed}. ${add}; or set TRANSLATOR_KEY to translate with Azure Translator.`,
    );
  }
}

/** One persistent null-flush pipeline per direction, started by its first request and kept warm. */
class PipelineEngine implements ApertiumEngine {
  private readonly pipelines = new Map<string, Promise<NullFlushPipeline>>();

  constructor(private readonly dataDir: string) {}

  async translate(pair: ApertiumPair, text: string): Promise<string> {
    const pipeline = await this.pipeline(pair.mode);
    return fromStream(await pipeline.process(toStream(text)));
  }

  async close(): Promise<void> {
    const pipelines = [...this.pipelines.values()];
    this.pipelines.clear();
    await Promise.all(pipelines.map(async (pipeline) => (await pipeline.catch(() => undefined))?.close()));
  }

  private pipeline(mode: string): Promise<NullFlushPipeline> {
    let pipeline = this.pipelines.get(mode);
    if (!pipeline) {
      pipeline = nullFlushScript(this.dataDir, mode).then(
        (script) => new NullFlushPipeline(script),
        (error: unknown) => {
          this.pipelines.delete(mode);
          throw new ServiceError(
            'not-configured',
            'Offline translation needs the Apertium programs: ask the bot\'s administrator to run `apt-get install apertium` (or set TRANSLATOR_KEY for Azure Translator).',
            { cause: error },
          );
        },
      );
      this.pipelines.set(mode, pipeline);
    }
    return pipeline;
  }
}
