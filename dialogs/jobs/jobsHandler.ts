import { afterFirstWord, firstWord } from '../Command.js';
import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { code, data, line, message, placeholder } from '../../cards/Card.js';
import { followedDocument, jobsListDocument } from '../../cards/jobs.js';
import { EXPERIMENT_NAME } from '../../services/machineLearning/MachineLearningJobs.js';
import { RECENT_JOBS } from './JobsFeature.js';

export interface JobsRequest {
  /** list (with or without an experiment), follow, unfollow. */
  subcommand: 'list' | 'follow' | 'unfollow';
  experiment: string;
  /** Anything after the experiment name: an experiment name has no spaces. */
  extra: string;
}

export function parseJobsRequest(argument: string): JobsRequest {
  const word = firstWord(argument).toLowerCase();
  if (word === 'follow' || word === 'unfollow') {
    const rest = afterFirstWord(argument);
    return { subcommand: word, experiment: firstWord(rest), extra: afterFirstWord(rest) };
  }
  return { subcommand: 'list', experiment: firstWord(argument), extra: afterFirstWord(argument) };
}

/** `jobs`, `jobs <experiment>`, `jobs follow [experiment]`, `jobs unfollow <experiment>`. */
export async function jobsHandler(turn: Turn, request: JobsRequest, { jobs: feature }: Capabilities): Promise<void> {
  if (request.experiment && (request.extra || !EXPERIMENT_NAME.test(request.experiment))) {
    await turn.reply(message(line('An experiment name has only letters, digits, - _ and . in it (no spaces), such as ', code('mnist-resnet'), '.')));
    return;
  }
  const { experiment } = request;
  switch (request.subcommand) {
    case 'list': {
      const list = await feature.jobs.list({ experiment: experiment || undefined, top: RECENT_JOBS });
      await turn.reply(jobsListDocument(list, { experiment: experiment || undefined, backendName: feature.jobs.backendName, now: feature.now() }));
      return;
    }
    case 'follow': {
      if (!experiment) {
        const followed = await feature.follows.inConversation(turn.conversation.conversationId);
        await turn.reply(followedDocument(followed.map((entry) => entry.experiment).sort()));
        return;
      }
      const added = await feature.follows.follow(experiment, turn.conversation, turn.caller.name);
      feature.logger.info('jobs follow', { experiment, added, conversationId: turn.conversation.conversationId, user: turn.caller.key });
      await turn.reply(
        added
          ? message(line("OK: when a job of ", data(experiment), ' completes, fails or is canceled, I post it here once.'))
          : message(line('This conversation already follows ', data(experiment), '.')),
      );
      return;
    }
    case 'unfollow': {
      if (!experiment) {
        await turn.reply(message(line('Which experiment? ', code('jobs unfollow'), ' ', placeholder('experiment'), '; ', code('jobs follow'), ' lists them.')));
        return;
      }
      const removed = await feature.follows.unfollow(experiment, turn.conversation.conversationId);
      await turn.reply(
        removed ? message(line('OK: no more notices here about ', data(experiment), '.')) : message(line('This conversation does not follow ', data(experiment), '. ', code('jobs follow'), ' lists what it follows.')),
      );
    }
  }
}
