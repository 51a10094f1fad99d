/** Documents the renderer tests share. */
import { code, data, emphasis, fact, line, link, placeholder, strong, strongData, subtle, toned, type Card } from '../../../cards/Card.js';

/** What a person might type to make a renderer turn their words into a link, a mention, formatting, a rule or a tag. */
export const HOSTILE = 'Click [here](https://evil.example/login) <!channel> *bold* _it_ ************ <text>';

/** A 1x1 PNG, as the data: URL a picture carries. */
export const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Every part a document can have, every span style and every tone. */
export function everyPart(): Card {
  return {
    title: line('VM ', strongData('gpu-01')),
    sections: [
      {
        heading: line('Power state'),
        lines: [
          line('You wrote: ', data(HOSTILE)),
          line('Plain, ', strong('strong'), ', ', emphasis('emphasis'), ', ', code('vm list'), ', ', placeholder('name'), ' and ', link('the docs', 'https://learn.microsoft.com/azure/')),
          toned('good', 'Running'),
          toned('warning', 'Idle for 3 hours'),
          toned('attention', 'Quota almost used'),
          toned('accent', 'New: auto-stop'),
          subtle('Checked a minute ago'),
        ],
        bullets: [line('first bullet'), line('second bullet with ', code('code'))],
        facts: [fact('Size', data('Standard_NC6')), fact('Cost', data('$0.90 an hour'))],
        actions: [{ title: 'Deallocate', command: 'vm stop gpu-01', style: 'destructive' }],
      },
      {
        heading: line('Other VMs'),
        table: {
          columns: [line('Name'), line('State'), line('Size')],
          rows: [
            [line(data('gpu-02')), line('Stopped'), line(data('Standard_NC12'))],
            [line(data('cpu-01')), line('Running'), line(data('Standard_D4s_v5'))],
          ],
        },
        picture: { url: PIXEL, alt: 'a thumbnail' },
        actions: [
          { title: 'Start gpu-02', command: 'vm start gpu-02', style: 'positive' },
          { title: 'List VMs', command: 'vm list' },
        ],
      },
    ],
    notes: [line('From Azure Resource Manager')],
    actions: [
      { title: 'Deallocate', command: 'yes', style: 'destructive', answers: true },
      { title: 'Cancel', command: 'no', answers: true },
      { title: 'Help', command: 'help' },
    ],
  };
}

/** A reply far over every limit: `count` sentences in one section, as a long text analysis gives. */
export function sentences(count: number): Card {
  return {
    title: line('Sentiment by sentence'),
    sections: [
      { heading: line('Sentences'), lines: Array.from({ length: count }, (_, index) => line(`Sentence ${index + 1}: `, data(`the GPU <b>driver</b> & *install* was painful ${index}`))) },
      { facts: [fact('Overall', data('negative'))] },
    ],
    notes: [line('From the offline analyzer')],
    actions: [{ title: 'Analyze again', command: 'analyze again' }],
  };
}
