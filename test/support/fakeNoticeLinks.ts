import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * Azure's delay and skip links of one shutdown notification (`skipUrl`, `delayUrl60`, `delayUrl120`): HTTPS URLs
 * with a token of their own, recorded when called. Also builds the notification's body
 * (`ShutdownNotificationContent`), as Azure posts it to the webhook.
 */
export class FakeNoticeLinks {
  readonly calls: Array<{ method: string; path: string }> = [];
  private readonly server: Server;

  constructor() {
    const key = process.env.LABMATE_TEST_TLS_KEY;
    const cert = process.env.LABMATE_TEST_TLS_CERT;
    if (!key || !cert) throw new Error('run the tests with `npm test` (or `npx mocha`): .mocharc.cjs makes the test certificate');
    this.server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
      this.calls.push({ method: req.method ?? '', path: req.url ?? '' });
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>Your request has been processed.</p>');
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A notification about `vmName`, with fresh links on this server. */
  notification(vmName: string, resourceGroupName: string, subscriptionId: string, minutesUntilShutdown = '30'): Record<string, string> {
    const base = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}/autoshutdown/${randomUUID()}`;
    return {
      skipUrl: `${base}/skip`,
      delayUrl60: `${base}/delay60`,
      delayUrl120: `${base}/delay120`,
      vmName,
      guid: randomUUID(),
      owner: '',
      eventType: 'Auto-shutdown',
      text: `Virtual machine '${vmName}' is scheduled for shutdown in ${minutesUntilShutdown} minutes.`,
      subscriptionId,
      resourceGroupName,
      labName: '',
      minutesUntilShutdown,
      vmUrl: `https://portal.azure.com/#resource/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Compute/virtualMachines/${vmName}`,
    };
  }
}
