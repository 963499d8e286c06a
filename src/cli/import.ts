/**
 * `npm run cli -- import FILE [--format …] [--framework …] [--mode MERGE|REPLACE] [--dry-run]`:
 * the catalogImport mutation from the server's machine, for files of any size. Runs as the
 * `system:cli` actor and is audited like the mutation. Shows a progress bar on a terminal.
 *
 * Exit codes: 0 imported (rejected items, if any, are listed); 1 refused, or nothing in the file
 * could be imported (dry runs too), or a bad argument; 2 unexpected error.
 */
import { readFileSync } from 'node:fs';
import { argumentPath } from './invocation.js';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { CLI_ACTOR } from '../domain/actor.js';
import { IMPORT_FORMATS, IMPORT_MODES, type ImportFormat, type ImportMode } from '../domain/import/types.js';
import type { ImportReport } from '../services/import-service.js';
import { forOperation } from '../services/operation-scope.js';
import { CliError, UsageError, describeUserErrors, withDatabase } from './shared.js';

interface ImportOptions {
  format?: string;
  framework?: string;
  targetFramework?: string;
  baseline?: string;
  mode: string;
  dryRun?: boolean;
  strict?: boolean;
  progress: boolean;
  json?: boolean;
  all?: boolean;
  replaceSource?: boolean;
}

/** Friendly names accepted by --format, besides the GraphQL enum values. */
const FORMAT_ALIASES: Record<string, ImportFormat> = {
  CATALOG: 'OSCAL_CATALOG',
  PROFILE: 'OSCAL_PROFILE',
  MAPPING_COLLECTION: 'OSCAL_MAPPING_COLLECTION',
  MAPPINGS: 'CSV_MAPPINGS',
  CONTROLS: 'CSV_CONTROLS',
  LINKS: 'CSV_LINKS',
  CISO: 'CISO_ASSISTANT_LIBRARY',
  CISO_ASSISTANT: 'CISO_ASSISTANT_LIBRARY',
};

/** Rejections and warnings printed before "… and N more" (unless --all). */
const LISTED = 25;

export function importCommand(): Command {
  return new Command('import')
    .description('import an OSCAL catalog, profile or mapping-collection, CSV mappings, controls or links, or a CISO Assistant library (one transaction; runs as system:cli, audited)')
    .argument('<file>', 'the file to import')
    .option('-f, --format <format>', `the format (default: detected): ${IMPORT_FORMATS.join(', ')} (also catalog, profile, mapping-collection, mappings, controls, links, ciso)`)
    .option('--framework <refId>', 'catalog: the framework to import into (required); profile: the framework it selects from; mapping-collection: the source framework; CSV mappings: the default framework; CSV links: the default source framework; CISO Assistant framework library: the framework refId (default: from its URN)')
    .option('--target-framework <refId>', 'mapping-collection: the target framework (default: inferred from the ids); CSV links: the default target framework')
    .option('--baseline <refId>', "profile: the baseline's refId (default: from the profile's title)")
    .addOption(new Option('-m, --mode <mode>', 'MERGE adds and updates; REPLACE also retires what the file no longer contains').choices([...IMPORT_MODES, 'merge', 'replace']).default('MERGE'))
    .option('-n, --dry-run', 'report what would be created, updated, retired and rejected; write nothing')
    .option('--strict', 'import nothing when any item is rejected')
    .option('--replace-source', "catalog or CISO Assistant framework library: update a framework imported from another document (its title or uuid/URN differ)")
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the report as JSON')
    .option('--all', 'list every warning and rejection (default: the first 25 of each)')
    .action((file: string, options: ImportOptions) =>
      withDatabase(async ({ services }) => {
        const format = parseFormat(options.format);
        const content = readText(file);
        const bar = options.progress && process.stderr.isTTY && !options.json ? new ProgressBar() : null;
        let outcome;
        try {
          outcome = await services.imports.import(
              forOperation(CLI_ACTOR, 'catalogImport'),
              {
                format,
                content,
                frameworkRefId: options.framework ?? null,
                targetFrameworkRefId: options.targetFramework ?? null,
                baselineRefId: options.baseline ?? null,
                mode: options.mode.toUpperCase() as ImportMode,
                dryRun: options.dryRun ?? false,
                strict: options.strict ?? false,
                sourceName: basename(file),
                replaceSource: options.replaceSource ?? false,
              },
              bar ? (done, total) => bar.update(done, total) : undefined,
            );
        } finally {
          bar?.stop();
        }
        if (options.json) console.log(JSON.stringify(outcome, null, 2));
        else if (outcome.report) printReport(outcome.report, options.all ?? false);
        if (outcome.errors.length) {
          throw new CliError(describeUserErrors(outcome.errors, { 'input.content': file, 'input.frameworkRefId': '--framework', 'input.targetFrameworkRefId': '--target-framework', 'input.baselineRefId': '--baseline', 'input.format': '--format', 'input.strict': '--strict', 'input.replaceSource': '--replace-source' }));
        }
        if (outcome.report?.nothingImported) {
          throw new CliError(`nothing ${outcome.report.dryRun ? 'would be' : 'was'} imported from ${file}: no item of it could be imported (see the report)`);
        }
      }),
    );
}

