/**
 * `npm run cli -- blobs gc|scan|missing`: housekeeping of the evidence file store, on the server's
 * machine (the database and files of CROSSWALK_DATA_DIR; the server may be running). Runs as
 * `system:cli` and is recorded in the audit trail.
 */
import { Command } from 'commander';
import { CLI_ACTOR } from '../domain/actor.js';
import { toGlobalId } from '../domain/global-id.js';
import { parseDuration } from '../domain/duration.js';
import { DEFAULT_GC_GRACE_MS } from '../services/evidence-file-service.js';
import { forOperation } from '../services/operation-scope.js';
import { CliError, UsageError, describeUserErrors, withDatabase } from './shared.js';

export function blobsCommand(): Command {
  const blobs = new Command('blobs').description('evidence file store: garbage collection and integrity scan (runs as system:cli, audited)');

  blobs
    .command('gc')
    .description('remove stored files no evidence refers to and nobody uploaded within the grace period')
    .option('--grace <duration>', 'keep unattached files uploaded within this period (90d, 24h, 30m; 0 for none)', '24h')
    .option('--dry-run', 'only list what would be removed')
    .action((options: { grace: string; dryRun?: boolean }) =>
      withDatabase(async ({ services }) => {
        const graceMs = parseDuration(options.grace);
        if (graceMs === null) throw new UsageError(`--grace "${options.grace}": use a duration like 24h, 7d or 30m (or 0)`);
        const result = await services.evidenceFiles.collectGarbage(forOperation(CLI_ACTOR, 'blobs.gc'), { graceMs, dryRun: options.dryRun ?? false });
        if (!result.ok) throw new CliError(describeUserErrors(result.errors));
        const r = result.value;
        for (const blob of r.removed) console.log(`${r.dryRun ? 'would remove' : 'removed'} ${blob.sha256} (${blob.sizeBytes} bytes)`);
        console.log(
          `${r.dryRun ? 'Dry run: would remove' : 'Removed'} ${r.removed.length} unattached file(s), ${r.freedBytes} bytes ` +
            `(grace ${options.grace}${graceMs === DEFAULT_GC_GRACE_MS ? ', the default' : ''})` +
            (r.dryRun ? '.' : `; ${r.unrecordedFilesRemoved} unrecorded file(s) and ${r.tempFilesRemoved} stale temp file(s) removed.`),
        );
      }),
    );

  blobs
    .command('scan')
    .description('re-hash every stored file and report missing or corrupt ones (exit code 1 when any)')
    .action(() =>
      withDatabase(async ({ services }) => {
        const result = await services.evidenceFiles.scan(forOperation(CLI_ACTOR, 'blobs.scan'));
        if (!result.ok) throw new CliError(describeUserErrors(result.errors));
        const r = result.value;
        for (const p of r.problems) {
          console.log(
            `${p.status.padEnd(7)} ${p.sha256} (${p.sizeBytes} bytes, ${p.evidenceCount} evidence item(s))` +
              (p.actualSha256 ? ` now hashes to ${p.actualSha256}` : '') +
              (p.neverStored ? ' never uploaded to this server' : ''),
          );
        }
        console.log(
          `Checked ${r.checked} file(s): ${r.intact} intact, ${r.problems.filter((p) => p.status === 'MISSING').length} missing, ` +
            `${r.problems.filter((p) => p.status === 'CORRUPT').length} corrupt; ${r.unrecordedFiles} unrecorded file(s) in the store.`,
        );
        if (r.problems.length) {
          console.log(
            'Upload the affected files again (PUT /v1/blobs) to repair them; `blobs missing` lists the evidence holding each missing file.',
          );
          process.exitCode = 1;
        }
      }),
    );

  blobs
    .command('missing')
    .description('list the files evidence refers to that are not stored (e.g. after a bundle restore), with the evidence holding each, to upload again (exit code 1 when any)')
    .action(() =>
      withDatabase(async ({ services }) => {
        const missing = await services.evidenceFiles.missingFiles(CLI_ACTOR);
        for (const file of missing) {
          console.log(`${file.sha256} (${file.sizeBytes} bytes${file.neverStored ? ', never uploaded to this server' : ', gone from the store'})`);
          for (const e of file.evidence) {
            console.log(`  evidence ${toGlobalId('Evidence', e.id)} "${e.title}"${e.filename ? ` file ${e.filename}` : ''}`);
          }
        }
        if (missing.length === 0) {
          console.log('No missing files: every file evidence refers to is stored.');
          return;
        }
        console.log(
          `${missing.length} missing file(s). Upload each file again with PUT /v1/blobs (same bytes, same hash; ` +
            'docs/evidence-files.md, Uploading) and the evidence holding it is whole again; nothing needs to be attached.',
        );
        process.exitCode = 1;
      }),
    );

  return blobs;
}
