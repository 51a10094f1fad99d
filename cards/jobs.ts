import { isTerminal, type JobStatus, type JobSummary } from '../services/machineLearning/MachineLearningJobs.js';
import { confirmationAnsweredDocument, confirmationDocument } from './confirmation.js';
import { duration } from './costs.js';
import { code, data, fact, line, link, strongData, subtle, toned, type Card, type Fact, type Line, type Tone } from './Card.js';

const TONES: Partial<Record<JobStatus, Tone>> = { Completed: 'good', Failed: 'attention', Canceled: 'warning', Running: 'accent' };

/** `jobs [experiment]`: the most recent jobs, newest first. */
export function jobsListDocument(jobs: readonly JobSummary[], options: { experiment?: string; backendName: string; now: number }): Card {
  const title = options.experiment ? line('Recent jobs of ', strongData(options.experiment)) : line('Recent jobs');
  if (jobs.length === 0) {
    return { title, sections: [{ lines: [line(options.experiment ? 'No recent job of this experiment.' : 'No job in the workspace yet.')] }], notes: [subtle(`From ${options.backendName}.`)] };
  }
  return {
    title,
    sections: [
      {
        table: {
          columns: [line('Name'), line('Display name'), line('Experiment'), line('Status'), line('Compute'), line('Submitted'), line('Ran')],
          rows: jobs.map((job) => [
            line(code(job.name)),
            line(data(job.displayName ?? '')),
            line(data(job.experiment ?? '')),
            statusLine(job.status),
            line(data(job.compute ?? '')),
            line(data(job.submittedAt ? isoMinute(job.submittedAt) : '')),
            line(data(ranFor(job, options.now) ?? '')),
          ]),
        },
      },
    ],
    notes: [subtle(`From ${options.backendName}. `, code('job'), ' ', code('<name>'), ' shows one in detail.')],
  };
}

/** `job <name>`: one job in detail. */
export function jobDocument(job: JobSummary, now: number): Card {
  return { title: line('Job ', strongData(job.name)), sections: [{ facts: jobFacts(job, now), lines: errorLines(job) }] };
}

/** What a following conversation is told when a job ends. */
export function jobEndedDocument(job: JobSummary, now: number): Card {
  const verb = job.status === 'Completed' ? 'completed' : job.status === 'Failed' ? 'failed' : 'was canceled';
  return {
    title: { ...line('Job ', strongData(job.name), ` ${verb}`), tone: TONES[job.status] },
    sections: [{ facts: jobFacts(job, now), lines: errorLines(job) }],
    notes: [subtle('You get this because this conversation follows ', data(job.experiment ?? ''), '; ', code(`jobs unfollow ${job.experiment ?? ''}`), ' stops it.')],
  };
}

function jobFacts(job: JobSummary, now: number): Fact[] {
  const facts = [fact('Status', statusLine(job.status).spans[0])];
  if (job.displayName) facts.push(fact('Display name', data(job.displayName)));
  if (job.experiment) facts.push(fact('Experiment', data(job.experiment)));
  if (job.compute) facts.push(fact('Compute', data(job.compute)));
  if (job.submittedAt) facts.push(fact('Submitted', data(isoMinute(job.submittedAt))));
  const ran = ranFor(job, now);
  if (ran) facts.push(fact(isTerminal(job.status) ? 'Ran' : 'Running for', data(ran)));
  if (job.studioUrl) facts.push(fact('Studio', link('Open in Azure ML studio', job.studioUrl)));
  return facts;
}

function errorLines(job: JobSummary): Line[] {
  if (job.status !== 'Failed') return [];
  return [job.error ? toned('attention', 'Azure says: ', data(job.error)) : subtle('Azure gives no error text for it here; the studio page has its logs.')];
}

function statusLine(status: JobStatus): Line {
  return { ...line(data(status)), tone: TONES[status] };
}

/** How long it ran: to its last change for an ended job (about when it ended), to now for one still going. */
function ranFor(job: JobSummary, now: number): string | undefined {
  if (job.submittedAt === undefined) return undefined;
  const end = isTerminal(job.status) ? job.lastChangedAt : now;
  return end === undefined ? undefined : duration(end - job.submittedAt);
}

function isoMinute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface JobCancelView {
  job: string;
  requestId: string;
  minutes: number;
  requesterName: string;
}

const cancelQuestion = (job: string): Line => line('Cancel job ', strongData(job), '?');

export function jobCancelConfirmDocument(view: JobCancelView): Card {
  return confirmationDocument({
    question: cancelQuestion(view.job),
    explanation: line('Azure ML stops ', data(view.job), ' and keeps what it logged so far; it cannot be resumed.'),
    requesterName: view.requesterName,
    minutes: view.minutes,
    confirm: { title: `Cancel ${view.job}`, command: `job confirm ${view.requestId}`, style: 'destructive' },
    cancelCommand: `job keep ${view.requestId}`,
  });
}

export function jobCancelAnsweredDocument(job: string, ...outcome: Line[]): Card {
  return confirmationAnsweredDocument(cancelQuestion(job), ...outcome);
}

/** `jobs follow`: what this conversation follows. */
export function followedDocument(experiments: readonly string[]): Card {
  if (experiments.length === 0) {
    return { title: line('Followed experiments'), sections: [{ lines: [line('This conversation follows no experiment. ', code('jobs follow'), ' ', code('<experiment>'), ' posts here when its jobs end.')] }] };
  }
  return { title: line('Followed experiments'), sections: [{ bullets: experiments.map((experiment) => line(data(experiment))) }], notes: [subtle('A notice comes here when a job of one of them completes, fails or is canceled.')] };
}
