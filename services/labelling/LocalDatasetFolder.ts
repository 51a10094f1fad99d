import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, appendFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ServiceError } from '../errors.js';
import type { ImageFormat } from '../imageClassifier/ImageClassifier.js';
import { csvRow, LABELS_CSV_HEADER } from './labelsCsv.js';
import type { AddImageOutcome, Iteration, IterationPerformance, Labeller, ProjectTag, TrainingProject } from './TrainingProject.js';

export const LABELS_CSV = 'labels.csv';

const EXTENSIONS: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', gif: 'gif', bmp: 'bmp', webp: 'webp' };
const IMAGE_FILE = /^([0-9a-f]{64})\.(jpg|png|gif|bmp|webp)$/;

/**
 * The offline dataset: one folder per tag holding each image under its SHA-256 (so the same bytes are one file, and
 * a second label of them is a duplicate), and labels.csv with image, tag, who and when. The layout Custom Vision's
 * portal and Azure ML's image folders both import (README, "Labelling images"). It collects labels only: training
 * needs Custom Vision.
 */
export class LocalDatasetFolder implements TrainingProject {
  readonly backendName = 'local dataset folder';
  readonly configured = true;
  readonly trains = false;
  readonly publishes = false;
  readonly maxImageBytes = Number.POSITIVE_INFINITY;
  readonly createsSuggestedTags = true;

  private constructor(private readonly root: string) {}

  /** Creates the folder if needed; an unwritable folder fails the start (readyz says so, the log says why). */
  static async open(dir: string): Promise<LocalDatasetFolder> {
    const root = resolve(dir);
    try {
      await mkdir(root, { recursive: true });
      await access(root, constants.W_OK);
    } catch (error) {
      throw new Error(`LABEL_DATA_DIR: cannot write to ${root}`, { cause: error });
    }
    return new LocalDatasetFolder(root);
  }

  async tags(): Promise<ProjectTag[]> {
    const tags = (await this.tagFolders()).map(({ name, images }) => ({ id: name, name, imageCount: images.length }));
    return tags.sort((a, b) => a.name.localeCompare(b.name));
  }

  async createTag(name: string): Promise<ProjectTag> {
    await mkdir(join(this.root, folderNameOf(name)), { recursive: true });
    return { id: name, name, imageCount: 0 };
  }

  async addImage(image: Uint8Array, format: ImageFormat, tag: ProjectTag, labeller: Labeller): Promise<AddImageOutcome> {
    const hash = createHash('sha256').update(image).digest('hex');
    const labelledAs = await this.tagsHolding(hash);
    if (labelledAs.length > 0) return { kind: 'duplicate', tags: labelledAs };
    const folder = folderNameOf(tag.name);
    const file = `${hash}.${EXTENSIONS[format]}`;
    await mkdir(join(this.root, folder), { recursive: true });
    try {
      // 'wx': two labels of the same bytes at once write one file; the second finds it there.
      await writeFile(join(this.root, folder, file), image, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { kind: 'duplicate', tags: [tag.name] };
      throw new ServiceError('unavailable', "I could not save the image in the dataset folder. Please tell the bot's administrator.", {
        cause: error,
        adminHint: `Check that LABEL_DATA_DIR (${this.root}) is writable and has space.`,
      });
    }
    await this.appendLabel([`${folder}/${file}`, tag.name, labeller.name, labeller.key, new Date().toISOString()]);
    return { kind: 'added' };
  }

  async train(): Promise<Iteration> {
    throw offlineOnly();
  }

  async iteration(): Promise<Iteration> {
    throw offlineOnly();
  }

  async iterations(): Promise<Iteration[]> {
    throw offlineOnly();
  }

  async performance(): Promise<IterationPerformance> {
    throw offlineOnly();
  }

  async publish(): Promise<void> {
    throw offlineOnly();
  }

  private async tagsHolding(hash: string): Promise<string[]> {
    return (await this.tagFolders()).filter(({ images }) => images.some((file) => file.startsWith(`${hash}.`))).map(({ name }) => name);
  }

  /** Each tag's folder, with the image files in it (anything else there is not the dataset's). */
  private async tagFolders(): Promise<Array<{ name: string; images: string[] }>> {
    const folders: Array<{ name: string; images: string[] }> = [];
    for (const entry of await readdir(this.root, { withFileTypes: true })) {
      const name = entry.isDirectory() ? tagNameOf(entry.name) : undefined;
      if (name === undefined) continue;
      const files = await readdir(join(this.root, entry.name));
      folders.push({ name, images: files.filter((file) => IMAGE_FILE.test(file)) });
    }
    return folders;
  }

  private async appendLabel(fields: string[]): Promise<void> {
    const path = join(this.root, LABELS_CSV);
    // The header once, by whoever creates the file; then one appended line per label.
    await writeFile(path, csvRow(LABELS_CSV_HEADER), { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await appendFile(path, csvRow(fields));
  }
}

function offlineOnly(): ServiceError {
  return new ServiceError('unsupported', 'Training and publishing need the Custom Vision training project; this bot keeps labels in a local dataset folder.');
}

/**
 * A tag's folder name: the name with what a file system, a shell or a spreadsheet would misread percent-escaped (path
 * separators, Windows' reserved characters, `%` itself; a leading dot, dash, `=`, `+` or `@`), so any tag name maps
 * to one safe folder and back, and an image's path in labels.csv is never a formula.
 */
export function folderNameOf(tag: string): string {
  const escape = (char: string) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  return tag.replace(/[/\\:*?"<>|%]/g, escape).replace(/^[.\-=+@]/, escape);
}

function tagNameOf(folder: string): string | undefined {
  if (folder.startsWith('.')) return undefined;
  try {
    return decodeURIComponent(folder);
  } catch {
    return undefined;
  }
}
