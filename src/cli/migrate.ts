/**
 * `npm run cli -- migrate --to postgres://…`: moves the SQLite deployment of CROSSWALK_DATA_DIR
 * (its database, tokens, audit trail and evidence files) into an empty PostgreSQL database
 * (src/services/migrate-to-postgres.ts; docs/postgresql.md, "Moving from SQLite to PostgreSQL").
 * Stop the server first: writes after the copy's snapshot stay behind.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { ConfigError, describeDatabase, loadConfig, parseDatabaseUrl } from '../config.js';
import { CliError, UsageError, reportFailure } from './shared.js';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('copy the SQLite deployment of CROSSWALK_DATA_DIR (every table, tokens, audit trail, evidence files) into an empty PostgreSQL database; stop the server first')
    .requiredOption('--to <url>', 'the empty PostgreSQL database: postgres://user:password@host:5432/crosswalk')
    .action(async (options: { to: string }) => {
      try {
        await migrate(options.to);
      } catch (error) {
        reportFailure(error);
      }
    });
}

async function migrate(to: string): Promise<void> {
  const targetUrl = targetUrlOf(to);
  const config = loadConfig();
  if (config.databaseUrl !== null) {
    throw new UsageError(
      'CROSSWALK_DATABASE_URL is set, but migrate reads the SQLite deployment of CROSSWALK_DATA_DIR: unset CROSSWALK_DATABASE_URL for this command and give the target as --to',
    );
  }
  if (!existsSync(config.databaseFile)) {
    throw new ConfigError(`no database at ${config.databaseFile}; set CROSSWALK_DATA_DIR to the server's data directory`);
  }
  const { migrateToPostgres, MigrationError } = await import('../services/migrate-to-postgres.js');
  const shown = describeDatabase({ databaseFile: config.databaseFile, databaseUrl: targetUrl });
  console.log(`Copying ${config.databaseFile} and the evidence files of ${config.dataDir} into ${shown} …`);
  let summary;
  try {
    summary = await migrateToPostgres({ sqliteFile: config.databaseFile, dataDir: config.dataDir }, targetUrl, (name, rows) =>
      console.log(`  ${name.padEnd(28)} ${rows} row(s)`),
    );
  } catch (error) {
    if (error instanceof MigrationError) throw new CliError(`${error.code}: ${error.message}`);
    throw error;
  }
  const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
  const { files, audit } = summary;
  console.log(`Copied ${rows} row(s) in ${summary.tables.length} tables; ${summary.sequences} identity sequence(s) set.`);
  console.log(
    `Copied ${files.copied} evidence file(s), ${files.bytes} bytes, each verified against its SHA-256` +
      (files.missing ? `; ${files.missing} file(s) were already missing on the source and stay missing (see \`blobs missing\`).` : '.'),
  );
  console.log(
    audit.firstBrokenSeq === null
      ? `Audit trail verified on the target: ${audit.entries} entries, intact, head hash ${audit.headHash} (as on the source).`
      : `Audit trail copied as it was: ${audit.entries} entries, broken at seq ${audit.firstBrokenSeq} on the source and the target alike.`,
  );
  console.log(`Done. Start the server with CROSSWALK_DATABASE_URL set to the target (the SQLite file is left as it was).`);
}

/** The --to value as a PostgreSQL URL, or a usage error (exit code 2) saying what is expected (never the value: it may hold a password). */
function targetUrlOf(to: string): string {
  let url: string | null;
  try {
    url = parseDatabaseUrl(to);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    url = null;
  }
  if (url === null) throw new UsageError('--to must be a PostgreSQL URL (postgres:// or postgresql://), such as postgres://user:password@host:5432/crosswalk');
  return url;
}
