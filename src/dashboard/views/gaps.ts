/** The gaps of the chosen framework in the chosen scope, with their reasons in words, a page at a time. */
import { byId, h, replace } from '../dom.js';
import { GAPS, type Gap, type GapReason, type GapsData } from '../queries.js';
import type { Session } from '../session.js';
import { contributionWords, REASON_WORDS, STATUS_WORDS } from '../words.js';

/** A reason: its sentence, then the controls it names, one per line. */
export function reasonItem(reason: GapReason): HTMLLIElement {
  return h(
    'li',
    { 'data-code': reason.code },
    REASON_WORDS[reason.code],
    reason.controls.length > 0 ? h('ul', { class: 'controls' }, ...reason.controls.map((c) => h('li', {}, contributionWords(c)))) : null,
  );
}

export function gapItem(gap: Gap, onExplain: (gap: Gap) => void): HTMLLIElement {
  const explain = h('button', { type: 'button', 'aria-label': `Explain ${gap.requirement.refId}` }, 'Explain');
  explain.addEventListener('click', () => onExplain(gap));
  return h(
    'li',
    { 'data-requirement': gap.requirement.refId },
    h('span', { class: 'title' }, gap.requirement.refId, gap.requirement.title ? ` ${gap.requirement.title}` : ''),
    ' ',
    h('span', { class: `badge ${gap.status}` }, STATUS_WORDS[gap.status]),
    ' ',
    explain,
    h('ul', { class: 'reasons', 'aria-label': `Why ${gap.requirement.refId} is not covered` }, ...gap.reasons.map(reasonItem)),
  );
}

/** Shows the first page; "Show more gaps" appends the next ones. */
export async function showGaps(session: Session, onExplain: (gap: Gap) => void): Promise<void> {
  const list = byId('gaps-list');
  const count = byId('gaps-count');
  const more = byId<HTMLButtonElement>('gaps-more');
  const generation = session.frameworkGeneration;
  const framework = session.framework;
  replace(byId('gaps-title'), framework ? `Gaps of ${framework.name}` : 'Gaps');
  more.hidden = true;
  if (!framework) {
    replace(count, '');
    replace(list, h('li', { class: 'hint' }, `No framework applies to ${session.scope.name}.`));
    return;
  }
  list.setAttribute('aria-busy', 'true');
  let after: string | null = null;
  let shown = 0;
  const load = async (first: boolean) => {
    try {
      const filter = { frameworkId: framework.id, ...(session.scope.aiSystemId ? { aiSystemId: session.scope.aiSystemId } : {}) };
      const { gaps } = await session.query<GapsData>(GAPS, { filter, after });
      if (generation !== session.frameworkGeneration) return;
      if (first) list.replaceChildren();
      for (const edge of gaps.edges) list.appendChild(gapItem(edge.node, onExplain));
      shown += gaps.edges.length;
      after = gaps.pageInfo.endCursor;
      more.hidden = !gaps.pageInfo.hasNextPage;
      replace(
        count,
        gaps.totalCount === 0
          ? `No gaps: every applicable requirement of ${framework.name} is covered for ${session.scope.name}.`
          : `${gaps.totalCount} requirement${gaps.totalCount === 1 ? '' : 's'} not covered for ${session.scope.name}; ${shown} shown.`,
      );
      list.removeAttribute('aria-busy');
    } catch (error) {
      if (generation === session.frameworkGeneration) session.fail(list, error);
    }
  };
  more.onclick = () => void load(false);
  await load(true);
}
