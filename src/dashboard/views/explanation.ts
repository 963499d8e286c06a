/**
 * One requirement explained: its status, the reasons it is not covered, and every control that
 * reaches it with the way it does (own mapping, a parent's, or a crosswalk path).
 */
import { byId, h, replace, table } from '../dom.js';
import { EXPLANATION, type ExplainedContribution, type ExplanationData } from '../queries.js';
import type { Session } from '../session.js';
import { contributionWords, percent, STATE_WORDS, STATUS_WORDS } from '../words.js';
import { reasonItem } from './gaps.js';

/** "Article 13 (eu-ai-act) → GOVERN-1.1 (nist-ai-rmf) → control", with each crosswalk relationship. */
export function pathWords(c: ExplainedContribution): string {
  const parts: string[] = [];
  c.path.forEach((requirement, i) => {
    const step = i > 0 ? c.steps[i - 1] : undefined;
    parts.push(`${step ? ` —${step.relationship.toLowerCase().replaceAll('_', ' ')}→ ` : ''}${requirement.refId} (${requirement.framework.refId})`);
  });
  const inherited = c.mappedRequirement.refId !== c.path.at(-1)?.refId ? `, mapped at ${c.mappedRequirement.refId}` : '';
  return `${parts.join('')}${inherited} —${c.mapping.relationship.toLowerCase().replaceAll('_', ' ')}→ ${c.control.refId}`;
}

export async function showExplanation(session: Session, requirementId: string): Promise<void> {
  const target = byId('explanation-body');
  const title = byId('explanation-title');
  const generation = session.frameworkGeneration;
  target.setAttribute('aria-busy', 'true');
  try {
    const { requirement } = await session.query<ExplanationData>(EXPLANATION, { id: requirementId, scope: session.scopeArgument() });
    if (generation !== session.frameworkGeneration) return;
    target.removeAttribute('aria-busy');
    if (!requirement) {
      replace(target, h('p', { class: 'error' }, 'This requirement no longer exists.'));
      return;
    }
    replace(title, `Why: ${requirement.refId}${requirement.title ? ` ${requirement.title}` : ''}`);
    const coverage = requirement.coverage;
    if (!coverage) {
      replace(target, h('p', {}, `${requirement.refId} is not evaluated for ${session.scope.name} (withdrawn, or its framework does not apply).`));
      return;
    }
    const contributions = coverage.contributions.map((c) => [
      `${c.control.refId} ${c.control.title}`,
      STATE_WORDS[c.state],
      c.kind === 'FULL' ? 'full' : 'partial',
      h('span', { class: 'path' }, pathWords(c)),
    ]);
    replace(
      target,
      h(
        'p',
        {},
        `${requirement.framework.name}, for ${session.scope.name}: `,
        h('span', { class: `badge ${coverage.status}`, id: 'explanation-status' }, STATUS_WORDS[coverage.status]),
        coverage.leaf ? '' : ` (${coverage.summary.covered} of ${coverage.summary.total} leaves covered, ${percent(coverage.summary.coverageRatio)})`,
      ),
      coverage.via ? h('p', {}, `${coverage.inferred ? 'Covered through a crosswalk by' : 'Covered by'} ${contributionWords(coverage.via)}.`) : null,
      coverage.reasons.length > 0
        ? h('div', {}, h('h3', {}, 'Why it is not covered'), h('ul', { id: 'explanation-reasons', class: 'reasons' }, ...coverage.reasons.map(reasonItem)))
        : null,
      h('h3', {}, 'Controls reaching it'),
      contributions.length > 0
        ? h('div', { class: 'table-wrap' }, table('Every control reaching the requirement and how', ['Control', 'State', 'Mapping', 'How (inference path)'], contributions))
        : h('p', {}, 'No control reaches it: no mapping of its own, of a parent, or through a crosswalk.'),
      requirement.statement ? h('details', {}, h('summary', {}, 'Requirement text'), h('p', {}, requirement.statement)) : null,
    );
    title.focus();
  } catch (error) {
    if (generation === session.frameworkGeneration) session.fail(target, error);
  }
}
