import { strict as assert } from 'node:assert';
import { code, data, fact, line, linesOf, placeholder, strong, subtle, text, type Line, type Card, type Span } from '../../cards/Card.js';
import { translateDocument } from '../../cards/translateCard.js';
import { ApertiumTranslator } from '../../services/translator/ApertiumTranslator.js';
import { AzureTranslator } from '../../services/translator/AzureTranslator.js';
import { cld3Detector } from '../../services/translator/cld3Detector.js';
import type { Translator } from '../../services/translator/Translator.js';
import { FakeTranslator } from '../support/fakeTranslator.js';
import { fastestOfAsync, MIN_BASELINE_MS } from '../support/timing.js';

/** The help card that went wrong: command words, a placeholder, a setting name, a user id and what the user wrote. */
function helpDocument(): Card {
  return {
    title: line('Automatic translation'),
    sections: [
      {
        heading: line('How to stop it'),
        lines: [
          line('Type ', code('translate off'), ' to stop translating this conversation.'),
          line(code('AZURE_SUBSCRIPTION_ID'), ' is the subscription of the training machines.'),
          line('Send ', code('translate es'), ' ', placeholder('text'), ' to translate a text.'),
          line('Hello ', placeholder('name'), ', the ', strong('red car'), ' is ready.'),
        ],
        facts: [fact('User', data('29:1AbC-xYz')), fact('Message', data('the red car is <b>big</b> & fast'))],
        table: { columns: [line('Machine'), line('State')], rows: [[line(data('gpu-01')), line('running')], [line(data('gpu-02')), line('running')]] },
      },
    ],
    notes: [subtle('The user ', data('29:1AbC-xYz'), ' wrote: ', data('the red car is <b>big</b> & fast'))],
    actions: [{ title: 'Stop translating', command: 'translate off' }],
  };
}

const isProtected = (span: Span) => !span.translate;
const protectedSpans = (document: Card) => linesOf(document).map((each) => each.spans.filter(isProtected));

/** Each line's spans as [protected span, or the prose between them], so "in place" is one deepEqual. */
function shape(value: Line): Array<Span | 'prose'> {
  return value.spans.map((span) => (isProtected(span) ? span : 'prose'));
}

function htmlTranslation(translator: Translator, to = 'es') {
  const calls: string[][] = [];
  const translate = async (html: string[]) => {
    calls.push(html);
    return (await translator.translate(html, { to, from: 'en', textType: 'html' })).map((result) => result.text);
  };
  return { translate, calls };
}

