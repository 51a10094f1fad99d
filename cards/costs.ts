import type { AutoStopSchedule } from '../services/costs/AutoShutdown.js';
import { ianaZoneOf } from '../config/windowsTimeZones.js';
import { costSince, type HourlyPrice } from '../services/costs/VmPrices.js';
import type { NoticeChoice, ShutdownNotice } from '../state/ShutdownNotices.js';
import { code, data, fact, line, placeholder, strongData, subtle, toned, type Fact, type Line, type Card } from './Card.js';
import { byteSize } from './wording.js';
import type { VmActivity } from '../services/costs/VmMetrics.js';

/** What a VM costs and when it stops, as `vm list` and `vm status` show it. */
export interface VmCostView {
  /** null: no schedule; undefined: could not be read. */
  autoStop?: AutoStopSchedule | null;
  price?: HourlyPrice;
  osType?: string;
  /** Set for a running VM whose start time is known. */
  startedAt?: number;
  now: number;
}

/** `dailyStop: false` for a machine without Azure's daily schedule (an Azure ML compute instance). */
export function costFacts(view: VmCostView, { dailyStop = true } = {}): Fact[] {
  const facts: Fact[] = dailyStop ? [fact('Daily stop', ...autoStopText(view.autoStop))] : [];
  if (view.price) facts.push(fact('Price', data(`${money(view.price.amount, view.price.currency)}/h`), ` (pay-as-you-go${view.osType ? `, ${view.osType}` : ''})`));
  if (view.startedAt !== undefined) {
    facts.push(fact('Running for', data(duration(view.now - view.startedAt))));
    if (view.price) facts.push(fact('Cost so far', 'about ', data(money(costSince(view.price, view.startedAt, view.now), view.price.currency))));
  }
  return facts;
}

function autoStopText(schedule: AutoStopSchedule | null | undefined): Array<string | ReturnType<typeof data>> {
  if (schedule === undefined) return ['unknown'];
  if (schedule === null || !schedule.enabled) return ['off'];
  return [data(schedule.time), ' ', data(schedule.timeZone)];
}

export function autoStopSetDocument(vm: string, schedule: AutoStopSchedule, notices: boolean): Card {
  return {
    title: line('Daily stop: ', strongData(vm)),
    sections: [
      {
        lines: [
          toned('good', data(vm), ' shuts down every day at ', data(schedule.time), ' (', data(schedule.timeZone), ').'),
          notices
            ? line('I will post here 30 minutes before, with buttons to delay it or skip a day.')
            : subtle('Shutdown notices are not set up on this bot, so nobody is warned before; ask its administrator if you want them.'),
          subtle('Turn it off with ', code(`vm autostop ${vm} off`), '.'),
        ],
      },
    ],
  };
}

export function autoStopOffDocument(vm: string, hadOne: boolean): Card {
  return {
    title: line('Daily stop: ', strongData(vm)),
    sections: [{ lines: [hadOne ? line(data(vm), ' no longer stops daily.') : line(data(vm), ' had no daily stop; nothing to turn off.')] }],
  };
}

const CHOICES: Record<NoticeChoice, { button: string; done: string; delayMinutes?: number }> = {
  delay60: { button: 'Delay 1 h', done: 'delayed the shutdown by 1 hour', delayMinutes: 60 },
  delay120: { button: 'Delay 2 h', done: 'delayed the shutdown by 2 hours', delayMinutes: 120 },
  skip: { button: 'Skip today', done: "skipped today's shutdown" },
};

/** Azure's notice, 30 minutes before: delay or skip, for operators. */
export function shutdownNoticeDocument(notice: ShutdownNotice, now: number): Card {
  const minutes = Math.max(0, Math.round((notice.shutdownAt - now) / 60_000));
  return {
    title: noticeTitle(notice, `(in ${minutes} minutes)`),
    sections: [{ lines: [line('Azure will shut down and deallocate ', data(notice.vm), ' as scheduled. Anything running on it ends.'), subtle('Operators can delay it or skip today.')] }],
    actions: (Object.keys(CHOICES) as NoticeChoice[]).map((choice) => ({ title: CHOICES[choice].button, command: `vm notice ${notice.id} ${choice}`, answers: true })),
  };
}

