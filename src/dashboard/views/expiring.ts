/** What turns red next: evidence of the scope expiring within 30 days, with what would drop (evidenceExpiring). */
import { byId, h, replace, type Child } from '../dom.js';
import { EXPIRING, type Expiring, type ExpiringData, type FrameworkChange } from '../queries.js';
import type { Session } from '../session.js';
import { percent, STATE_WORDS, STATUS_WORDS, when } from '../words.js';

export const frameworkChangeWords = (f: FrameworkChange): string =>
  `${f.framework.name}: ${f.before.covered} → ${f.after.covered} covered (${percent(f.before.coverageRatio)} → ${percent(f.after.coverageRatio)})`;

function row(item: Expiring): HTMLTableRowElement {
  const list = (items: string[], none: string): Child => (items.length === 0 ? h('span', { class: 'hint' }, none) : h('ul', { class: 'reasons' }, ...items.map((text) => h('li', {}, text))));
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, item.evidence.title),
    h('td', {}, h('time', { datetime: item.validUntil }, when(item.validUntil))),
    h('td', {}, list(item.controls.map((c) => `${c.control.refId}: ${STATE_WORDS[c.before]} → ${STATE_WORDS[c.after]}`), 'none (other evidence keeps them effective)')),
    h(
      'td',
      {},
      list(
        item.requirements.filter((r) => r.leaf).map((r) => `${r.requirement.refId} (${r.requirement.framework.refId}): ${STATUS_WORDS[r.before]} → ${STATUS_WORDS[r.after]}`),
        'none',
      ),
    ),
    h('td', {}, list(item.frameworks.filter((f) => f.changed).map(frameworkChangeWords), 'none')),
  );
}

export async function showExpiring(session: Session): Promise<void> {
  const target = byId('expiring-table');
  const more = byId<HTMLButtonElement>('expiring-more');
  const generation = session.generation;
  more.hidden = true;
  target.setAttribute('aria-busy', 'true');
  const body = h('tbody', {});
  const element = h(
    'table',
    { id: 'expiring-list' },
    h('caption', {}, `Current evidence for ${session.scope.name} whose validity ends within 30 days, soonest first`),
    h(
      'thead',
      {},
      h('tr', {}, ...['Evidence', 'Valid until', 'Controls that would change', 'Requirements that would drop', 'Frameworks'].map((title) => h('th', { scope: 'col' }, title))),
    ),
    body,
  );
  let after: string | null = null;
  const load = async (first: boolean) => {
    try {
      const { evidenceExpiring } = await session.query<ExpiringData>(EXPIRING, { scope: session.scopeArgument(), after });
      if (generation !== session.generation) return;
      for (const edge of evidenceExpiring.edges) body.appendChild(row(edge.node));
      after = evidenceExpiring.pageInfo.endCursor;
      more.hidden = !evidenceExpiring.pageInfo.hasNextPage;
      if (first) {
        replace(
          target,
          evidenceExpiring.totalCount === 0
            ? h('p', { class: 'hint', id: 'expiring-none' }, `No current evidence for ${session.scope.name} expires within 30 days.`)
            : h('div', {}, h('p', { class: 'hint' }, `${evidenceExpiring.totalCount} item${evidenceExpiring.totalCount === 1 ? '' : 's'} expiring.`), element),
        );
      }
      target.removeAttribute('aria-busy');
    } catch (error) {
      if (generation === session.generation) session.fail(target, error);
    }
  };
  more.onclick = () => void load(false);
  await load(true);
}
