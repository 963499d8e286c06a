/** The blast radius of a chosen control in the chosen scope (controlImpact). */
import { allPages } from '../api.js';
import { byId, h, replace } from '../dom.js';
import { CONTROL_IMPACT, CONTROLS, type ControlImpactData, type ControlRef, type ControlsData } from '../queries.js';
import type { Session } from '../session.js';
import { STATE_WORDS, STATUS_WORDS } from '../words.js';
import { frameworkChangeWords } from './expiring.js';

/** Fills the control chooser (up to 1,000 controls, by refId). */
export async function loadControls(session: Session): Promise<void> {
  const select = byId<HTMLSelectElement>('impact-control');
  try {
    const { nodes } = await allPages<ControlsData, ControlRef>(session.token, CONTROLS, {}, (data) => data.controls);
    select.replaceChildren(h('option', { value: '' }, 'Choose a control…'), ...nodes.map((c) => h('option', { value: c.id }, `${c.refId} ${c.title}`)));
  } catch (error) {
    session.fail(byId('impact-body'), error);
  }
}

export async function showImpact(session: Session): Promise<void> {
  const target = byId('impact-body');
  const controlId = byId<HTMLSelectElement>('impact-control').value;
  const generation = session.generation;
  if (!controlId) {
    replace(target, h('p', { class: 'hint' }, 'What would drop if the chosen control stopped being effective.'));
    return;
  }
  target.setAttribute('aria-busy', 'true');
  try {
    const { controlImpact } = await session.query<ControlImpactData>(CONTROL_IMPACT, { controlId, scope: session.scopeArgument() });
    if (generation !== session.generation || byId<HTMLSelectElement>('impact-control').value !== controlId) return;
    target.removeAttribute('aria-busy');
    if (!controlImpact) {
      replace(target, h('p', { class: 'error' }, 'This control no longer exists.'));
      return;
    }
    const name = `${controlImpact.control.refId} ${controlImpact.control.title}`;
    if (controlImpact.stateBefore !== 'EFFECTIVE') {
      replace(target, h('p', {}, `${name} is not effective for ${session.scope.name} now (${controlImpact.stateBefore ? STATE_WORDS[controlImpact.stateBefore] : 'it did not exist'}): nothing depends on it.`));
      return;
    }
    const leaves = controlImpact.requirements.filter((r) => r.leaf);
    replace(
      target,
      h('p', {}, `If ${name} stopped being effective for ${session.scope.name}, ${leaves.length} requirement${leaves.length === 1 ? '' : 's'} would drop.`),
      leaves.length > 0
        ? h('ul', { class: 'reasons' }, ...leaves.map((r) => h('li', {}, `${r.requirement.refId} (${r.requirement.framework.refId}): ${STATUS_WORDS[r.before]} → ${STATUS_WORDS[r.after]}`)))
        : null,
      controlImpact.frameworks.length > 0 ? h('ul', { class: 'reasons' }, ...controlImpact.frameworks.filter((f) => f.changed).map((f) => h('li', {}, frameworkChangeWords(f)))) : null,
    );
  } catch (error) {
    if (generation === session.generation) session.fail(target, error);
  }
}
