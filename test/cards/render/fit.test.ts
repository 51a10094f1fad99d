import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { data, line, linesOf, plainText, type Card } from '../../../cards/Card.js';
import { fitDocument } from '../../../cards/render/fit.js';
import { largestFitting } from '../../../cards/render/largestFitting.js';

/** A stand-in for a renderer: a document's size is its characters plus ten for each line. */
const size = (document: Card) => linesOf(document).reduce((sum, value) => sum + plainText(value).length + 10, 0);
const lines = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => line(data(`${prefix} ${index}`)));

describe('fitDocument', () => {
  const document: Card = {
    title: line('Title'),
    sections: [
      { heading: line('Long'), lines: lines(1_000, 'long') },
      { heading: line('Short'), bullets: lines(5, 'short') },
    ],
    notes: [line('A note')],
    actions: [{ title: 'Again', command: 'again' }],
  };

  it('cuts the longest parts first and keeps the title, headings, notes and actions', () => {
    const fitted = fitDocument(document, (candidate) => size(candidate) / 1_000);
    assert.ok(size(fitted) <= 1_000);
    assert.equal(fitted.title, document.title);
    assert.deepEqual(fitted.sections.map((section) => section.heading), [document.sections[0].heading, document.sections[1].heading]);
    assert.deepEqual(fitted.sections[1].bullets, document.sections[1].bullets);
    assert.deepEqual(fitted.sections[0].lines, document.sections[0].lines!.slice(0, fitted.sections[0].lines!.length));
    assert.deepEqual(fitted.actions, document.actions);
    assert.equal(fitted.notes?.[0], document.notes![0]);
  });

  it('adds a note with the number of lines left out', () => {
    const fitted = fitDocument(document, (candidate) => size(candidate) / 1_000);
    const kept = fitted.sections[0].lines!.length;
    assert.equal(plainText(fitted.notes![1]), `… ${(1_000 - kept).toLocaleString('en-US')} more lines left out: the full result was too long for this chat.`);
    assert.equal(fitted.notes![1].subtle, true);
  });

  it('fills the room it has', () => {
    const fitted = fitDocument(document, (candidate) => size(candidate) / 1_000);
    assert.ok(size(fitted) >= 900, String(size(fitted)));
  });

  it('leaves out pictures when they alone are too big', () => {
    const withPicture: Card = { sections: [{ lines: lines(50, 'line'), picture: { url: 'x'.repeat(5_000), alt: 'big' } }] };
    const measure = (candidate: Card) => (size(candidate) + (candidate.sections[0].picture?.url.length ?? 0)) / 2_000;
    const fitted = fitDocument(withPicture, measure);
    assert.equal(fitted.sections[0].picture, undefined);
    assert.ok(fitted.sections[0].lines!.length > 10);
  });

  it('renders a few lines near the answer, not half of a huge document', () => {
    const huge: Card = { sections: [{ lines: lines(100_000, 'line') }] };
    const probed: number[] = [];
    fitDocument(huge, (candidate) => {
      probed.push(candidate.sections[0].lines!.length);
      return size(candidate) / 5_000;
    });
    assert.ok(probed.length <= 10, String(probed));
    assert.ok(Math.max(...probed) < 1_000, String(probed));
  });
});

describe('largestFitting', () => {
  it('finds the largest value that fits, or one at least 95% full, whatever the estimate says', () => {
    for (const [max, limit] of [
      [100, 37],
      [10_000, 9_999],
      [10_000, 1],
      [5, 5],
      [1, 0],
      [100_000, 300],
    ]) {
      // A fill that grows unevenly with the value: the weight-based estimate is wrong on purpose.
      const fill = (value: number) => (value * value) / (limit * limit + 0.5);
      const probes: number[] = [];
      const found = largestFitting(max, (value) => (probes.push(value), fill(value)), (value) => value, 0);
      assert.ok(fill(found) <= 1, `max ${max}, limit ${limit}: ${found} does not fit`);
      assert.ok(found === Math.min(max, limit) || fill(found) >= 0.95, `max ${max}, limit ${limit}: ${found} is too little`);
      assert.ok(probes.length <= 20, `max ${max}, limit ${limit}: ${probes.length} probes`);
    }
  });

  it('returns max when everything fits', () => {
    assert.equal(largestFitting(1_000, (value) => value / 1234.5, (value) => value, 0), 1_000);
  });
});
