/**
 * `npm run cli -- evidence upload …`: uploads evidence files to a running server over HTTP and
 * attaches them to controls, for scripts, CI jobs and laptops.
 *
 *   evidence upload --control SEC-ENC-01 --valid-until 2027-01-01 report.pdf scans/
 *   evidence upload --manifest evidence.csv
 *
 * Each file is hashed locally; its idempotency key is derived from the hash, the controls and
 * the AI system, so a re-run (after an interruption, or by a cron job) attaches nothing twice:
 * files already attached are reported as skipped. Files the server already stores are not sent
 * again (the attach is tried first; only BLOB_NOT_FOUND leads to an upload). Exit code 1 when
 * any file failed, with a summary of what failed and why.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import pLimit from 'p-limit';
import { z } from 'zod';
import { MAX_BULK_ITEMS } from '../services/evidence-file-service.js';
import { hashFile } from '../storage/file-hash.js';
import { ApiClient, ApiError } from './api-client.js';
import { checkItem, fromManifest, fromPaths, parseDate, type Item, type UploadOptions } from './evidence-items.js';
import { serverAddress } from './invocation.js';
import { CliError, UsageError, reportFailure } from './shared.js';
import { addExpiringCommand } from './evidence-expiring.js';

const ATTACH_BULK = `mutation($input: EvidenceAttachBulkInput!) {
  evidenceAttachBulk(input: $input) {
    results { index created evidence { id } userErrors { field message code } }
    userErrors { field message code }
  }
}`;

/** What evidenceAttachBulk answers (ApiClient.graphql checks the answer against it). */
const UserErrors = z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string(), code: z.string() }));
const AttachBulkAnswer = z.object({
  evidenceAttachBulk: z.object({
    /** Null when the whole call was refused (its userErrors say why). */
    results: z.array(z.object({ index: z.number().int(), created: z.boolean(), evidence: z.object({ id: z.string() }).nullable(), userErrors: UserErrors })).nullable(),
    userErrors: UserErrors,
  }),
});

export function evidenceCommand(): Command {
  const evidence = new Command('evidence').description('evidence files on a running server (over HTTP: needs a token); what expires next');
  addExpiringCommand(evidence);
  evidence
    .command('upload')
    .description('upload files (or whole directories, or a CSV manifest) and attach them to controls as FILE evidence')
    .argument('[paths...]', 'files and directories, relative to the current directory (directories are walked recursively, skipping hidden entries and node_modules)')
    .option('--url <url>', 'server URL (default: $CROSSWALK_URL, else http://$HOST:$PORT as the server reads them: http://127.0.0.1:4000)')
    .option('--token <token>', 'API token with the CONTRIBUTOR role (default: $CROSSWALK_TOKEN; prefer the variable: flags show up in ps)')
    .option(
      '--control <refId>',
      'a control the files support, by refId; repeat it or separate refIds with commas (for a manifest: used for rows without controls)',
      (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((r) => r.trim()).filter(Boolean)],
    )
    .option('--ai-system <name>', 'the AI system the files are about, by name')
    .option('--title <title>', 'title (default: the file name)')
    .option('--description <text>', 'what the evidence shows')
    .option('--collected-at <date>', 'when the evidence was collected, e.g. 2026-11-30 or an ISO instant (default: now)')
    .option('--valid-until <date>', 'until when it counts, e.g. 2027-01-01')
    .option('--media-type <type>', 'media type (default: guessed from the extension)')
    .option('--manifest <file.csv>', 'a CSV with a header row: file,controls,title,collectedAt,validUntil,aiSystem (controls separated by ; or spaces; files relative to the CSV)')
    .option('--concurrency <n>', 'files hashed and uploaded at the same time', '4')
    .option('--no-progress', 'no progress bar (there is none anyway when the output is not a terminal)')
    .action(async (paths: string[], options: UploadOptions) => {
      try {
        const summary = await uploadEvidence(paths, options);
        if (summary.failed > 0) process.exitCode = 1;
      } catch (error) {
        reportFailure(error);
      }
    });
  return evidence;
}

export interface UploadSummary {
  files: number;
  created: number;
  skipped: number;
  failed: number;
}