function parseFormat(text: string | undefined): ImportFormat | null {
  if (text === undefined) return null;
  const key = text.trim().toUpperCase().replace(/[-\s]+/g, '_');
  const format = (IMPORT_FORMATS as readonly string[]).includes(key) ? (key as ImportFormat) : FORMAT_ALIASES[key];
  if (!format) throw new UsageError(`--format: unknown format "${text}"; use one of ${IMPORT_FORMATS.join(', ')}`);
  return format;
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(argumentPath(file));
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
  try {
    // A byte-order mark is kept (the import reads past it), so the text's UTF-8 is the file's bytes
    // and the hashes the import records are those of the file as sent.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CliError(`${file}: not UTF-8 text (save the file as UTF-8, e.g. "CSV UTF-8" in a spreadsheet)`);
  }
}

/** A progress bar on standard error, shown once an import has enough items to be worth it. */
class ProgressBar {
  private bar: SingleBar | null = null;

  update(done: number, total: number): void {
    if (!this.bar) {
      if (total < 500) return;
      this.bar = new SingleBar({ format: 'importing [{bar}] {percentage}% | {value}/{total} items | {eta_formatted} left', stream: process.stderr, hideCursor: true, clearOnComplete: true });
      this.bar.start(total, 0);
    }
    this.bar.update(done);
  }

  stop(): void {
    this.bar?.stop();
  }
}

function printReport(report: ImportReport, all: boolean): void {
  const verb = report.dryRun ? 'Dry run (nothing written)' : report.applied ? 'Imported' : 'Not imported';
  console.log(`${verb}: ${report.format}, mode ${report.mode}.`);
  for (const c of report.counts) {
    const parts = (['created', 'updated', 'unchanged', 'retired'] as const).filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
    if (parts.length) console.log(`  ${c.kind}: ${parts.join(', ')}`);
  }
  list('Warnings', report.warnings.map((w) => `${w.location ? `${w.location}: ` : ''}${w.message}`), all);
  list('Rejected', report.rejected.map((r) => `${r.location}: ${r.reason}`), all);
  for (const u of report.unresolved) {
    console.log(`Unknown ${u.kind.toLowerCase()} ids${u.frameworkRefId ? ` in framework ${u.frameworkRefId}` : ''} (${u.ids.length}): ${u.ids.join(', ')}`);
  }
  if (report.rejected.length === 0) console.log('Nothing was rejected.');
}

function list(title: string, lines: string[], all: boolean): void {
  if (lines.length === 0) return;
  console.log(`${title} (${lines.length}):`);
  for (const line of all ? lines : lines.slice(0, LISTED)) console.log(`  ${line}`);
  if (!all && lines.length > LISTED) console.log(`  … and ${lines.length - LISTED} more (--all lists them)`);
}
