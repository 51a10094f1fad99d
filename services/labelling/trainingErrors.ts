import { customVisionCode } from '../azureRestErrors.js';
import { isDeadlineExceeded } from '../deadline.js';
import { ServiceError } from '../errors.js';

const QUOTA = new Set([
  'BadRequestExceededQuota',
  'BadRequestExceedTagPerProjectLimit',
  'BadRequestExceedIterationPerProjectLimit',
  'BadRequestExceedTagPerImageLimit',
  'BadRequestImageExceededCount',
]);

export const TRAINING_VALIDATION_FAILED = new Set([
  'BadRequestTrainingValidationFailed',
  'BadRequestClassificationTrainingValidationFailed',
  'BadRequestMultiClassClassificationTrainingValidationFailed',
  'BadRequestMultiLabelClassificationTrainingValidationFailed',
]);

/**
 * A Custom Vision training API failure as a ServiceError: what failed and what to do for the person, which setting to
 * check for the log. Codes are the CustomVisionError codes of the v3.3 training API (Training.json).
 */
export function trainingServiceError(error: unknown, projectId: string): ServiceError {
  const { status, code } = customVisionCode(error);
  const cause = { cause: error };
  if (isDeadlineExceeded(error)) {
    return new ServiceError('unavailable', 'The Custom Vision training project did not answer in time. Please try again in a minute.', cause);
  }
  if (status === 401 || status === 403 || code.startsWith('Forbidden')) {
    return new ServiceError('auth', "Custom Vision refused the bot's training key, so I cannot work with the training project right now. Please tell the bot's administrator.", {
      ...cause,
      adminHint: "Check CUSTOM_VISION_TRAINING_KEY, and that CUSTOM_VISION_TRAINING_ENDPOINT is the training resource's endpoint.",
    });
  }
  if (status === 429) {
    return new ServiceError('rate-limited', 'Custom Vision is getting more requests than the training key allows right now. Please try again in a minute.', cause);
  }
  if (QUOTA.has(code)) {
    return new ServiceError('quota', `The Custom Vision project has reached a limit of its pricing tier (${quotaWhat(code)}). Please tell the bot's administrator.`, {
      ...cause,
      adminHint: `Custom Vision answered ${code} for project ${projectId}: delete old iterations, tags or images, or move the training resource to the S0 tier.`,
    });
  }
  if (code === 'NotFoundProject' || (status === 404 && code === '')) {
    return new ServiceError('bad-request', "The team's Custom Vision training project is not where the bot expects it. Please tell the bot's administrator.", {
      ...cause,
      adminHint: `Custom Vision has no project ${projectId} for this training key: check CUSTOM_VISION_PROJECT_ID and CUSTOM_VISION_TRAINING_ENDPOINT.`,
    });
  }
  if (code === 'NotFoundIteration' || code === 'NotFoundIterationPerformance') {
    return new ServiceError('not-found', 'Custom Vision has no such iteration in the training project (it may have been deleted).', cause);
  }
  if (code === 'BadRequestTrainingAlreadyInProgress') {
    return new ServiceError('conflict', 'Custom Vision is already training this project. I can start another run once it has finished.', cause);
  }
  if (code === 'BadRequestTrainingNotNeeded' || code === 'BadRequestTrainingNotNeededButTrainingPipelineUpdated') {
    return new ServiceError('conflict', 'Nothing has changed since the last iteration, so there is nothing new to train. Label some more images first.', cause);
  }
  if (code === 'BadRequestTagName') {
    return new ServiceError('bad-request', 'Custom Vision does not accept that tag name. Please pick another one.', cause);
  }
  if (code === 'BadRequestInvalidPublishName' || code === 'BadRequestInvalidPublishTarget') {
    return new ServiceError('bad-request', "Custom Vision refused to publish to the team's prediction resource. Please tell the bot's administrator.", {
      ...cause,
      adminHint: `Custom Vision answered ${code}: check CUSTOM_VISION_PREDICTION_RESOURCE_ID (the prediction resource's id) and that the training resource may publish to it.`,
    });
  }
  if (code === 'BadRequestImageSizeBytes' || code === 'BadRequestImageFormat' || code === 'BadRequestImageDimensions' || code === 'BadRequestImageStream') {
    return new ServiceError('unsupported', 'Custom Vision cannot take this image for training (it takes JPEG, PNG, GIF and BMP up to 6 MB).', cause);
  }
  return new ServiceError('unavailable', 'Custom Vision training did not answer as expected. Please try again in a few minutes.', cause);
}

function quotaWhat(code: string): string {
  if (code === 'BadRequestExceedTagPerProjectLimit') return 'tags per project';
  if (code === 'BadRequestExceedIterationPerProjectLimit') return 'iterations per project';
  if (code === 'BadRequestImageExceededCount') return 'images per project';
  if (code === 'BadRequestExceedTagPerImageLimit') return 'tags per image';
  return 'its quota';
}

/** A failed ImageCreateResult status (the image upload answered, but this image was not created). */
export function imageStatusError(status: string, projectId: string): ServiceError {
  if (status === 'ErrorImageFormat' || status === 'ErrorImageSize') {
    return new ServiceError('unsupported', 'Custom Vision cannot take this image for training (it takes JPEG, PNG, GIF and BMP up to 6 MB).');
  }
  if (status === 'ErrorLimitExceed' || status === 'ErrorTagLimitExceed') {
    return new ServiceError('quota', "The Custom Vision project holds as many images as its pricing tier allows. Please tell the bot's administrator.", {
      adminHint: `Custom Vision answered ${status} for project ${projectId}: delete images or move the training resource to the S0 tier.`,
    });
  }
  return new ServiceError('unavailable', 'Custom Vision could not store the image. Please try again in a few minutes.', {
    adminHint: `Custom Vision answered the image upload with status ${status}.`,
  });
}