export async function uploadEvidence(paths: string[], options: UploadOptions, env: NodeJS.ProcessEnv = process.env): Promise<UploadSummary> {
  const token = options.token ?? env.CROSSWALK_TOKEN;
  if (!token) throw new CliError('no API token: set CROSSWALK_TOKEN (or pass --token)');
  const client = new ApiClient({ address: serverAddress(options.url, env), token });
  const concurrency = Number(options.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be a whole number from 1 to 64');
  if (!options.manifest && paths.length === 0) throw new CliError('name files or directories to upload, or give --manifest');

  const items = [...(options.manifest ? await fromManifest(options.manifest, options) : []), ...(await fromPaths(paths, options))];
  if (items.length === 0) throw new CliError('no files found');
  if (options.title && items.length > 1 && !options.manifest) throw new CliError('--title is for a single file; with several files each is titled by its name');

  const out = new Reporter(items.length, options.progress !== false && process.stdout.isTTY === true);
  try {
    const ids = await resolveNames(client, items);
    for (const item of items) if (!item.outcome) checkItem(item);
    const live = () => items.filter((item) => !item.outcome);

    await inParallel(live(), concurrency, async (item) => {
      try {
        item.sha256 = (await hashFile(item.path)).sha256;
      } catch (error) {
        item.outcome = { kind: 'failed', reason: `cannot read: ${(error as Error).message}` };
      }
    });
    for (const item of items) if (item.outcome) out.done(item);

    // Attach first: files the server already stores need no upload, re-runs only replay keys.
    const needUpload = await attach(client, live(), ids, out);
    await inParallel(needUpload, concurrency, async (item) => {
      try {
        await client.upload(item.path, item.sha256!);
      } catch (error) {
        item.outcome = { kind: 'failed', reason: error instanceof ApiError ? `upload refused: ${error.message} (${error.code})` : `upload failed: ${(error as Error).message}` };
        out.done(item);
      }
    });
    const stillMissing = await attach(client, needUpload.filter((item) => !item.outcome), ids, out);
    for (const item of stillMissing) {
      item.outcome = { kind: 'failed', reason: 'uploaded, but the server does not find the file (removed meanwhile?); run again' };
      out.done(item);
    }
  } catch (error) {
    out.stop();
    if (error instanceof ApiError) throw new CliError(`${error.message} (${error.code})`);
    throw error;
  }
  out.stop();
  return out.summary(items);
}

interface Names {
  controls: Map<string, string>;
  aiSystems: Map<string, string>;
}

/** Global ids of the controls and AI systems named by the items; items naming unknown ones fail. */
async function resolveNames(client: ApiClient, items: Item[]): Promise<Names> {
  const refIds = [...new Set(items.flatMap((i) => (i.outcome ? [] : i.controls)))];
  const systems = [...new Set(items.flatMap((i) => (i.outcome || !i.aiSystem ? [] : [i.aiSystem])))];
  const names: Names = {
    controls: await lookUpIds(client, 'control', 'refId', refIds),
    aiSystems: await lookUpIds(client, 'aiSystem', 'name', systems),
  };
  for (const item of items) {
    if (item.outcome) continue;
    const unknown = [
      ...item.controls.filter((r) => !names.controls.has(r)).map((r) => `no control with refId "${r}"`),
      ...(item.aiSystem && !names.aiSystems.has(item.aiSystem) ? [`no AI system named "${item.aiSystem}"`] : []),
    ];
    if (unknown.length) item.outcome = { kind: 'failed', reason: unknown.join('; ') };
  }
  return names;
}

/** One alias per name looked up: the thing's id, or null when nothing has the name. */
const IdsByAlias = z.record(z.string(), z.object({ id: z.string() }).nullable());

/** Global ids by name, through `field(argument: name)` (15 aliases per request); names nothing has are absent. */
async function lookUpIds(client: ApiClient, field: 'control' | 'aiSystem', argument: 'refId' | 'name', names: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < names.length; i += 15) {
    const chunk = names.slice(i, i + 15);
    const query = `query(${chunk.map((_, k) => `$v${k}: String!`).join(', ')}) { ${chunk.map((_, k) => `a${k}: ${field}(${argument}: $v${k}) { id }`).join(' ')} }`;
    const data = await client.graphql(query, Object.fromEntries(chunk.map((name, k) => [`v${k}`, name])), IdsByAlias);
    chunk.forEach((name, k) => {
      const found = data[`a${k}`];
      if (found) ids.set(name, found.id);
    });
  }
  return ids;
}

/**
 * The idempotency key of an item: derived from the file's hash, its controls and AI system, so
 * the same file attached to the same controls is attached once however often the command runs.
 */
