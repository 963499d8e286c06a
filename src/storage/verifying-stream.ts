/** The download side of integrity: bytes re-hashed on their way to the client. */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Passes the bytes through while hashing them, holding back the latest chunk until the end:
 * when the hash (or size) does not match, the last chunk is never sent and the stream fails, so
 * a client never receives a complete copy of a corrupt file.
 */
export class VerifyingStream extends Transform {
  private readonly hash = createHash('sha256');
  private held: Buffer | null = null;
  private size = 0;

  constructor(
    private readonly expectedSha256: string,
    private readonly expectedSize: number,
    /** Awaited before the stream fails, so a failure is recorded before the client sees the cut. */
    private readonly onMismatch: (found: { actualSha256: string; size: number }) => void | Promise<void>,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    const previous = this.held;
    this.held = chunk;
    callback(null, previous ?? undefined);
  }

  override _flush(callback: TransformCallback): void {
    const actualSha256 = this.hash.digest('hex');
    if (actualSha256 !== this.expectedSha256 || this.size !== this.expectedSize) {
      const error = new Error(`stored file ${this.expectedSha256} is corrupt (read ${this.size} bytes hashing to ${actualSha256})`);
      Promise.resolve()
        .then(() => this.onMismatch({ actualSha256, size: this.size }))
        .then(
          () => callback(error),
          () => callback(error),
        );
      return;
    }
    callback(null, this.held ?? undefined);
  }
}