describe('translateDocument through the real AzureTranslator and a local Translator v3.0 server', () => {
  const service = new FakeTranslator();
  const translator = () =>
    new AzureTranslator({ endpoint: service.endpoint, key: service.key, timeoutMs: 10_000, clientOptions: { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } } });

  before(() => service.start());
  after(() => service.stop());
  beforeEach(() => service.reset());

  it('translates the prose in one request and brings every protected span back byte for byte, in place', async () => {
    const input = helpDocument();
    const before = structuredClone(input);
    const result = await translateDocument(input, htmlTranslation(translator()).translate);

    assert.equal(service.requests.length, 1, 'one request for the whole document');
    const [request] = service.requests;
    assert.equal(request.query.get('textType'), 'html');
    assert.equal(request.texts.filter((each) => each === 'running').length, 1, 'a text asked once');
    assert.deepEqual(input, before, 'the input document is unchanged');

    assert.deepEqual(protectedSpans(result), protectedSpans(input));
    const [title, heading, typeOff, setting, send, hello] = linesOf(result);
    assert.deepEqual(title.spans, [text('[es] AUTOMATIC TRANSLATION')]);
    assert.deepEqual(heading.spans, [text('[es] HOW TO STOP IT')]);
    assert.deepEqual(typeOff.spans, [text('[es] TYPE '), code('translate off'), text(' TO STOP TRANSLATING THIS CONVERSATION.')]);
    assert.deepEqual(setting.spans, [text('[es] '), code('AZURE_SUBSCRIPTION_ID'), text(' IS THE SUBSCRIPTION OF THE TRAINING MACHINES.')]);
    assert.deepEqual(send.spans, [text('[es] SEND '), code('translate es'), text(' '), placeholder('text'), text(' TO TRANSLATE A TEXT.')]);
    assert.deepEqual(hello.spans, [text('[es] HELLO '), placeholder('name'), text(', THE '), strong('RED CAR'), text(' IS READY.')]);
    assert.deepEqual(result.sections[0].facts?.[1], { label: line('[es] MESSAGE'), value: line(data('the red car is <b>big</b> & fast')) });
    assert.deepEqual(result.sections[0].table?.rows[1], [line(data('gpu-02')), line('[es] RUNNING')]);
    assert.equal(result.notes?.[0].subtle, true);
    assert.deepEqual(result.actions, [{ title: '[es] STOP TRANSLATING', command: 'translate off' }]);
  });

  it("leaves a button's data (a tag's name) as written: not sent when it is the whole title, protected inside one", async () => {
    const input: Card = {
      sections: [{ lines: [line('Which tag?')] }],
      actions: [
        { title: 'scratch', titleData: 'scratch', command: 'label as 0a1b scratch' },
        { title: 'New tag: red car', titleData: 'red car', command: 'label as 0a1b red car' },
        { title: 'Skip', command: 'label skip 0a1b' },
      ],
    };
    const result = await translateDocument(input, htmlTranslation(translator()).translate);
    assert.ok(!service.requests[0].texts.includes('scratch'), 'a title that is a name alone is not sent');
    assert.deepEqual(result.actions?.map((action) => action.title), ['scratch', '[es] NEW TAG: red car', '[es] SKIP']);
    assert.deepEqual(result.actions?.map((action) => action.command), input.actions?.map((action) => action.command));

    service.dropsNotranslate = true;
    const dropped = await translateDocument(input, htmlTranslation(translator()).translate);
    assert.equal(dropped.actions?.[1].title, 'New tag: red car', 'a title whose name did not come back stays as it was');
  });

  it('keeps a line untranslated when the answer lost one of its protected spans', async () => {
    service.dropsNotranslate = true;
    const input = helpDocument();
    const result = await translateDocument(input, htmlTranslation(translator()).translate);
    const [title, , typeOff, setting] = linesOf(result);
    assert.deepEqual(title.spans, [text('[es] AUTOMATIC TRANSLATION')], 'lines without protected spans are translated');
    assert.deepEqual(typeOff, linesOf(input)[2]);
    assert.deepEqual(setting, linesOf(input)[3]);
    assert.deepEqual(result.notes, input.notes);
  });

  it('keeps every line with protected spans as it was when the translator ignores the markup', async () => {
    const input = helpDocument();
    const plain = translator();
    const result = await translateDocument(input, async (html) => (await plain.translate(html, { to: 'es', from: 'en' })).map((each) => each.text));
    assert.deepEqual(linesOf(result)[2], linesOf(input)[2], '<SPAN CLASS="NOTRANSLATE">TRANSLATE OFF</SPAN> is not what went');
    assert.deepEqual(linesOf(result)[0].spans, [text('[es] AUTOMATIC TRANSLATION')]);
  });

  it('passes a 25,000-character paste of "[", "<" or spaces through in about the time of 25,000 letters', async () => {
    const translate = htmlTranslation(translator()).translate;
    const paste = (pasted: string) => ({ sections: [{ lines: [line('You wrote: ', data(pasted), ' and nothing else.')] }] });
    // Measured now, on this machine: a quadratic scan of the paste would take hundreds of times as long.
    const baseline = await fastestOfAsync(() => translateDocument(paste('a'.repeat(25_000)), translate));
    for (const pasted of ['['.repeat(25_000), '<'.repeat(25_000), ' '.repeat(25_000)]) {
      service.reset();
      const input = paste(pasted);
      const started = performance.now();
      const result = await translateDocument(input, translate);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 20 * Math.max(baseline, MIN_BASELINE_MS), `${JSON.stringify(pasted[0])} x 25,000: ${elapsed.toFixed(1)} ms against ${baseline.toFixed(1)} ms for letters`);
      assert.equal(service.requests.length, 1);
      assert.deepEqual(result.sections[0].lines, [line('[es] YOU WROTE: ', data(pasted), ' AND NOTHING ELSE.')]);
    }
  });
});