export function idempotencyKey(sha256: string, controlRefIds: readonly string[], aiSystem: string | null): string {
  const identity = JSON.stringify([sha256, [...new Set(controlRefIds)].sort(), aiSystem]);
  return `cli-upload:${createHash('sha256').update(identity).digest('hex')}`;
}

/** Attaches the items in bulk; returns those whose file the server does not store yet. */
async function attach(client: ApiClient, items: Item[], names: Names, out: Reporter): Promise<Item[]> {
  const needUpload: Item[] = [];
  for (let i = 0; i < items.length; i += MAX_BULK_ITEMS) {
    const batch = items.slice(i, i + MAX_BULK_ITEMS);
    const input = {
      items: batch.map((item) => ({
        sha256: item.sha256,
        filename: basename(item.path),
        mediaType: item.mediaType,
        controlIds: item.controls.map((r) => names.controls.get(r)),
        aiSystemId: item.aiSystem ? names.aiSystems.get(item.aiSystem) : null,
        title: item.title,
        description: item.description,
        collectedAt: item.collectedAt ? parseDate(item.collectedAt) : null,
        validUntil: item.validUntil ? parseDate(item.validUntil) : null,
        idempotencyKey: idempotencyKey(item.sha256!, item.controls, item.aiSystem),
      })),
    };
    const { evidenceAttachBulk: answer } = await client.graphql(ATTACH_BULK, { input }, AttachBulkAnswer);
    if (answer.userErrors.length) throw new CliError(answer.userErrors.map((e) => `${e.message} (${e.code})`).join('; '));
    for (const result of answer.results ?? []) {
      const item = batch[result.index]!;
      if (result.evidence) {
        item.outcome = { kind: result.created ? 'created' : 'skipped', evidenceId: result.evidence.id };
        out.done(item);
      } else if (result.userErrors.some((e) => e.code === 'BLOB_NOT_FOUND') && result.userErrors.every((e) => e.code === 'BLOB_NOT_FOUND')) {
        needUpload.push(item);
      } else {
        item.outcome = {
          kind: 'failed',
          reason: result.userErrors.map((e) => `${e.field ? `${e.field.slice(3).join('.')}: ` : ''}${e.message} (${e.code})`).join('; '),
        };
        out.done(item);
      }
    }
  }
  return needUpload;
}

/** Runs `fn` over the items, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const run = pLimit(limit);
  await Promise.all(items.map((item) => run(() => fn(item))));
}

/** A progress bar on a terminal; one line per file otherwise. Then the summary. */
class Reporter {
  private readonly bar: cliProgress.SingleBar | null;
  private count = 0;

  constructor(
    private readonly total: number,
    tty: boolean,
  ) {
    this.bar = tty
      ? new cliProgress.SingleBar(
          { format: 'evidence upload [{bar}] {value}/{total} files | {file}', hideCursor: true, clearOnComplete: false },
          cliProgress.Presets.shades_classic,
        )
      : null;
    this.bar?.start(total, 0, { file: '' });
  }

  done(item: Item): void {
    this.count++;
    if (this.bar) {
      this.bar.update(this.count, { file: item.label });
      return;
    }
    const o = item.outcome!;
    const line =
      o.kind === 'failed'
        ? `FAILED    ${item.label}: ${o.reason}`
        : o.kind === 'created'
          ? `attached  ${item.label} → ${o.evidenceId}`
          : `skipped   ${item.label} (already attached: ${o.evidenceId})`;
    console.log(`[${this.count}/${this.total}] ${line}`);
  }

  stop(): void {
    this.bar?.stop();
  }

  summary(items: Item[]): UploadSummary {
    const created = items.filter((i) => i.outcome?.kind === 'created').length;
    const skipped = items.filter((i) => i.outcome?.kind === 'skipped').length;
    const failedItems = items.filter((i) => i.outcome?.kind !== 'created' && i.outcome?.kind !== 'skipped');
    console.log(`\n${items.length} file(s): ${created} attached, ${skipped} already attached (skipped), ${failedItems.length} failed.`);
    if (failedItems.length) {
      console.log('Failed:');
      for (const item of failedItems) {
        const reason = item.outcome?.kind === 'failed' ? item.outcome.reason : 'not processed';
        console.log(`  ${item.label}: ${reason}`);
      }
      console.log('Fix the problems and run the same command again: files already attached are skipped.');
    }
    return { files: items.length, created, skipped, failed: failedItems.length };
  }
}
