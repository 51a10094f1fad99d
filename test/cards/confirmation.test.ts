import { strict as assert } from 'node:assert';
import { linesOf, plainText, type Card } from '../../cards/Card.js';
import { publishQuestionDocument } from '../../cards/training.js';
import { stopQuestionDocument } from '../../cards/vms.js';

const questions: Array<[name: string, document: Card, confirm: string, cancel: string]> = [
  ['vm stop', stopQuestionDocument({ machine: 'vm', name: 'gpu-01', requestId: 'a1b2c3d4', minutes: 5, requesterName: 'Ada' }), 'vm confirm a1b2c3d4', 'vm cancel a1b2c3d4'],
  [
    'publish',
    publishQuestionDocument({ iterationName: 'Iteration 8', publishName: 'Iteration8', requestId: 'e5f6a7b8', minutes: 5, requesterName: 'Ada' }),
    'publish confirm e5f6a7b8',
    'publish cancel e5f6a7b8',
  ],
];

describe('confirmation questions', () => {
  for (const [name, document, confirm, cancel] of questions) {
    it(`${name}: confirming and cancelling both answer the question, and only the requester may, for a while`, () => {
      assert.deepEqual(
        document.actions?.map((action) => [action.command, action.answers]),
        [
          [confirm, true],
          [cancel, true],
        ],
      );
      assert.ok(linesOf(document).some((value) => plainText(value) === 'Only Ada can confirm, within 5 minutes.'));
    });
  }
});
