/** What the operator commands share: opening the database, reporting errors, exit codes. */
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { describeStartupFailure, EXIT_CONFIG } from '../startup-failure.js';
import { argumentPath } from './invocation.js';
import type { Store } from '../db/store.js';
import { DatabaseBusyError } from '../db/busy.js';
import { DatabaseUnavailableError } from '../db/unavailable.js';
import { CLI_ACTOR } from '../domain/actor.js';
import type { UserError } from '../domain/errors.js';
import type { Services } from '../services/index.js';
import type { EvidenceFileStorage } from '../services/evidence-files-storage.js';
import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from '../ops/log.js';

/** A problem the operator can fix (unknown name, broken trail, a file that failed): message, exit 1. */
export class CliError extends Error {}

/**
 * A bad option value or argument (`--concurrency 0`, `--grace soon`): a usage mistake, reported
 * like a configuration mistake: one line, exit code 2.
 */
export class UsageError extends ConfigError {}

export interface Opened {
  config: Config;
  store: Store;
  services: Services;
}

/**
 * Reports a command's failure as `error: …` on one line: a configuration or usage mistake
 * (ConfigError, UsageError, a port or directory the environment gets wrong) with exit code 2; a
 * CliError (or the database staying locked by another writer: DATABASE_BUSY, or unreachable:
 * DATABASE_UNAVAILABLE) with exit code 1.
 * Anything else is a bug: logged at error level with its stack (exit code 1).
 */
export function reportFailure(error: unknown): void {
  const mistake = describeStartupFailure(error);
  if (mistake !== null) {
    console.error(`error: ${mistake}`);
    process.exitCode = EXIT_CONFIG;
  } else if (error instanceof CliError || error instanceof DatabaseBusyError || error instanceof DatabaseUnavailableError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } else {
    // A bug: logged like the server's errors (a JSON record with the stack, on standard error).
    cliLogger().error({ err: error }, 'the command failed unexpectedly');
    process.exitCode = 1;
  }
}

