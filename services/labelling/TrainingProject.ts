/** The labelling port and its domain types: where labelled images go, and how the next model is trained. No SDK type crosses this line. */
import type { ImageFormat } from '../imageClassifier/ImageClassifier.js';

export interface ProjectTag {
  /** The service's id (Custom Vision: a GUID); the local dataset uses the name. */
  id: string;
  name: string;
  imageCount: number;
}

/** Who labelled an image, for the dataset's record. */
export interface Labeller {
  /** `channel/userId`. */
  key: string;
  name: string;
}

export type AddImageOutcome =
  | { kind: 'added' }
  /** The project already holds these bytes; `tags` are the ones it has there (possibly others than asked). */
  | { kind: 'duplicate'; tags: string[] };

type IterationStatus = 'training' | 'completed' | 'failed';

export interface Iteration {
  id: string;
  name: string;
  status: IterationStatus;
  /** The name it is published under, when it is published. */
  publishName?: string;
  trainingType?: 'quick' | 'advanced';
}

interface TagPerformance {
  tagId: string;
  name: string;
  precision: number;
  recall: number;
  averagePrecision?: number;
}

export interface IterationPerformance {
  precision: number;
  recall: number;
  averagePrecision?: number;
  perTag: TagPerformance[];
}

export interface TrainingRequest {
  /** Quick (Custom Vision's "Regular") by default; advanced training takes a budget in hours. */
  advancedHours?: number;
}

/** Custom Vision's minimum for training a classification project: 5 images per tag, and at least 2 tags. */
export const MIN_IMAGES_PER_TAG = 5;
export const MIN_TAGS = 2;

export interface TrainingProject {
  /** Where labels go ("Custom Vision training project", "local dataset folder"), shown to people. */
  readonly backendName: string;
  /** False when nothing is configured: labelling then explains that it is not set up. */
  readonly configured: boolean;
  /** Whether `train`, `iterations` and `performance` work (Custom Vision; the local folder only collects labels). */
  readonly trains: boolean;
  /** Whether `publish` works (a prediction resource to publish to is configured). */
  readonly publishes: boolean;
  /** The largest image it takes (Custom Vision: 6 MB for training images). */
  readonly maxImageBytes: number;
  /**
   * Whether a tag the model suggested may be created by anyone's click: in the local folder, whose tags are folders
   * and which starts empty, the model's labels are its first tags. In Custom Vision only operators create tags.
   */
  readonly createsSuggestedTags: boolean;
  tags(): Promise<ProjectTag[]>;
  createTag(name: string): Promise<ProjectTag>;
  /** Adds the image with one tag; the same bytes added twice are recognised, not added again. */
  addImage(image: Uint8Array, format: ImageFormat, tag: ProjectTag, labeller: Labeller): Promise<AddImageOutcome>;
  train(request: TrainingRequest): Promise<Iteration>;
  iteration(id: string): Promise<Iteration>;
  iterations(): Promise<Iteration[]>;
  performance(iterationId: string): Promise<IterationPerformance>;
  publish(iterationId: string, publishName: string): Promise<void>;
}

/** Tags below the minimum for training, fewest images first. */
export function shortTags(tags: readonly ProjectTag[]): ProjectTag[] {
  return tags.filter((tag) => tag.imageCount < MIN_IMAGES_PER_TAG).sort((a, b) => a.imageCount - b.imageCount || a.name.localeCompare(b.name));
}
