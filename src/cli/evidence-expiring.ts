/**
 * `npm run cli -- evidence expiring --within 30d [--ai-system NAME] [--exit-code]`: what turns red
 * next, for cron mail. Works on the database directly (CROSSWALK_DATA_DIR), like `coverage
 * snapshot`; reads only.
 *
 * Output fit for cron: nothing at all (exit 0) when no current evidence expires within the
 * window, so cron sends no mail; otherwise one block per item on stdout: when it expires, what it
 * is, the controls whose state would change and the requirements that would drop. Exit code 0,
 * or 3 with `--exit-code` when something expires (for monitoring scripts); 2 for a usage or
 * configuration mistake, 1 for a failure.
 */
import type { Command } from 'commander';
import { CLI_ACTOR } from '../domain/actor.js';
import { parseWindow, WINDOW_RULE } from '../domain/expiry-window.js';
import { aiSystemOption, byId, CliError, UsageError, withDatabase } from './shared.js';

/** Exit code of `--exit-code` when at least one item expires within the window. */
export const EXIT_EXPIRING = 3;

interface ExpiringOptions {
  within: string;
  aiSystem?: string;
  exitCode?: boolean;
}

export function addExpiringCommand(evidence: Command): void {
  evidence
    .command('expiring')
    .description('list current evidence whose validUntil falls within the window, with the requirements that would drop (works on the database; prints nothing when nothing expires)')
    .option('--within <window>', 'how far ahead: a duration from 1h to 3660d, e.g. 30d, 7d, 12h', '30d')
    .option('--ai-system <name>', "the AI system's scope (by name); default: the whole organisation")
    .option('--exit-code', `exit with code ${EXIT_EXPIRING} when something expires (0 otherwise)`)
    .action((options: ExpiringOptions) =>
      withDatabase(async ({ services }) => {
        const windowMs = parseWindow(options.within);
        if (windowMs === null) throw new UsageError(`--within must be ${WINDOW_RULE}; got "${options.within}"`);
        const aiSystemId = await aiSystemOption(services, options.aiSystem);
        const answer = await services.coverage.evaluate(CLI_ACTOR, { aiSystemId });
        if (!answer) throw new CliError(`--ai-system: no AI system named "${options.aiSystem}"`);
        const items = answer.expiringEvidence(answer.at + windowMs);
        if (items.length === 0) return;
        const effects = items.map((item) => item.effect());
        const evidence = byId(await services.evidence.findByIds(CLI_ACTOR, items.map((i) => i.evidenceId)), (e) => e);
        const controls = byId(await services.controls.findByIds(CLI_ACTOR, effects.flatMap((e) => e.controls.map((c) => c.controlId))), (c) => c.refId);
        const requirements = byId(
          await services.requirements.findByIds(CLI_ACTOR, effects.flatMap((e) => e.requirements.map((r) => r.requirementId))),
          (r) => r.refId,
        );
        const frameworks = byId(await services.frameworks.findByIds(CLI_ACTOR, effects.flatMap((e) => e.requirements.map((r) => r.frameworkId))), (f) => f.refId);
        const scope = options.aiSystem === undefined ? 'the organisation' : `AI system "${options.aiSystem}"`;
        const lines = [
          `${items.length} item(s) of current evidence expire within ${options.within} (by ${new Date(answer.at + windowMs).toISOString()}) in the scope of ${scope}:`,
        ];
        items.forEach((item, i) => {
          const e = evidence.get(item.evidenceId);
          const effect = effects[i]!;
          lines.push('', `${new Date(item.validUntil).toISOString()}  evidence ${item.evidenceId} "${e?.title ?? '?'}" (${e?.kind ?? '?'})`);
          if (effect.controls.length === 0) lines.push('  nothing drops: other evidence keeps its controls EFFECTIVE');
          for (const c of effect.controls) lines.push(`  control ${controls.get(c.controlId) ?? c.controlId}: ${c.before} → ${c.after}`);
          const leaves = effect.requirements.filter((r) => r.leaf);
          if (effect.controls.length > 0) lines.push(`  ${leaves.length} requirement(s) would drop${leaves.length ? ':' : ''}`);
          for (const r of leaves) {
            lines.push(`    ${frameworks.get(r.frameworkId) ?? r.frameworkId} ${requirements.get(r.requirementId) ?? r.requirementId}: ${r.before} → ${r.after}`);
          }
        });
        console.log(lines.join('\n'));
        if (options.exitCode) process.exitCode = EXIT_EXPIRING;
      }),
    );
}
