import type { ServiceClientOptions } from '@azure/ms-rest-js';
import type { LabellingConfig } from '../../config/labelling.js';
import { requireHttpsUnlessLoopback } from '../localEndpoints.js';
import { LocalDatasetFolder } from './LocalDatasetFolder.js';
import { NotConfiguredTrainingProject } from './NotConfiguredTrainingProject.js';
import type { TrainingProject } from './TrainingProject.js';

/**
 * The Custom Vision training project when its settings are there (its SDK, and sharp, loaded only then), else the
 * dataset folder in LABEL_DATA_DIR, else a null object that explains how to set one up. A folder that cannot be
 * written fails the start, like a model folder. `timeoutMs`: how long one call to the training API may take.
 */
export async function createTrainingProject(config: LabellingConfig, timeoutMs: number, clientOptions?: ServiceClientOptions): Promise<TrainingProject> {
  if (config.customVision) {
    requireHttpsUnlessLoopback(config.customVision.endpoint, 'CUSTOM_VISION_TRAINING_ENDPOINT');
    const { CustomVisionTrainingProject } = await import('./CustomVisionTrainingProject.js');
    return new CustomVisionTrainingProject({ ...config.customVision, clientOptions, timeoutMs });
  }
  if (config.dataDir) return LocalDatasetFolder.open(config.dataDir);
  return new NotConfiguredTrainingProject();
}
