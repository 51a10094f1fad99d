import type { StateStore } from './StateStore.js';

/** A `publish` done through labmate: which iteration, under which name, by whom. */
interface PublishedRecord {
  projectId: string;
  publishName: string;
  iterationId: string;
  iterationName: string;
  /** CUSTOM_VISION_PUBLISHED_NAME when it was published: a changed setting wins over an older publish. */
  configuredName: string;
  byName: string;
  at: number;
}

const KEY = 'custom-vision/published';

/**
 * The published iteration labmate classifies with: CUSTOM_VISION_PUBLISHED_NAME until someone publishes another
 * through labmate, then that one. The choice is one record in the state store, so every instance follows it: the
 * instance that published uses the new name at once, the others within `cacheMs` (they re-read the record at
 * most that often). A record for another project, or written while the setting named another iteration, is
 * ignored: an administrator who changes the setting gets what they set.
 */
export class PublishedModel {
  private cached?: { name: string | undefined; until: number };

  constructor(
    private readonly store: StateStore,
    /** The project, and CUSTOM_VISION_PUBLISHED_NAME when prediction is set up. */
    private readonly configured: { projectId: string; publishedName?: string } | undefined,
    private readonly cacheMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The published name to classify with; undefined without Custom Vision prediction and without a publish. */
  async current(): Promise<string | undefined> {
    if (this.cached && this.cached.until > this.now()) return this.cached.name;
    const record = await this.record();
    const name = record?.publishName ?? this.configured?.publishedName;
    this.cached = { name, until: this.now() + this.cacheMs };
    return name;
  }

  /** The last publish through labmate, when it still applies. */
  async record(): Promise<PublishedRecord | undefined> {
    const found = (await this.store.get<PublishedRecord>(KEY))?.value;
    if (!found || typeof found.publishName !== 'string') return undefined;
    if (this.configured && (found.projectId !== this.configured.projectId || found.configuredName !== (this.configured.publishedName ?? ''))) return undefined;
    return found;
  }

  async set(record: Omit<PublishedRecord, 'projectId' | 'configuredName' | 'at'>): Promise<void> {
    const projectId = this.configured?.projectId ?? '';
    await this.store.put<PublishedRecord>(KEY, { ...record, projectId, configuredName: this.configured?.publishedName ?? '', at: this.now() });
    this.cached = { name: record.publishName, until: this.now() + this.cacheMs };
  }
}