/** The notice once answered: who chose what, in place of its buttons. */
export function noticeAnsweredDocument(notice: ShutdownNotice): Card {
  const answer = notice.answer;
  const choice = answer ? CHOICES[answer.choice] : undefined;
  const lines: Line[] = [line(data(answer?.byName ?? 'Someone'), ` ${choice?.done ?? 'answered'}.`)];
  if (choice?.delayMinutes) lines.push(line(data(notice.vm), ' now shuts down at ', data(clock(notice.shutdownAt + choice.delayMinutes * 60_000, notice.timeZone)), '.'));
  return { title: noticeTitle(notice, ''), sections: [{ lines }] };
}

function noticeTitle(notice: ShutdownNotice, suffix: string): Line {
  return line(strongData(notice.vm), ' shuts down at ', data(clock(notice.shutdownAt, notice.timeZone)), suffix ? ` ${suffix}` : '');
}

interface IdleReminderView {
  vm: string;
  startedAt: number;
  now: number;
  /** What Azure measured over `minutes`: all of it low. */
  activity: VmActivity;
  minutes: number;
  /** How long the Keep running button keeps it without reminders. */
  keepHours: number;
  price?: HourlyPrice;
}

/**
 * One reminder about a VM running idle, saying what was measured; deallocate (with the usual confirmation) or keep it
 * running, for a VM busy in a way Azure cannot see (a GPU job on data already in memory).
 */
export function idleReminderDocument(view: IdleReminderView): Card {
  const { activity, vm } = view;
  const measured = (bytes: number | undefined) => data(bytes === undefined ? 'unknown' : byteSize(bytes));
  const lines: Line[] = [
    line(data(vm), ' has been running for ', data(duration(view.now - view.startedAt)), ` and looks idle. Over the last ${view.minutes === 60 ? 'hour' : `${view.minutes} minutes`}, Azure measured:`),
  ];
  const bullets: Line[] = [
    line('CPU: ', data(activity.cpuPercent === undefined ? 'unknown' : `${activity.cpuPercent.toFixed(1)} %`), ' on average'),
    line('Network: ', measured(activity.networkInBytes), ' in, ', measured(activity.networkOutBytes), ' out'),
    line('Disk: ', measured(activity.diskReadBytes), ' read, ', measured(activity.diskWriteBytes), ' written'),
  ];
  const after: Line[] = [];
  if (view.price) {
    after.push(line('Cost so far: about ', data(money(costSince(view.price, view.startedAt, view.now), view.price.currency)), ' (', data(`${money(view.price.amount, view.price.currency)}/h`), ').'));
  }
  after.push(subtle('If nobody needs it, deallocate it: compute billing stops and its disks stay.'));
  after.push(
    subtle(
      'Busy in a way Azure cannot see, such as a GPU job? ',
      code(`vm keep ${vm}`),
      ' ',
      placeholder('hours'),
      ` stops these reminders for that long (Keep running: ${view.keepHours} hours).`,
    ),
  );
  return {
    title: line('Idle: ', strongData(vm)),
    sections: [{ lines, bullets }, { lines: after }],
    actions: [
      { title: `Deallocate ${vm}`, command: `vm stop ${vm}`, style: 'destructive' },
      { title: 'Keep running', command: `vm keep ${vm}`, answers: true },
    ],
  };
}

export function keptRunningDocument(vm: string, byName: string, hours: number): Card {
  return { title: line('Idle: ', strongData(vm)), sections: [{ lines: [line(data(byName), ` keeps `, data(vm), ` running; no reminder about it for ${hours} hours.`)] }] };
}

/** `5 h 10 min`, `12 min`. */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

/** The wall-clock time (HH:MM) of an instant in a Windows time zone. */
function clock(at: number, windowsZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ianaZoneOf(windowsZone) }).format(at);
}
