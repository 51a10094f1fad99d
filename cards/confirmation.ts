import { data, subtle, type Action, type Line, type Card } from './Card.js';

interface ConfirmationView {
  /** The card's title, which its answer keeps. */
  question: Line;
  /** What confirming does. */
  explanation: Line;
  requesterName: string;
  minutes: number;
  /** The button that confirms; like Cancel, it answers the question. */
  confirm: Omit<Action, 'answers'>;
  cancelCommand: string;
}

/** A question before a change (`vm stop`, `publish`): what confirming does, and buttons only the requester's press answers. */
export function confirmationDocument(view: ConfirmationView): Card {
  return {
    title: view.question,
    sections: [{ lines: [view.explanation, subtle('Only ', data(view.requesterName), ` can confirm, within ${view.minutes} minutes.`)] }],
    actions: [{ ...view.confirm, answers: true }, { title: 'Cancel', command: view.cancelCommand, answers: true }],
  };
}

/** The question answered (confirmed, cancelled, or refused): what replaces the card whose buttons were pressed. */
export function confirmationAnsweredDocument(question: Line, ...outcome: Line[]): Card {
  return { title: question, sections: [{ lines: outcome }] };
}
