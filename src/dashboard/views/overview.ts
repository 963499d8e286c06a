/** Coverage per framework in the chosen scope: stacked bars and the same numbers as a table. */
import { coverageBars } from '../charts.js';
import { byId, h, replace, table } from '../dom.js';
import { COVERAGE, type CoverageData, type FrameworkCoverage } from '../queries.js';
import type { Session } from '../session.js';
import { percent, statusWords, when } from '../words.js';

/**
 * Renders the overview; resolves with the frameworks in scope (undefined when the answer came too
 * late or failed). `onChoose` is called when the reader picks a framework's gaps.
 */
export async function showOverview(session: Session, onChoose: (framework: { id: string; name: string }) => void): Promise<FrameworkCoverage[] | undefined> {
  const target = byId('overview-table');
  const status = byId('status');
  const generation = session.generation;
  target.setAttribute('aria-busy', 'true');
  try {
    const { coverage } = await session.query<CoverageData>(COVERAGE, { scope: session.scopeArgument() });
    if (generation !== session.generation) return undefined;
    const frameworks = coverage?.frameworks ?? [];
    replace(status, `Coverage of ${session.scope.name} as of ${coverage ? when(coverage.asOf) : 'now'}.`);
    coverageBars(byId<HTMLCanvasElement>('overview-chart'), frameworks);
    const rows = frameworks.map((f) => [
      h('button', { type: 'button', class: 'link', 'aria-label': `Show the gaps of ${f.framework.name}` }, f.framework.name),
      h('span', { class: `badge ${f.status ?? ''}` }, statusWords(f.status)),
      f.total,
      f.covered,
      f.partial,
      f.uncovered,
      f.notApplicable,
      percent(f.coverageRatio),
    ]);
    const totals = coverage?.totals;
    const element = table(
      `Requirements (leaves) per framework, ${session.scope.name}`,
      ['Framework', 'Status', 'Total', 'Covered', 'Partly covered', 'Not covered', 'Not applicable', 'Coverage'],
      totals ? [...rows, ['All frameworks', '', totals.total, totals.covered, totals.partial, totals.uncovered, totals.notApplicable, percent(totals.coverageRatio)]] : rows,
      { numericFrom: 2 },
    );
    element.id = 'coverage-table';
    element.querySelectorAll('tbody button').forEach((button, i) => button.addEventListener('click', () => onChoose(frameworks[i]!.framework)));
    replace(target, frameworks.length === 0 ? h('p', { class: 'hint' }, `No framework applies to ${session.scope.name}.`) : element);
    target.removeAttribute('aria-busy');
    return frameworks;
  } catch (error) {
    if (generation === session.generation) session.fail(target, error);
    return undefined;
  }
}
