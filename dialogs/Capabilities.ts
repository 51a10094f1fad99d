import type { Logger } from '../logging/logger.js';
import type { ComputeManager } from '../services/compute/ComputeManager.js';
import type { ImageClassifier } from '../services/imageClassifier/ImageClassifier.js';
import type { TextAnalyzer } from '../services/textAnalytics/TextAnalyzer.js';
import type { Translator } from '../services/translator/Translator.js';
import type { PendingConfirmations } from '../state/PendingConfirmations.js';
import type { VmOperationRunner } from './vm/background/VmOperationRunner.js';
import type { CostGuard } from './vm/CostGuard.js';
import type { Labelling } from './labelling/Labelling.js';
import type { JobsFeature } from './jobs/JobsFeature.js';
import type { CommandTable } from './CommandTable.js';
import type { Caller } from '../state/Caller.js';

/** What handlers work with: the ports, the state they share, and the table itself (for help). */
export interface Capabilities {
  commands: CommandTable;
  textAnalyzer: TextAnalyzer;
  translator: Translator;
  imageClassifier: ImageClassifier;
  /** A null object when training VMs are not set up (`configured` is false). */
  compute: ComputeManager;
  vmOperations: VmOperationRunner;
  /** Auto-stop schedules, shutdown notices, idle reminders and prices of the training VMs. */
  costs: CostGuard;
  confirmations: PendingConfirmations;
  /** Labelling posted images, training and publishing the next iteration. */
  labelling: Labelling;
  /** Azure ML jobs: listing, cancelling, following experiments. */
  jobs: JobsFeature;
  /** Who VM_OPERATORS lists (for what a handler decides itself: creating a tag). */
  operators: { isOperator(caller: Caller): boolean };
  logger: Logger;
}
