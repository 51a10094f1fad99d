import { strict as assert } from 'node:assert';
import { Conversations, type PageEvent, type PageStream } from '../../../channels/tryout/Conversations.js';

/** A page that reads everything (or, `keepsUp: false`, nothing). */
function page(keepsUp = true) {
  const received: PageEvent[] = [];
  let closed = false;
  const stream: PageStream = {
    send: (event) => {
      received.push(event);
      return keepsUp;
    },
    close: () => {
      closed = true;
    },
  };
  return { stream, received, texts: () => received.map((event) => event.data.message.text), isClosed: () => closed };
}

describe('Conversations (what the try-out page is sent, bounded)', () => {
  const limits = { conversations: 3, eventsPerConversation: 2, streamsPerConversation: 2, streams: 2 };

  it('sends each conversation its own messages and updates, to every page open on it', () => {
    const conversations = new Conversations(limits);
    const [a1, a2, b] = [page(), page(), page()];
    conversations.open('a', undefined, () => a1.stream);
    conversations.open('a', undefined, () => a2.stream);
    const id = conversations.post('a', { text: 'hello' });
    conversations.update('a', id, { text: 'hello again' });
    conversations.post('b', { text: 'not for a' });
    assert.deepEqual(a1.texts(), ['hello', 'hello again']);
    assert.deepEqual(a2.received, a1.received);
    assert.equal(a1.received[1].type, 'update');
    assert.equal(a1.received[1].data.messageId, id);
    assert.deepEqual(b.received, []);
  });

  it('replays to a reconnecting page what came after its last event, within the kept events', () => {
    const conversations = new Conversations(limits);
    const first = page();
    const close = conversations.open('a', undefined, () => first.stream)!;
    conversations.post('a', { text: 'one' });
    close();
    for (const text of ['two', 'three', 'four']) conversations.post('a', { text });
    const again = page();
    conversations.open('a', first.received[0].id, () => again.stream);
    assert.deepEqual(again.texts(), ['three', 'four'], 'two kept: the oldest missed one is gone');
    const other = page();
    conversations.open('a', 'an-earlier-process.7', () => other.stream);
    assert.deepEqual(other.texts(), ['three', 'four'], 'after a restart, everything kept');
  });

  it('opens no more pages than its limits, and counts closed ones out', () => {
    const conversations = new Conversations(limits);
    const closeA = conversations.open('a', undefined, () => page().stream)!;
    assert.ok(conversations.open('b', undefined, () => page().stream));
    let connected = false;
    assert.equal(
      conversations.open('c', undefined, () => {
        connected = true;
        return page().stream;
      }),
      undefined,
    );
    assert.equal(connected, false, 'a refused page is not connected');
    closeA();
    assert.ok(conversations.open('c', undefined, () => page().stream));
  });

  it('forgets the least recently used conversation without a page first', () => {
    const conversations = new Conversations(limits);
    const watching = page();
    conversations.open('a', undefined, () => watching.stream);
    conversations.post('b', { text: 'b' });
    conversations.post('c', { text: 'c' });
    conversations.post('d', { text: 'd' });
    conversations.post('a', { text: 'still here' });
    assert.deepEqual(watching.texts(), ['still here']);
    const late = page();
    conversations.open('b', 'x.0', () => late.stream);
    assert.deepEqual(late.received, [], 'b was forgotten');
  });

  it('closes a page that does not keep up; it can reconnect', () => {
    const conversations = new Conversations(limits);
    const slow = page(false);
    conversations.open('a', undefined, () => slow.stream);
    conversations.post('a', { text: 'one' });
    assert.ok(slow.isClosed());
    conversations.post('a', { text: 'two' });
    assert.deepEqual(slow.texts(), ['one']);
    assert.ok(conversations.open('a', undefined, () => page().stream) && conversations.open('b', undefined, () => page().stream), 'its place is free');
  });
});
