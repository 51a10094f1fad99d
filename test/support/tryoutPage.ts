/** The try-out page's side of its HTTP API, without a browser: its event stream and its posts. */

export interface PageEventRead {
  id: string;
  type: string;
  data: { messageId: string; message: { text?: string; attachments?: Array<{ contentType: string; content?: unknown }> } };
}

export interface EventStreamReader {
  status: number;
  events: PageEventRead[];
  /** Resolves once `count` events have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<PageEventRead[]>;
  close(): void;
}

/** Opens `/tryout/api/events` as EventSource would, and parses what arrives. */
export async function openEvents(baseUrl: string, pageId: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/tryout/api/events?id=${encodeURIComponent(pageId)}`, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: PageEventRead[] = [];
  const waiters = new Set<() => void>();
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffered = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffered += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffered.indexOf('\n\n')) >= 0) {
            const block = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const fields = Object.fromEntries(block.split('\n').filter((line) => !line.startsWith(':') && line.includes(': ')).map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]));
            if (fields.data) events.push({ id: fields.id, type: fields.event ?? 'message', data: JSON.parse(fields.data) });
            for (const wake of waiters) wake();
          }
        }
      } catch {
        // closed
      }
    })();
  }
  return {
    status: response.status,
    events,
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (events.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(events.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${events.length} of ${count} events arrived: ${JSON.stringify(events).slice(0, 2000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}

/** Posts an activity as the page does. */
export function postFromPage(baseUrl: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/tryout/api/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
