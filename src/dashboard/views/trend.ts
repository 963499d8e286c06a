/** The trend of the chosen framework in the chosen scope: its recorded coverage snapshots (coverageHistory). */
import { allPages } from '../api.js';
import { trendLine } from '../charts.js';
import { byId, h, replace, table } from '../dom.js';
import { TREND, type Snapshot, type TrendData } from '../queries.js';
import type { Session } from '../session.js';
import { percent, when } from '../words.js';

/** The last year of snapshots (a daily cron job records 365). */
export const TREND_DAYS = 365;

export async function showTrend(session: Session): Promise<void> {
  const target = byId('trend-table');
  const canvas = byId<HTMLCanvasElement>('trend-chart');
  const generation = session.frameworkGeneration;
  const framework = session.framework;
  replace(byId('trend-title'), framework ? `Trend of ${framework.name}` : 'Trend');
  if (!framework) {
    trendLine(canvas, '', []);
    replace(target, h('p', { class: 'hint' }, `No framework applies to ${session.scope.name}.`));
    return;
  }
  target.setAttribute('aria-busy', 'true');
  try {
    const from = new Date(Date.now() - TREND_DAYS * 86_400_000).toISOString();
    const { nodes, complete } = await allPages<TrendData, Snapshot>(
      session.token,
      TREND,
      { frameworkId: framework.id, scope: session.scopeArgument(), from },
      (data) => data.coverageHistory,
    );
    if (generation !== session.frameworkGeneration) return;
    trendLine(canvas, framework.name, nodes);
    target.removeAttribute('aria-busy');
    if (nodes.length === 0) {
      replace(
        target,
        h(
          'p',
          { class: 'hint' },
          `No coverage snapshots of ${framework.name} for ${session.scope.name} in the last ${TREND_DAYS} days. An operator records them, e.g. daily from cron, with `,
          h('code', {}, 'npm run cli -- coverage snapshot'),
          '.',
        ),
      );
      return;
    }
    const rows = [...nodes].reverse().map((s) => [when(s.at), s.summary.covered, s.summary.partial, s.summary.uncovered, s.summary.notApplicable, s.summary.total, percent(s.summary.coverageRatio)]);
    const element = table(`Recorded snapshots of ${framework.name}, ${session.scope.name}, newest first`, ['Recorded', 'Covered', 'Partly covered', 'Not covered', 'Not applicable', 'Total', 'Coverage'], rows, { numericFrom: 1 });
    element.id = 'trend-snapshots';
    replace(target, element, complete ? null : h('p', { class: 'hint' }, `Only the first ${nodes.length} snapshots are shown.`));
  } catch (error) {
    if (generation === session.frameworkGeneration) session.fail(target, error);
  }
}
