/**
 * Frameworks × scopes: the coverage ratio of every framework for the organisation and each AI
 * system (one coverage query per scope), as a table whose cells carry the number and a colour.
 */
import { byId, h, replace } from '../dom.js';
import { COVERAGE, type AiSystem, type CoverageData } from '../queries.js';
import type { Session } from '../session.js';
import { percent } from '../words.js';

/** More columns would not fit a screen; the scope chooser still offers every system. */
export const HEATMAP_MAX_SYSTEMS = 20;

export async function showHeatmap(session: Session, systems: AiSystem[]): Promise<void> {
  const target = byId('heatmap-table');
  target.setAttribute('aria-busy', 'true');
  try {
    const shown = systems.slice(0, HEATMAP_MAX_SYSTEMS);
    const scopes = [{ label: 'Organisation', scope: null as { aiSystemId: string } | null }, ...shown.map((s) => ({ label: s.name, scope: { aiSystemId: s.id } }))];
    const answers: CoverageData[] = [];
    // A few at a time: each is a full coverage evaluation on the server.
    for (let i = 0; i < scopes.length; i += 4) {
      answers.push(...(await Promise.all(scopes.slice(i, i + 4).map((s) => session.query<CoverageData>(COVERAGE, { scope: s.scope })))));
    }
    const frameworks = new Map<string, string>();
    for (const answer of answers) for (const f of answer.coverage?.frameworks ?? []) frameworks.set(f.framework.id, f.framework.name);
    const ratioOf = (answer: CoverageData, frameworkId: string) => answer.coverage?.frameworks.find((f) => f.framework.id === frameworkId);
    const element = h(
      'table',
      { id: 'heatmap-grid' },
      h('caption', {}, 'Coverage ratio by framework (rows) and scope (columns)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Framework'), ...scopes.map((s) => h('th', { scope: 'col', class: 'heat' }, s.label)))),
      h(
        'tbody',
        {},
        ...[...frameworks].map(([id, name]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, name),
            ...answers.map((answer) => {
              const found = ratioOf(answer, id);
              if (!found) return h('td', { class: 'heat heat-none' }, '—');
              const ratio = found.coverageRatio;
              const bucket = ratio === null ? 'none' : String(Math.min(4, Math.floor(ratio * 5)));
              return h('td', { class: `heat heat-${bucket}`, title: `${found.covered} of ${found.total - found.notApplicable} applicable covered` }, percent(ratio));
            }),
          ),
        ),
      ),
    );
    replace(
      target,
      element,
      systems.length > shown.length ? h('p', { class: 'hint' }, `The first ${shown.length} of ${systems.length} AI systems are shown; choose any in Scope.`) : null,
    );
    target.removeAttribute('aria-busy');
  } catch (error) {
    session.fail(target, error);
  }
}
