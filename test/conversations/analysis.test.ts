import { strict as assert } from 'node:assert';
import { startBotWithConnector, type BotWithConnector } from '../support/botWithConnector.js';
import { shownText } from '../support/connector.js';

describe('text analysis through POST /api/messages (offline analyzer)', () => {
  let chat: BotWithConnector;
  before(async () => (chat = await startBotWithConnector()));
  after(() => chat.stop());

  const table: Array<[said: string, title: string, contains: RegExp]> = [
    ['sentiment What a great result!', 'Sentiment', /^🟢 Positive: What a great result!$/m],
    ['language Das Training ist fertig und die Ergebnisse sind gut.', 'Language', /^German \(\d+% confident\)$/m],
    ['entities Grace Hopper moved to Paris last year and works at IBM.', 'Entities', /^Paris$/m],
    ['keyphrases The storage account expired.', 'Key phrases', /storage account/],
    ['The loss curve looks great', 'Text analysis', /English/],
    ['sentiment', 'Add the text after the command, for example: sentiment ‹text›.', /‹text›/],
  ];
  for (const [said, title, contains] of table) {
    it(`answers "${said}" with ${title}`, async () => {
      const shown = shownText(await chat.ask(said));
      assert.equal(shown.split('\n')[0], title);
      assert.match(shown, contains);
    });
  }

  it('labels a sentence with what its scores say: a mixed one is mixed, a negative one negative', async () => {
    const shown = shownText(await chat.ask('sentiment I loved the new GPU, but the driver install was painful. I hate waiting for the queue.'));
    assert.match(shown, /^🟡 Mixed: I loved the new GPU, but the driver install was painful\.$/m);
    assert.match(shown, /^🔴 Negative: I hate waiting for the queue\.$/m);
  });

  it('shows each piece of personal data, masked, under a readable name, in a card and in text', async () => {
    const card = shownText(await chat.ask('pii Mail jane@contoso.com or pay with 4111 1111 1111 1111'));
    assert.match(card, /^Email: •{12}\.com$/m);
    assert.match(card, /^Credit card number: •{12}1111$/m);
    assert.doesNotMatch(card, /CreditCardNumber/);
    const text = (await chat.ask('pii Mail jane@contoso.com or pay with 4111 1111 1111 1111', { channelData: { textOnly: true } })).activity.text ?? '';
    assert.match(text, /^\*\*Email:\*\* •{12}\\\.com$/m, 'in Markdown too, and no run of * that a client draws as a rule');
    assert.doesNotMatch(text, /^\s*\*{3,}\s*$/m);
  });

  it('masks the sentence with the mask its values have, one bullet per character, and leaves an asterisk the person wrote', async () => {
    const card = shownText(await chat.ask('pii Mail jane@contoso.com or pay with 4111 1111 1111 1111 * soon'));
    assert.match(card, /^Mail •{16} or pay with •{19} \* soon$/m);
    assert.match(card, /^Email: •{12}\.com$/m);
    assert.doesNotMatch(card, /\*{2,}/, 'no asterisk mask anywhere');
  });

  it('leaves the Confidence column out when the backend gives no confidence (the offline recognizer)', async () => {
    const shown = shownText(await chat.ask('entities Grace Hopper moved to Paris last year and works at IBM.'));
    assert.match(shown, /^Entity\nCategory\n(?!Confidence)/m, `${shown}`);
    assert.doesNotMatch(shown, /Confidence|—/);
  });

  it("shows a person's Markdown, mentions and links as the text they typed, never as markup", async () => {
    const reply = await chat.ask('sentiment Click [here](https://evil.example/login) for <@U0123> and **everyone** ************');
    assert.match(shownText(reply), /Click \[here\]\(https:\/\/evil\.example\/login\) for <@U0123> and \*\*everyone\*\* \*{12}/);
    const card = JSON.stringify(reply.activity.attachments?.[0]?.content);
    assert.doesNotMatch(card, /"type":"TextBlock"/, 'every text is a TextRun, which no client reads as Markdown');
  });
});
