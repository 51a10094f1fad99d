import { notSetUp, type ServiceError } from '../errors.js';
import type { AddImageOutcome, Iteration, IterationPerformance, ProjectTag, TrainingProject } from './TrainingProject.js';

const LABELLING_ADMIN_HINT =
  'Set CUSTOM_VISION_TRAINING_ENDPOINT, CUSTOM_VISION_TRAINING_KEY and CUSTOM_VISION_PROJECT_ID for the Custom Vision training project ' +
  '(and CUSTOM_VISION_PREDICTION_RESOURCE_ID to publish), or LABEL_DATA_DIR for a local dataset folder.';

export function labellingNotSetUp(): ServiceError {
  return notSetUp('Image labelling', LABELLING_ADMIN_HINT);
}

/** Labels go to a local dataset folder: training needs the Custom Vision training project. */
export function trainingNotSetUp(): ServiceError {
  return notSetUp(
    'Training',
    'Labels go to LABEL_DATA_DIR, which only collects them: set CUSTOM_VISION_TRAINING_ENDPOINT, CUSTOM_VISION_TRAINING_KEY and CUSTOM_VISION_PROJECT_ID to train in Custom Vision.',
  );
}

export function publishingNotSetUp(): ServiceError {
  return notSetUp('Publishing', 'Set CUSTOM_VISION_PREDICTION_RESOURCE_ID (the prediction resource to publish to) along with the Custom Vision training settings.');
}

/** Neither a training project nor a dataset folder: every labelling command says so (the log says how to set one up). */
export class NotConfiguredTrainingProject implements TrainingProject {
  readonly backendName = 'no labelling';
  readonly configured = false;
  readonly trains = false;
  readonly publishes = false;
  readonly maxImageBytes = 0;
  readonly createsSuggestedTags = false;

  async tags(): Promise<ProjectTag[]> {
    throw labellingNotSetUp();
  }

  async createTag(): Promise<ProjectTag> {
    throw labellingNotSetUp();
  }

  async addImage(): Promise<AddImageOutcome> {
    throw labellingNotSetUp();
  }

  async train(): Promise<Iteration> {
    throw labellingNotSetUp();
  }

  async iteration(): Promise<Iteration> {
    throw labellingNotSetUp();
  }

  async iterations(): Promise<Iteration[]> {
    throw labellingNotSetUp();
  }

  async performance(): Promise<IterationPerformance> {
    throw labellingNotSetUp();
  }

  async publish(): Promise<void> {
    throw labellingNotSetUp();
  }
}
