/**
 * A response body gathered into one buffer. When the host declares a length (within the caller's cap), the chunks
 * are copied straight into a buffer of that length: no list of chunks and no second copy of the whole file at the
 * end. The declared length is only a hint: the caller counts and caps every byte itself, a body that outgrows the
 * hint is kept whole, and one that falls short never exposes the unwritten rest.
 */
export class BodyBytes {
  private into?: Buffer;
  private chunks: Buffer[] = [];
  private received = 0;

  constructor(expected?: number) {
    if (expected !== undefined && Number.isSafeInteger(expected) && expected > 0) this.into = Buffer.allocUnsafe(expected);
  }

  get length(): number {
    return this.received;
  }

  add(chunk: Buffer): void {
    if (this.into && this.received + chunk.length <= this.into.length) {
      chunk.copy(this.into, this.received);
    } else {
      if (this.into) this.chunks.push(this.into.subarray(0, this.received));
      this.into = undefined;
      this.chunks.push(chunk);
    }
    this.received += chunk.length;
  }

  /** Every byte received so far, as one buffer. */
  bytes(): Buffer {
    if (this.into) return this.received === this.into.length ? this.into : Buffer.from(this.into.subarray(0, this.received));
    if (this.chunks.length === 1) return this.chunks[0];
    return Buffer.concat(this.chunks, this.received);
  }

  /** The bytes received so far without copying them when they sit in one buffer (to read the first few). */
  view(): Buffer {
    if (this.into) return this.into.subarray(0, this.received);
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.received);
  }
}
