/** What the operator commands share: opening the database, reporting errors, exit codes. */
import { existsSync } from 'node:fs';
import { loadConfig, type Config } from '../config.js';
import { createRepositories } from '../db/repositories/index.js';
import { Store } from '../db/store.js';
import type { UserError } from '../domain/errors.js';
import { createServices, type Services } from '../services/index.js';

/** A problem the operator can fix (bad argument, unknown name, broken trail): message, exit 1. */
export class CliError extends Error {}

export interface Opened {
  config: Config;
  store: Store;
  services: Services;
}

/**
 * Reports a command's failure: a CliError is printed as `error: …` with exit code 1; anything
 * else is unexpected and printed with its stack (exit code 2).
 */
export function reportFailure(error: unknown): void {
  if (error instanceof CliError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 2;
  }
}

/**
 * Runs `fn` on the database of CROSSWALK_DATA_DIR (the server may be running on it: SQLite WAL
 * lets both work) and closes it afterwards. A failure is reported by `reportFailure`.
 */
export async function withDatabase(fn: (opened: Opened) => Promise<void>): Promise<void> {
  let store: Store | undefined;
  try {
    const config = loadConfig();
    if (!existsSync(config.databaseFile)) {
      throw new CliError(
        `no database at ${config.databaseFile}; set CROSSWALK_DATA_DIR to the server's data directory (the server creates the database at its first start)`,
      );
    }
    store = Store.open(config.databaseFile);
    const services = createServices(store);
    services.evidenceFiles.configure({ dataDir: config.dataDir, maxUploadBytes: config.maxUploadBytes });
    await fn({ config, store, services });
  } catch (error) {
    reportFailure(error);
  } finally {
    await store?.close();
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
export async function aiSystemOption(store: Store, name: string | undefined): Promise<number | null> {
  if (name === undefined) return null;
  const system = await createRepositories(store.read).aiSystems.findByName(name);
  if (!system) throw new CliError(`--ai-system: no AI system named "${name}"`);
  return system.id;
}

/** The ids of the frameworks `--framework` names (refIds), in that order; null without the option. */
export async function frameworksOption(store: Store, refIds: readonly string[] | undefined): Promise<number[] | null> {
  if (refIds === undefined) return null;
  const byRefId = new Map((await createRepositories(store.read).catalog.frameworksByRefIds(refIds)).map((f) => [f.refId, f.id]));
  const unknown = refIds.filter((refId) => !byRefId.has(refId));
  if (unknown.length) throw new CliError(`--framework: no framework ${unknown.map((r) => `"${r}"`).join(', ')}`);
  return refIds.map((refId) => byRefId.get(refId)!);
}