describe('translateDocument through the real ApertiumTranslator (English to Spanish)', () => {
  let translator: ApertiumTranslator;

  before(async () => {
    const created = await ApertiumTranslator.create({ dataDir: '/usr/share/apertium' }, cld3Detector(), 10_000);
    assert.ok(created, 'apertium and apertium-eng-spa installed');
    translator = created;
  });
  after(() => translator.close());

  it('translates the prose into Spanish in one call and brings every protected span back byte for byte, in place', async () => {
    const input = helpDocument();
    const before = structuredClone(input);
    const { translate, calls } = htmlTranslation(translator);
    const result = await translateDocument(input, translate);

    assert.equal(calls.length, 1);
    assert.deepEqual(input, before, 'the input document is unchanged');
    assert.deepEqual(protectedSpans(result), protectedSpans(input));
    assert.deepEqual(linesOf(result).map(shape), linesOf(input).map(shape));

    const [title, , typeOff, setting, send, hello] = linesOf(result);
    assert.deepEqual(title.spans, [text('Traducción automática')]);
    assert.deepEqual(typeOff.spans, [text('Tipo '), code('translate off'), text(' para parar que traduce esta conversación.')]);
    assert.deepEqual(setting.spans, [code('AZURE_SUBSCRIPTION_ID'), text(' Es la suscripción de las máquinas de formación.')]);
    assert.deepEqual(send.spans, [text('Envía '), code('translate es'), text(' '), placeholder('text'), text(' para traducir un texto.')]);
    assert.deepEqual(hello.spans, [text('Hola '), placeholder('name'), text(', el '), strong('coche rojo'), text(' está a punto.')]);
    assert.deepEqual(result.notes, [subtle('El usuario ', data('29:1AbC-xYz'), ' escribió: ', data('the red car is <b>big</b> & fast'))]);
    assert.deepEqual(result.sections[0].facts?.map((entry) => entry.label), [line('Usuario'), line('Mensaje')]);
    assert.equal(result.actions?.[0].command, 'translate off');
  });

  it('passes a 25,000-character paste of "[", "<" or spaces through in about the time of 25,000 letters', async () => {
    const { translate } = htmlTranslation(translator);
    const paste = (pasted: string) => ({ sections: [{ lines: [line('The user wrote: ', data(pasted))] }] });
    await translateDocument({ sections: [{ lines: [line('The pipeline is warm.')] }] }, translate);
    // Measured now, through the same warm pipeline: the machine's load slows both alike.
    const baseline = await fastestOfAsync(() => translateDocument(paste('a'.repeat(25_000)), translate));
    for (const pasted of ['['.repeat(25_000), '<'.repeat(25_000), ' '.repeat(25_000)]) {
      // The fastest of three, as the baseline: one run alone can meet a collection or a busy core.
      const elapsed = await fastestOfAsync(() => translateDocument(paste(pasted), translate));
      const result = await translateDocument(paste(pasted), translate);
      assert.ok(elapsed < 20 * Math.max(baseline, MIN_BASELINE_MS), `${JSON.stringify(pasted[0])} x 25,000: ${elapsed.toFixed(1)} ms against ${baseline.toFixed(1)} ms for letters`);
      assert.deepEqual(result.sections[0].lines, [line('El usuario escribió: ', data(pasted))]);
    }
  });
});

describe('translateDocument, whatever the translator answers', () => {
  it('keeps a line whose translation comes back empty, and returns a new document', async () => {
    const input = helpDocument();
    const result = await translateDocument(input, async (html) => html.map(() => ' '));
    assert.deepEqual(result, input);
    assert.notEqual(result, input);
    assert.notEqual(result.sections[0].lines?.[0], input.sections[0].lines?.[0]);
  });

  it('keeps a line whose answer duplicated or altered a protected span; takes one that moved it', async () => {
    const input = { sections: [{ lines: [line('Run ', code('vm start'), ' now.'), line('Run ', code('vm stop'), ' now.'), line('From ', data('a'), ' to ', data('b'), '.')] }] };
    const answers = [
      'Ejecuta <span class="notranslate">vm start</span> <span class="notranslate">vm start</span> ya.',
      'Ejecuta <span class="notranslate">VM STOP</span> ya.',
      'Hacia <span class="notranslate">b</span> desde <span class="notranslate">a</span>.',
    ];
    const result = await translateDocument(input, async () => answers);
    assert.deepEqual(result.sections[0].lines, [input.sections[0].lines[0], input.sections[0].lines[1], line('Hacia ', data('b'), ' desde ', data('a'), '.')]);
  });

  it('asks nothing when no line has words of its own to translate', async () => {
    const input = { title: line(data('gpu-01')), sections: [{ lines: [line(code('vm list'), ' ')] }] };
    const result = await translateDocument(input, async () => assert.fail('nothing to translate'));
    assert.deepEqual(result, input);
  });
});
