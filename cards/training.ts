import type { Iteration, IterationPerformance } from '../services/labelling/TrainingProject.js';
import { confirmationAnsweredDocument, confirmationDocument } from './confirmation.js';
import { data, fact, line, strongData, subtle, toned, type Line, type Card, type Table } from './Card.js';
import { percent } from './wording.js';

interface TrainingResultView {
  iteration: Iteration;
  performance: IterationPerformance;
  /** The published iteration, to compare with, when there is one with a performance. */
  baseline?: { name: string; performance: IterationPerformance };
  requesterName: string;
  elapsed: string;
  /** Whether `publish` is offered (a prediction resource is configured). */
  publishes: boolean;
}

/** The acknowledgement of `train`. */
export function trainingStartedDocument(iteration: Iteration, requesterName: string): Card {
  const kind = iteration.trainingType === 'advanced' ? 'advanced training' : 'quick training';
  return {
    title: line('Training ', strongData(iteration.name)),
    sections: [{ lines: [toned('accent', `Custom Vision has started ${kind} of `, data(iteration.name), ' (asked by ', data(requesterName), "). I'll post its precision and recall here when it completes.")] }],
  };
}

/** A completed iteration: overall figures, per tag, and the tags that got worse than the published iteration marked. */
export function trainingResultDocument(view: TrainingResultView): Card {
  const { iteration, performance, baseline } = view;
  const worse = baseline ? worseTags(performance, baseline.performance) : new Set<string>();
  const versus = (before: number | undefined) => (before === undefined ? '' : ` (${baseline?.name}: ${percent(before)})`);
  const overall = [
    fact('Precision', data(`${percent(performance.precision)}${versus(baseline?.performance.precision)}`)),
    fact('Recall', data(`${percent(performance.recall)}${versus(baseline?.performance.recall)}`)),
    ...(performance.averagePrecision === undefined
      ? []
      : [fact('Average precision', data(`${percent(performance.averagePrecision)}${versus(baseline?.performance.averagePrecision)}`))]),
  ];
  const notes: Line[] = [subtle('At a probability threshold of 50%. Trained in ', data(view.elapsed), ', asked by ', data(view.requesterName), '.')];
  if (worse.size > 0) notes.unshift(toned('warning', '▼ marks the tags that got worse than ', data(baseline?.name ?? ''), ' (precision or recall).'));
  return {
    title: line('Done: ', strongData(iteration.name)),
    sections: [
      { lines: [toned('good', 'Custom Vision has finished training ', data(iteration.name), '.')], facts: overall },
      ...(performance.perTag.length > 0 ? [{ heading: line('Per tag'), table: perTagTable(performance, worse) }] : []),
    ],
    notes,
    ...(view.publishes ? { actions: [{ title: `Publish ${iteration.name}`, command: `publish ${iteration.name}` }] } : {}),
  };
}

export function trainingFailedDocument(iteration: Iteration, reason: Line): Card {
  return { title: line('Failed: ', strongData(iteration.name)), sections: [{ lines: [{ ...reason, tone: 'attention' }] }] };
}

function perTagTable(performance: IterationPerformance, worse: ReadonlySet<string>): Table {
  const rows = [...performance.perTag]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((tag) => [
      line(data(worse.has(tag.tagId || tag.name) ? `▼ ${tag.name}` : tag.name)),
      line(data(percent(tag.precision))),
      line(data(percent(tag.recall))),
      line(data(tag.averagePrecision === undefined ? '–' : percent(tag.averagePrecision))),
    ]);
  return { columns: [line('Tag'), line('Precision'), line('Recall'), line('Avg. precision')], rows };
}

/** Tags whose precision or recall, as shown (whole percent), is lower than in the baseline (matched by id, else name). */
function worseTags(current: IterationPerformance, baseline: IterationPerformance): Set<string> {
  const shown = (value: number) => Math.round(value * 100);
  const worse = new Set<string>();
  for (const tag of current.perTag) {
    const before = baseline.perTag.find((candidate) => (tag.tagId && candidate.tagId === tag.tagId) || candidate.name === tag.name);
    if (before && (shown(tag.precision) < shown(before.precision) || shown(tag.recall) < shown(before.recall))) worse.add(tag.tagId || tag.name);
  }
  return worse;
}

interface PublishQuestionView {
  iterationName: string;
  publishName: string;
  requestId: string;
  minutes: number;
  requesterName: string;
  /** What labmate classifies with now. */
  current?: string;
}

/** The question before a publish; only the requester's answer counts. */
export function publishQuestionDocument(view: PublishQuestionView): Card {
  return confirmationDocument({
    question: publishQuestion(view.iterationName),
    explanation: line(
      'Publishing makes ',
      data(view.iterationName),
      ' (as ',
      data(view.publishName),
      ') the model labmate classifies every posted image with',
      ...(view.current ? [', instead of ', data(view.current)] : []),
      '.',
    ),
    requesterName: view.requesterName,
    minutes: view.minutes,
    confirm: { title: `Publish ${view.iterationName}`, command: `publish confirm ${view.requestId}`, style: 'positive' },
    cancelCommand: `publish cancel ${view.requestId}`,
  });
}

/** A publish question answered (confirmed, cancelled, or refused). */
export function publishAnsweredDocument(iterationName: string, ...outcome: Line[]): Card {
  return confirmationAnsweredDocument(publishQuestion(iterationName), ...outcome);
}

function publishQuestion(iterationName: string): Line {
  return line('Publish ', strongData(iterationName), '?');
}
