import { afterFirstWord, firstWord } from '../Command.js';
import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { code, data, line, message, placeholder, subtle, text, toned, type Line, type Span } from '../../cards/Card.js';
import { publishAnsweredDocument, publishQuestionDocument } from '../../cards/training.js';
import type { Iteration } from '../../services/labelling/TrainingProject.js';
import { auditIteration } from './Labelling.js';

type PublishRequest = { subcommand: 'confirm' | 'cancel'; code: string } | { subcommand: 'ask'; iteration: string };

export function parsePublishRequest(argument: string): PublishRequest {
  const word = firstWord(argument).toLowerCase();
  if (word === 'confirm' || word === 'cancel') return { subcommand: word, code: firstWord(afterFirstWord(argument)) };
  return { subcommand: 'ask', iteration: argument.trim() };
}

/** `publish ‹iteration›` (operators): asks the requester to confirm, then publishes and classifies with it. */
export async function publishHandler(turn: Turn, request: PublishRequest, capabilities: Capabilities): Promise<void> {
  if (request.subcommand !== 'ask') return (request.subcommand === 'confirm' ? confirm : cancel)(turn, request.code, capabilities);
  const { project, published, publishConfirmations } = capabilities.labelling;
  const iterations = await project.iterations();
  const iteration = request.iteration === '' ? undefined : findIteration(iterations, request.iteration);
  if (!iteration) return void (await turn.reply(message(unknownIteration(request.iteration, iterations))));
  if (iteration.status !== 'completed') {
    const state = iteration.status === 'training' ? 'is still training' : 'failed to train';
    return void (await turn.reply(message(line(data(iteration.name), ` ${state}, so it cannot be published.`))));
  }
  const current = await published.current();
  if (iteration.publishName && iteration.publishName === current) {
    return void (await turn.reply(message(line(data(iteration.name), ' is already the model labmate classifies with (published as ', data(current), ').'))));
  }
  const publishName = iteration.publishName || publishNameFor(iteration);
  const pending = await publishConfirmations.create({
    iterationId: iteration.id,
    iterationName: iteration.name,
    publishName,
    requesterKey: turn.caller.key,
    requesterName: turn.caller.name,
    conversationId: turn.conversation.conversationId,
  });
  auditIteration(capabilities.logger, turn, 'publish', 'request', iteration.name, 'awaiting-confirmation');
  await turn.reply(
    publishQuestionDocument({
      iterationName: iteration.name,
      publishName,
      requestId: pending.requestId,
      minutes: Math.round(publishConfirmations.ttlMs / 60_000),
      requesterName: turn.caller.name,
      ...(current ? { current } : {}),
    }),
  );
}

async function confirm(turn: Turn, requestId: string, capabilities: Capabilities): Promise<void> {
  const { project, published, publishConfirmations, classifiesWithPublished } = capabilities.labelling;
  const result = await publishConfirmations.take(requestId, turn.caller.key);
  if (!result.ok) {
    auditIteration(capabilities.logger, turn, 'publish', 'confirmation', result.pending?.iterationName, 'refused', result.reason);
    if (result.reason === 'not-requester') {
      await turn.reply(message(line('Only ', data(result.pending?.requesterName ?? 'the person who asked'), ' can confirm publishing ', data(result.pending?.iterationName ?? ''), '.')));
      return;
    }
    const again: Span[] = result.pending ? [code(`publish ${result.pending.iterationName}`)] : [code('publish'), data(' '), placeholder('iteration')];
    const why = result.reason === 'expired' ? 'That confirmation has expired.' : 'I have no pending publish with that code: it was already confirmed or cancelled.';
    await turn.replaceAnswered(message(line(`${why} Ask again with `, ...again, '.')));
    return;
  }
  const { iterationId, iterationName } = result.pending;
  // Published earlier under another name: that name is switched to, not published twice.
  const iteration = await project.iteration(iterationId);
  const publishName = iteration.publishName || result.pending.publishName;
  if (!iteration.publishName) await project.publish(iterationId, publishName);
  await published.set({ publishName, iterationId, iterationName, byName: turn.caller.name });
  auditIteration(capabilities.logger, turn, 'publish', 'outcome', iterationName, 'published');
  await turn.replaceAnswered(
    publishAnsweredDocument(
      iterationName,
      toned('good', 'Published ', data(iterationName), ' as ', data(publishName), ' (confirmed by ', data(turn.caller.name), ').'),
      classifiesWithPublished
        ? line('Images posted from now on are classified with it.')
        : subtle('labmate classifies with a local ONNX export here: export this iteration as ONNX (compact domain) and replace the model folder to use it.'),
    ),
  );
}

async function cancel(turn: Turn, requestId: string, capabilities: Capabilities): Promise<void> {
  const result = await capabilities.labelling.publishConfirmations.take(requestId, turn.caller.key);
  if (!result.ok) return void (await turn.reply(message(line('There is nothing of yours to cancel with that code.'))));
  auditIteration(capabilities.logger, turn, 'publish', 'confirmation', result.pending.iterationName, 'cancelled');
  await turn.replaceAnswered(publishAnsweredDocument(result.pending.iterationName, line('OK, nothing was published.')));
}

/** By id, by name ("Iteration 8", any case, spaces optional), or by number ("8"). */
function findIteration(iterations: readonly Iteration[], wanted: string): Iteration | undefined {
  const squeeze = (text: string) => text.replace(/\s+/g, '').toLowerCase();
  const target = /^\d+$/.test(wanted.trim()) ? `iteration${wanted.trim()}` : squeeze(wanted);
  return iterations.find((iteration) => iteration.id.toLowerCase() === wanted.trim().toLowerCase() || squeeze(iteration.name) === target);
}

/** "Iteration 8" → "Iteration8": the portal's own default, letters, digits, - and _ only. */
function publishNameFor(iteration: Iteration): string {
  return iteration.name.replace(/[^A-Za-z0-9_-]+/g, '') || `iteration-${iteration.id.slice(0, 8)}`;
}

function unknownIteration(wanted: string, iterations: readonly Iteration[]): Line {
  const completed = iterations.filter((iteration) => iteration.status === 'completed').map((iteration) => iteration.name);
  const list: Span[] = completed.length > 0 ? [text(' The trained ones: '), data(completed.join(', ')), text('.')] : [text(' There is no trained iteration yet: '), code('train'), text(' makes one.')];
  return wanted === '' ? line('Which iteration?', ...list) : line('There is no iteration called ', data(wanted), '.', ...list);
}
