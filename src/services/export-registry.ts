/**
 * Which produced export documents exist (export-files.ts), who may download them and until when.
 * Rules:
 * - A document may be downloaded by the token (or, without one, the actor) that asked for it,
 *   while that token still holds the permission the export needed (READ; ADMIN for the bundle).
 * - A document expires `ttlMs` after it was produced (DEFAULT_EXPORT_TTL_MS): its file is
 *   removed at the next sweep (every SWEEP_EVERY_MS, and before each new document is recorded)
 *   and it can no longer be downloaded.
 * - A token keeps at most `perOwner` documents (MAX_EXPORTS_PER_OWNER): recording one more
 *   removes its oldest, so files nobody downloads cannot pile up faster than they expire.
 * - The registry lives in memory: files it does not know (an earlier process, a CLI run that
 *   stopped half-way) are removed once they are older than `ttlMs`.
 */
import type { Actor } from '../domain/actor.js';
import type { Permission } from '../domain/authorization.js';
import { fileSystemNow } from '../storage/file-clock.js';
import { removeExport, removeStaleExports } from './export-files.js';

/** How long a produced document can be downloaded (ms). */
export const DEFAULT_EXPORT_TTL_MS = 15 * 60_000;
/** Documents kept per token at most; the oldest goes first. */
export const MAX_EXPORTS_PER_OWNER = 8;
/** How often expired documents are removed (ms). */
const SWEEP_EVERY_MS = 60_000;

/** A produced document, as the API describes it and the download route serves it. */
export interface StoredExport {
  /** The file's id in the exports directory (and in its download path). */
  id: string;
  filename: string;
  mediaType: string;
  sha256: string;
  byteLength: number;
  /** Who may download it: `token:<id>` or the actor's id. */
  owner: string;
  /** The permission the export needed, checked again at download. */
  permission: Permission;
  /** Epoch ms. */
  createdAt: number;
  expiresAt: number;
}

/** The key an actor's documents are recorded under (its token, or its actor id). */
export const ownerOf = (actor: Actor): string => (actor.tokenId !== undefined ? `token:${actor.tokenId}` : actor.id);

export class ExportRegistry {
  private readonly entries = new Map<string, StoredExport>();
  private timer: NodeJS.Timeout | null = null;
  /** The last sweep (sweeps run one after the other). */
  private sweeping: Promise<void> = Promise.resolve();
  /** When files nothing records were last looked for (epoch ms, real time); they are looked for at most once per sweep period. */
  private staleScannedAt = -Infinity;

  constructor(
    readonly directory: string,
    private readonly clock: () => Date,
    readonly ttlMs = DEFAULT_EXPORT_TTL_MS,
    private readonly perOwner = MAX_EXPORTS_PER_OWNER,
  ) {}

  /** Records a document written to the directory; removes what expired and the owner's surplus. */
  async add(entry: Omit<StoredExport, 'createdAt' | 'expiresAt'>): Promise<StoredExport> {
    await this.sweep();
    const createdAt = this.clock().getTime();
    const stored: StoredExport = { ...entry, createdAt, expiresAt: createdAt + this.ttlMs };
    this.entries.set(stored.id, stored);
    const owned = [...this.entries.values()].filter((e) => e.owner === stored.owner);
    for (const old of owned.slice(0, Math.max(0, owned.length - this.perOwner))) await this.drop(old.id);
    this.timer ??= setInterval(() => void this.sweep().catch(() => undefined), SWEEP_EVERY_MS).unref();
    return stored;
  }

  /** The document `id` while it has not expired; null otherwise. */
  find(id: string): StoredExport | null {
    const entry = this.entries.get(id);
    return entry && entry.expiresAt > this.clock().getTime() ? entry : null;
  }

  /** Forgets the document `id` and removes its file. */
  async drop(id: string): Promise<void> {
    this.entries.delete(id);
    await removeExport(this.directory, id);
  }

  /** The documents recorded (expired ones included until the next sweep). */
  list(): StoredExport[] {
    return [...this.entries.values()];
  }

  /**
   * Removes expired documents and files older than the expiry that nothing records (see the
   * rules above; those are looked for once per sweep period, or now when `stale`). One sweep at a time.
   */
  sweep(stale = false): Promise<void> {
    const run = this.sweeping.then(async () => {
      const now = this.clock().getTime();
      for (const entry of [...this.entries.values()]) if (entry.expiresAt <= now) await this.drop(entry.id);
      // Files nothing records are aged by their modification times, on the file system's clock.
      if (stale || fileSystemNow() - this.staleScannedAt >= SWEEP_EVERY_MS) {
        this.staleScannedAt = fileSystemNow();
        await removeStaleExports(this.directory, fileSystemNow() - this.ttlMs, (id) => this.entries.has(id));
      }
    });
    this.sweeping = run.catch(() => undefined);
    return run;
  }

  /** Stops the periodic sweep (the files stay until a later sweep). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
