import type { ApertiumConfig } from '../../config/index.js';
import { ServiceError } from '../errors.js';
import { ApyClient } from './ApyClient.js';
import { debianPackageFor, describePair, installedModes, nullFlushScript, pairsFromModes, pairsToWarm, type ApertiumPair } from './apertiumPairs.js';
import { fromStream, htmlFromStream, htmlProse, htmlToStream, toStream } from './apertiumStream.js';
import type { LanguageDetector } from './cld3Detector.js';
import { languageName, TRUSTED_DETECTION } from '../languageNames.js';
import { NullFlushPipeline, PipelineBroken } from './NullFlushPipeline.js';
import type { DetectedSource, SupportedLanguages, TextType, TranslateOptions, Translation, Translator, WarmUp } from './Translator.js';

/** Runs one installed direction: local null-flush pipelines, or an apertium-apy server. */
export interface ApertiumEngine {
  /** html: tags and protected elements come back exactly as they went in (see TextType). */
  translate(pair: ApertiumPair, text: string, textType: TextType): Promise<string>;
  /** Starts what the direction's first request would wait for (absent: nothing to start here). */
  warm?(pair: ApertiumPair): Promise<void>;
  close(): Promise<void>;
}

/** Offline translation with Apertium: rule-based, one installed pair per direction. */
export class ApertiumTranslator implements Translator {
  readonly backendName: string;

  constructor(
    private readonly engine: ApertiumEngine,
    readonly pairs: readonly ApertiumPair[],
    private readonly detector: LanguageDetector,
    where = 'offline',
    /** Whose pairs with English the warm-up starts (absent: the default, see pairsToWarm). */
    private readonly warmLanguages?: readonly string[],
  ) {
    this.backendName = `Apertium (${where})`;
  }

  /** The installed pairs, from the modes directory or the apertium-apy server; undefined when there are none. */
  static async create(config: ApertiumConfig, detector: LanguageDetector, timeoutMs: number): Promise<ApertiumTranslator | undefined> {
    if (config.url) {
      const apy = new ApyClient(config.url, timeoutMs);
      const pairs = await apy.listPairs();
      return new ApertiumTranslator(apy, pairs, detector, 'apertium-apy', config.warmLanguages);
    }
    const pairs = pairsFromModes(await installedModes(config.dataDir));
    if (pairs.length === 0) return undefined;
    return new ApertiumTranslator(new PipelineEngine(config.dataDir, timeoutMs), pairs, detector, 'offline', config.warmLanguages);
  }

  /**
   * The pipelines into and out of English, one at a time (the bot keeps answering meanwhile, and a request for a
   * pair being warmed waits for that same pipeline), then the language detector (its load holds the event loop for
   * about 100 ms, once: better now than in someone's first auto-translated message).
   */
  async warmUp(): Promise<WarmUp> {
    const { warm, left, missing } = pairsToWarm(this.pairs, this.warmLanguages);
    const warmed: string[] = [];
    for (const pair of this.engine.warm ? warm : []) {
      await this.engine.warm?.(pair);
      warmed.push(describePair(pair));
    }
    if (warm.length > 0) {
      await this.detector('labmate');
      warmed.push('language detection');
    }
    return { warmed, left: [...left.map(describePair), ...missing.map((language) => `${languageName(language)} (no pair with English installed)`)] };
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
    const textType = options.textType ?? 'plain';
    // Detection and the nothing-to-do check look at the words only, never at markup or protected data.
    const words = textType === 'html' ? htmlProse(text) : text;
    const detected = options.from ? undefined : await this.detector(words);
    const from = options.from ?? this.sourceFor(detected as DetectedSource, options.to);
    const result = { to: options.to, from, ...(detected ? { detected } : {}) };
    if (from === options.to || words.trim() === '') return { ...result, text };
    const pair = this.pairs.find((candidate) => candidate.from === from && candidate.to === options.to);
    if (!pair) throw this.notInstalled(from, options.to);
    try {
      return { ...result, text: await this.engine.translate(pair, text, textType) };
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
    const confident = detected.language !== 'und' && detected.confidence >= TRUSTED_DETECTION;
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
    return new ServiceError('unsupported', `Offline translation (Apertium) has ${missing} here. Installed: ${installed}. The bot's administrator can add more.`, {
      adminHint: `${add}; or set TRANSLATOR_KEY to translate with Azure Translator.`,
    });
  }
}

/** A word every pipeline can take: one frame through it makes each program load its data and run once. */
const WARM_FRAME = toStream('labmate');

/** One persistent null-flush pipeline per direction, started by the warm-up or its first request, and kept warm. */
class PipelineEngine implements ApertiumEngine {
  private readonly pipelines = new Map<string, Promise<NullFlushPipeline>>();
  private closed = false;

  constructor(
    private readonly dataDir: string,
    private readonly timeoutMs: number,
  ) {}

  async translate(pair: ApertiumPair, text: string, textType: TextType): Promise<string> {
    if (textType === 'plain') return fromStream(await this.process(pair.mode, toStream(text)));
    const { stream, markup } = htmlToStream(text);
    return htmlFromStream(await this.process(pair.mode, stream), markup);
  }

  async warm(pair: ApertiumPair): Promise<void> {
    await (await this.pipeline(pair.mode)).process(WARM_FRAME);
  }

  /** A text through the mode's pipeline; once more through a fresh one if a program of it died on the way. */
  private async process(mode: string, frame: string): Promise<string> {
    const pipeline = await this.pipeline(mode);
    try {
      return await pipeline.process(frame);
    } catch (error) {
      if (!(error instanceof PipelineBroken)) throw error;
      return pipeline.process(frame);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const pipelines = [...this.pipelines.values()];
    this.pipelines.clear();
    await Promise.all(pipelines.map(async (pipeline) => (await pipeline.catch(() => undefined))?.close()));
  }

  private pipeline(mode: string): Promise<NullFlushPipeline> {
    // A warm-up (or a late request) after close must not start programs nobody will stop.
    if (this.closed) return Promise.reject(new Error('the Apertium pipelines are closed'));
    let pipeline = this.pipelines.get(mode);
    if (!pipeline) {
      pipeline = nullFlushScript(this.dataDir, mode).then(
        (script) => new NullFlushPipeline(script, this.timeoutMs),
        (error: unknown) => {
          this.pipelines.delete(mode);
          throw new ServiceError('not-configured', "Offline translation is not set up on this bot yet. Ask the bot's administrator to set it up.", {
            cause: error,
            adminHint: 'Offline translation needs the Apertium programs: `apt-get install apertium` (or set TRANSLATOR_KEY for Azure Translator).',
          });
        },
      );
      this.pipelines.set(mode, pipeline);
    }
    return pipeline;
  }
}
