/**
 * `npm run cli -- coverage snapshot [--ai-system NAME]`: records the coverage of every framework
 * in a scope now (what the coverageSnapshotRecord mutation does), for cron. Runs as the
 * `system:cli` actor and is audited like the mutation.
 */
import { summaryOf } from '../domain/coverage/index.js';
import { Command } from 'commander';
import { CLI_ACTOR } from '../domain/actor.js';
import { forOperation } from '../services/operation-scope.js';
import { aiSystemOption, byId, CliError, describeUserErrors, frameworksOption, withDatabase } from './shared.js';

interface SnapshotOptions {
  aiSystem?: string;
  framework?: string[];
  crosswalks: boolean;
}

export function coverageCommand(): Command {
  const coverage = new Command('coverage').description('coverage snapshots for trend charts (coverageHistory)');

  coverage
    .command('snapshot')
    .description('record the coverage of every framework in a scope now, one snapshot per framework')
    .option('--ai-system <name>', "the AI system's scope (by name); default: the whole organisation")
    .option('--framework <refId...>', 'only these frameworks (by refId); default: every framework in scope')
    .option('--no-crosswalks', 'without crosswalk inference')
    .action((options: SnapshotOptions) =>
      withDatabase(async ({ services }) => {
        const aiSystemId = await aiSystemOption(services, options.aiSystem);
        const frameworkIds = await frameworksOption(services, options.framework);
        const result = await services.coverage.recordSnapshots(forOperation(CLI_ACTOR, 'coverageSnapshotRecord'), {
          aiSystemId,
          frameworkIds,
          viaCrosswalks: options.crosswalks,
        });
        if (!result.ok) {
          throw new CliError(`no snapshot recorded: ${describeUserErrors(result.errors, { 'input.frameworkIds': '--framework' })}`);
        }
        const names = byId(await services.frameworks.findByIds(CLI_ACTOR, result.value.map((s) => s.frameworkId)), (f) => f.refId);
        const scope = options.aiSystem === undefined ? 'the organisation' : `AI system "${options.aiSystem}"`;
        const at = result.value[0]?.at.toISOString() ?? new Date().toISOString();
        console.log(`Recorded ${result.value.length} coverage snapshot(s) of ${scope} at ${at}${options.crosswalks ? '' : ' (without crosswalks)'}:`);
        for (const s of result.value) {
          const { coverageRatio } = summaryOf(s.covered, s.partial, s.uncovered, s.notApplicable);
          const ratio = coverageRatio === null ? 'n/a' : `${(100 * coverageRatio).toFixed(1)}%`;
          console.log(
            `  ${names.get(s.frameworkId) ?? `#${s.frameworkId}`}: ${ratio} covered (${s.covered} covered, ${s.partial} partial, ${s.uncovered} uncovered, ${s.notApplicable} not applicable, of ${s.total})`,
          );
        }
      }),
    );

  return coverage;
}