/** The CLI's log (src/ops/log.ts) on standard error, at CROSSWALK_LOG_LEVEL: standard output is the commands' own. */
export function cliLogger(): Logger {
  const level = (process.env.CROSSWALK_LOG_LEVEL ?? 'info').trim().toLowerCase();
  return createLogger({
    name: 'cli',
    level: (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'info',
    destination: process.stderr,
    pretty: process.stderr.isTTY === true,
  });
}

/**
 * Runs `fn` on the database of CROSSWALK_DATA_DIR, or CROSSWALK_DATABASE_URL when set (the
 * server may be running on it: SQLite WAL and PostgreSQL let both work), and closes it afterwards.
 * A failure is reported by `reportFailure`. The store and the services are imported here, when a
 * command needs them: commands that talk to the server over HTTP, and usage mistakes, start
 * without them.
 */
export async function withDatabase(fn: (opened: Opened) => Promise<void>): Promise<void> {
  let store: Store | undefined;
  let files: EvidenceFileStorage | undefined;
  try {
    const config = loadConfig();
    if (config.databaseUrl === null && !existsSync(config.databaseFile)) {
      throw new ConfigError(
        `no database at ${config.databaseFile}; set CROSSWALK_DATA_DIR to the server's data directory (the server creates the database at its first start)`,
      );
    }
    const [{ openStore }, { createServices }, { exportWorker }, { openEvidenceFileStorage }, { exportSettings }] = await Promise.all([
      import('../db/open-store.js'),
      import('../services/index.js'),
      import('../services/export-offload.js'),
      import('../services/evidence-files-storage.js'),
      import('../services/export-service.js'),
    ]);
    store = await openStore(config);
    // The CLI's exports are its own process's work: no heap limit on the export worker.
    exportWorker.heapMib = null;
    const services = createServices(store, undefined, { exports: exportSettings(config) });
    files = await openEvidenceFileStorage(config);
    services.evidenceFiles.configure({ dataDir: config.dataDir, maxUploadBytes: config.maxUploadBytes, storage: files.storage });
    await fn({ config, store, services });
  } catch (error) {
    reportFailure(error);
  } finally {
    await store?.close();
    await files?.close();
  }
}

/** User errors of a service call as one readable message. */
export function describeUserErrors(errors: readonly UserError[], fieldNames: Record<string, string> = {}): string {
  return errors
    .map((e) => {
      const field = e.field?.join('.');
      const label = field ? (fieldNames[field] ?? fieldNames[e.field!.slice(0, 2).join('.')] ?? field) : null;
      return `${label ? `${label}: ` : ''}${e.message} (${e.code})`;
    })
    .join('; ');
}

/** The id of the AI system `--ai-system` names; null without the option. */
export async function aiSystemOption(services: Services, name: string | undefined): Promise<number | null> {
  if (name === undefined) return null;
  const system = await services.aiSystems.findByName(CLI_ACTOR, name);
  if (!system) throw new CliError(`--ai-system: no AI system named "${name}"`);
  return system.id;
}

/** `rows` by row id, each as `label` gives it (for reports naming rows by refId or name). */
export const byId = <R extends { id: number }, L>(rows: readonly R[], label: (row: R) => L): Map<number, L> => new Map(rows.map((r) => [r.id, label(r)]));

/** The ids of the frameworks `--framework` names (refIds), in that order; null without the option. */
export async function frameworksOption(services: Services, refIds: readonly string[] | undefined): Promise<number[] | null> {
  if (refIds === undefined) return null;
  const byRefId = new Map((await services.frameworks.findByRefIds(CLI_ACTOR, refIds)).map((f) => [f.refId, f.id]));
  const unknown = refIds.filter((refId) => !byRefId.has(refId));
  if (unknown.length) throw new CliError(`--framework: no framework ${unknown.map((r) => `"${r}"`).join(', ')}`);
  return refIds.map((refId) => byRefId.get(refId)!);
}

/** Mode of every `--out` file: exports hold the audit trail or the whole graph, readable by the owner only. */
export const OUTPUT_FILE_MODE = 0o600;

/**
 * Where a command writes its document: standard output, or the `--out` file, written beside it
 * under a temporary name and renamed once complete (a failure leaves no partial file). Writes
 * wait for the stream to drain, so memory stays flat however long the document is.
 *
 * The temporary file is created exclusively (`wx`: O_CREAT|O_EXCL, so a file or symlink planted
 * at its path is never followed or reused) with mode 0600, in the target directory, under an
 * unpredictable name (128 random bits); it is flushed to disk before the rename, which replaces
 * the target (or a symlink at the target) without following it.
 */
export class Output {
  private constructor(
    private readonly stream: Writable,
    private readonly file: string | null,
    private readonly temporary: string | null,
    /** The file as the operator named it, for messages. */
    private readonly named: string | null = file,
  ) {}

  /** `file` is relative to the directory the command was run from. */
  static async open(file: string | undefined): Promise<Output> {
    if (file === undefined) return new Output(process.stdout, null, null);
    const target = argumentPath(file);
    const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(16).toString('hex')}.tmp`);
    // flush: the file is synced to disk before it is closed (and then renamed).
    const stream = createWriteStream(temporary, { flags: 'wx', mode: OUTPUT_FILE_MODE, flush: true });
    try {
      await once(stream, 'open');
    } catch (error) {
      throw new CliError(`--out ${file}: ${(error as Error).message}`);
    }
    stream.on('error', () => {}); // reported by write or close
    return new Output(stream, target, temporary, file);
  }

  async write(chunk: string): Promise<void> {
    if (this.stream.write(chunk)) return;
    await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error').then(([error]) => Promise.reject(error as Error))]);
  }

  /** Completes the file (nothing to do on standard output). */
  async close(): Promise<void> {
    if (!this.file) return;
    try {
      this.stream.end();
      await finished(this.stream);
      renameSync(this.temporary!, this.file);
    } catch (error) {
      this.discard();
      throw new CliError(`--out ${this.named}: ${(error as Error).message}`);
    }
  }

  /** Drops an unfinished file. */
  discard(): void {
    if (!this.file) return;
    this.stream.destroy();
    rmSync(this.temporary!, { force: true });
  }
}
