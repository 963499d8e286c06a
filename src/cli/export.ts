/**
 * `npm run cli -- export coverage|assessment-results|mappings|links|controls|evidence|bundle [options]`:
 * the export queries (coverageReport, assessmentResults, mappingsExport, linksExport,
 * controlsExport, evidenceExport, bundleExport) from the server's machine, on the database
 * directly, as the `system:cli` actor. The document is produced like the API's (written to the
 * exports directory, docs/export-downloads.md), then copied from that file, streamed, to `--out`
 * (replacing the file whole) or to standard output, and removed.
 *
 * Exit codes: 0 written; 1 a bad argument (unknown AI system or framework, bad instant); 2
 * unexpected error.
 */
import { Command, Option } from 'commander';
import { CLI_ACTOR } from '../domain/actor.js';
import type { Services } from '../services/index.js';
import type { CoverageExportOptions, StoredExport } from '../services/export-service.js';
import { MAX_CROSSWALK_DEPTH } from '../services/coverage-service.js';
import { aiSystemOption, CliError, UsageError, frameworksOption, Output, withDatabase } from './shared.js';

interface ScopeOptions {
  aiSystem?: string;
  asOf?: string;
  framework?: string[];
  crosswalks: boolean;
  maxDepth: string;
  out?: string;
}

export function exportCommand(): Command {
  const command = new Command('export').description(
    'write a coverage report (CSV/JSON), OSCAL assessment-results, CSV mappings, links, controls or evidence metadata, or the native bundle to a file or standard output',
  );

  command
    .command('coverage')
    .description('the coverage report: one row per requirement with status, reasons, controls and their state')
    .addOption(new Option('-f, --format <format>', 'csv or json').choices(['csv', 'json', 'CSV', 'JSON']).default('csv'))
    .option('--ai-system <name>', "the AI system's scope (by name); default: the whole organisation")
    .option('--as-of <instant>', 'the instant, ISO 8601 (e.g. 2026-01-31T00:00:00Z); default: now')
    .option('--framework <refId...>', 'only these frameworks (by refId); default: every framework in scope')
    .option('--no-crosswalks', 'without crosswalk inference')
    .option('--max-depth <n>', 'longest crosswalk chain, 0 to 10 links', '3')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .action((options: ScopeOptions & { format: string }) =>
      withDatabase(async ({ services }) => {
        const scope = await coverageScope(services, options);
        await emit(services, present(await services.exports.coverageReport(CLI_ACTOR, scope, options.format.toUpperCase() as 'CSV' | 'JSON')), options.out);
      }),
    );

  command
    .command('assessment-results')
    .description('OSCAL assessment-results (JSON): one finding per requirement, observations referencing evidence by hash')
    .option('--ai-system <name>', "the AI system's scope (by name); default: the whole organisation")
    .option('--as-of <instant>', 'the instant, ISO 8601; default: now')
    .option('--framework <refId...>', 'only these frameworks (by refId); default: every framework in scope')
    .option('--no-crosswalks', 'without crosswalk inference')
    .option('--max-depth <n>', 'longest crosswalk chain, 0 to 10 links', '3')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .action((options: ScopeOptions) =>
      withDatabase(async ({ services }) => {
        const scope = await coverageScope(services, options);
        await emit(services, present(await services.exports.assessmentResults(CLI_ACTOR, scope)), options.out);
      }),
    );

  command
    .command('mappings')
    .description('the live mappings as CSV (framework,requirement,control,relationship,strength,rationale), the format `import` reads')
    .option('--framework <refId...>', 'only mappings of these frameworks (by refId); default: all')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .action((options: { framework?: string[]; out?: string }) =>
      withDatabase(async ({ services }) => {
        await emit(services, await services.exports.mappings(CLI_ACTOR, await frameworksOption(services, options.framework)), options.out);
      }),
    );

  command
    .command('links')
    .description('the live crosswalk links as CSV (source_framework,source_requirement,target_framework,target_requirement,relationship,strength,rationale,provenance), the format `import` reads')
    .option('--framework <refId...>', 'only links from these frameworks (by refId); default: all')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .action((options: { framework?: string[]; out?: string }) =>
      withDatabase(async ({ services }) => {
        await emit(services, await services.exports.links(CLI_ACTOR, await frameworksOption(services, options.framework)), options.out);
      }),
    );

  command
    .command('controls')
    .description('the live controls as CSV (control,title,description,domain,type,status,owner), the format `import` reads')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .action((options: { out?: string }) =>
      withDatabase(async ({ services }) => {
        await emit(services, await services.exports.controls(CLI_ACTOR), options.out);
      }),
    );

  command
    .command('evidence')
    .description('evidence metadata as CSV (export only: evidence moves between instances by bundle)')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .action((options: { out?: string }) =>
      withDatabase(async ({ services }) => {
        await emit(services, await services.exports.evidence(CLI_ACTOR), options.out);
      }),
    );

  command
    .command('bundle')
    .description('the native JSON bundle of the whole graph with its history (restore it with `import FILE` into an empty instance)')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .action((options: { out?: string }) =>
      withDatabase(async ({ services }) => {
        await emit(services, await services.exports.bundle(CLI_ACTOR), options.out);
      }),
    );

  return command;
}

async function coverageScope(services: Services, options: ScopeOptions): Promise<CoverageExportOptions> {
  const aiSystemId = await aiSystemOption(services, options.aiSystem);
  let at: number | null = null;
  if (options.asOf !== undefined) {
    at = /^\d{4}-\d{2}-\d{2}/.test(options.asOf) ? Date.parse(options.asOf) : Number.NaN;
    if (!Number.isFinite(at)) throw new UsageError(`--as-of: "${options.asOf}" is not an ISO 8601 instant (e.g. 2026-01-31T00:00:00Z)`);
  }
  const maxDepth = Number(options.maxDepth);
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > MAX_CROSSWALK_DEPTH) {
    throw new UsageError(`--max-depth: "${options.maxDepth}" is not a whole number from 0 to ${MAX_CROSSWALK_DEPTH}`);
  }
  return {
    aiSystemId,
    at,
    instantAsked: at !== null,
    viaCrosswalks: options.crosswalks,
    maxDepth,
    frameworkIds: await frameworksOption(services, options.framework),
  };
}

/** null: the AI system was deleted after it was looked up. */
function present(doc: StoredExport | null): StoredExport {
  if (!doc) throw new CliError('--ai-system: the AI system no longer exists');
  return doc;
}

/**
 * Copies the document from its file, streamed: to `out` through a temporary file renamed into
 * place, or to standard output; then removes the document's file.
 */
async function emit(services: Services, doc: StoredExport, out: string | undefined): Promise<void> {
  try {
    const opened = await services.exports.open(CLI_ACTOR, doc.id);
    if (opened.kind !== 'FOUND') throw new CliError(`the export document ${doc.filename} is no longer on disk (removed while it was copied?): run the command again`);
    const output = await Output.open(out);
    try {
      opened.stream.setEncoding('utf8');
      for await (const chunk of opened.stream) await output.write(chunk as string);
    } catch (error) {
      opened.stream.destroy();
      output.discard();
      throw new CliError(`--out ${out}: ${(error as Error).message}`);
    }
    await output.close();
  } finally {
    await services.exports.discard(doc.id);
  }
  if (out !== undefined) {
    console.error(`Wrote ${out} (${doc.byteLength} bytes, sha256 ${doc.sha256}; suggested name ${doc.filename}).`);
  }
}
