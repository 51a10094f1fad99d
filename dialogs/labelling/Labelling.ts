import type { Turn } from '../Turn.js';
import { askedBy, audit, type AuditEntry } from '../../logging/audit.js';
import type { Logger } from '../../logging/logger.js';
import type { TrainingProject } from '../../services/labelling/TrainingProject.js';
import type { LabelImages } from '../../state/LabelImages.js';
import type { PendingConfirmations } from '../../state/PendingConfirmations.js';
import type { PublishedModel } from '../../state/PublishedModel.js';
import type { TrainingRunner } from './background/TrainingRunner.js';

/** What `publish` asks its requester to confirm. */
export interface PublishSubject {
  iterationId: string;
  iterationName: string;
  publishName: string;
}

/** Other…'s flow (OtherTagDialog): its name here, so that starting it does not load the dialogs library. */
export const OTHER_TAG_FLOW = 'label-other-tag';

/** Starts a conversation flow that spans turns: the person's next typed message goes to it first. */
export interface FlowStarter {
  begin(turn: Turn, flow: string, options: Record<string, unknown>): Promise<void>;
}

/** Everything the labelling, training and publishing commands work with. */
export interface Labelling {
  /** Where labels go: the Custom Vision training project, the offline dataset folder, or a null object. */
  project: TrainingProject;
  /** The images shown with labelling buttons, by content hash. */
  images: LabelImages;
  training: TrainingRunner;
  published: PublishedModel;
  publishConfirmations: PendingConfirmations<PublishSubject>;
  flows: FlowStarter;
  /** Whether labmate classifies with Custom Vision's published iteration (else a local ONNX export: publishing does not change it). */
  classifiesWithPublished: boolean;
}

/** The key images are remembered under for a conversation (`channel/conversation`). */
export function conversationKeyOf(turn: Turn): string {
  return `${turn.conversation.channel}/${turn.conversation.conversationId}`;
}

/** The audit line of a person's `train` or `publish`, naming the iteration when it is known. */
export function auditIteration(logger: Logger, turn: Turn, action: 'train' | 'publish', event: AuditEntry['event'], iteration: string | undefined, result: string, reason?: string): void {
  audit(logger, {
    event,
    action,
    ...(iteration ? { subject: iteration } : {}),
    ...askedBy(turn.caller, turn.conversation.conversationId),
    result,
    ...(reason ? { reason } : {}),
  });
}
