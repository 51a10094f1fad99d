import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';

// ws 7 (what is installed here) names it Server; ws 8 keeps that alias.
const WebSocketServer = WebSocket.Server;

/** What Slack received back for one envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/**
 * A local WebSocket server playing Slack's Socket Mode end, as @slack/socket-mode reads it: `hello` on connect,
 * envelopes `{envelope_id, type, payload, accepts_response_payload}`, acknowledgements `{envelope_id, payload}`,
 * and `{type: "disconnect", reason}` to recycle a connection.
 */
export class FakeSlackSocket {
  readonly sockets: WebSocket[] = [];
  readonly acks: SocketAck[] = [];
  private server?: InstanceType<typeof WebSocketServer>;
  private waiters: Array<() => void> = [];

  async start(): Promise<void> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.server!.once('listening', () => resolve()));
    this.server.on('connection', (socket) => {
      this.sockets.push(socket);
      socket.on('message', (data) => {
        this.acks.push(JSON.parse(String(data)) as SocketAck);
        this.wake();
      });
      socket.on('close', () => {
        this.sockets.splice(this.sockets.indexOf(socket), 1);
        this.wake();
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.length, connection_info: { app_id: 'A0LABMATE' }, debug_info: { host: 'fake' } }));
      this.wake();
    });
  }

  url(): string {
    return `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}/link/?ticket=${randomUUID()}`;
  }

  /** Sends one envelope on the socket (the first open one by default); resolves with its id. */
  send(type: string, payload: unknown, socket = this.sockets[0]): string {
    const envelopeId = randomUUID();
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }));
    return envelopeId;
  }

  async ackOf(envelopeId: string, timeoutMs = 3000): Promise<SocketAck> {
    await this.until(() => this.acks.some((ack) => ack.envelope_id === envelopeId), timeoutMs, `no acknowledgement of ${envelopeId}`);
    return this.acks.find((ack) => ack.envelope_id === envelopeId)!;
  }

  async waitForSockets(count: number, timeoutMs = 5000): Promise<void> {
    await this.until(() => this.sockets.length >= count, timeoutMs, `expected ${count} socket(s), got ${this.sockets.length}`);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async until(done: () => boolean, timeoutMs: number, message: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(message);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
