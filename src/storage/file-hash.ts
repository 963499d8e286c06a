/** The one way a file on disk is hashed: the blob store's integrity checks and the CLI's uploads. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Read size when hashing a file. */
const READ_BYTES = 1024 * 1024;

/**
 * The hex SHA-256 and the size of the file at `path`, read in 1 MiB chunks (memory stays flat
 * whatever the size). Rejects with the read error (ENOENT for a missing file).
 */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_BYTES })) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), size };
}
