import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Azurite's well-known development account (the same in every Azurite, documented with it). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const MAIN = join(import.meta.dirname, '..', '..', 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');

export interface AzuriteOptions {
  /** Serve HTTPS with this certificate and accept OAuth bearer tokens (Azurite's "basic" check: audience, issuer, lifetime). */
  tls?: { certPath: string; keyPath: string };
}

/**
 * Azurite's Blob service on a free port of 127.0.0.1, its data in a temporary folder removed at stop. It answers
 * the Blob REST API as Azure Storage does (conditional writes, leases, metadata); it has no lifecycle management.
 */
export class Azurite {
  private constructor(
    private readonly process: ChildProcess,
    private readonly location: string,
    /** e.g. http://127.0.0.1:41234 */
    readonly origin: string,
  ) {}

  static async start(options: AzuriteOptions = {}): Promise<Azurite> {
    const location = mkdtempSync(join(tmpdir(), 'labmate-azurite-'));
    const args = [MAIN, '--blobHost', '127.0.0.1', '--blobPort', '0', '--location', location, '--skipApiVersionCheck', '--disableTelemetry', '--silent'];
    if (options.tls) args.push('--cert', options.tls.certPath, '--key', options.tls.keyPath, '--oauth', 'basic');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const origin = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Azurite did not start: ${output}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /successfully listens on (https?:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (listening) {
          clearTimeout(timer);
          resolve(listening[1]);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited with ${code}: ${output}`));
      });
    });
    return new Azurite(child, location, origin);
  }

  /** The account's blob endpoint, path-style as Azurite serves it. */
  get blobEndpoint(): string {
    return `${this.origin}/${AZURITE_ACCOUNT}`;
  }

  /** A connection string for the development account, at this Azurite or at `endpoint` (a proxy in front of it). */
  connectionString(endpoint = this.blobEndpoint): string {
    return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${endpoint};`;
  }

  /** CPU time (ms) the Azurite process has used so far (Linux /proc), for benchmarks. */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
    rmSync(this.location, { recursive: true, force: true });
  }
}
