/**
 * Baselines (a profile's selection of one framework's requirements): the baseline is created or
 * updated field by field, its members added when new; a baseline of another framework with the
 * same refId is refused. REPLACE removes members the file no longer selects (replace.ts).
 */
import type { BaselineRow } from '../../db/rows.js';
import { changedFields, isEmpty } from '../../domain/catalog/changes.js';
import type { BaselinePlan } from '../../domain/import/types.js';
import { refText, type LoadState } from './load-state.js';

export async function writeBaseline(load: LoadState, plan: BaselinePlan): Promise<void> {
  const { repos, now, by } = load;
  const framework = await repos.catalog.frameworkByRefId(plan.frameworkRefId);
  if (!framework) {
    load.progress(plan.members.length);
    load.reject(plan.location, `framework "${plan.frameworkRefId}" does not exist: import its catalog first`);
    return;
  }
  const baselines = repos.baselines;
  let baseline: BaselineRow | undefined = await baselines.findByRefId(plan.refId);
  const fields = {
    name: plan.name,
    description: plan.description,
    sourceNote: plan.sourceNote,
    ...(plan.profileRefId !== undefined ? { profileRefId: plan.profileRefId } : {}),
  };
  if (baseline && baseline.frameworkId !== framework.id) {
    load.progress(plan.members.length);
    load.reject(plan.location, `baseline "${plan.refId}" already exists for another framework; choose another baselineRefId`);
    return;
  }
  if (!baseline) {
    baseline = await baselines.insert({ refId: plan.refId, frameworkId: framework.id, ...fields, createdAt: now, updatedAt: now });
    load.report.baselines.created++;
  } else {
    const patch = changedFields(baseline, fields);
    if (isEmpty(patch)) load.report.baselines.unchanged++;
    else {
      await baselines.update(baseline.id, { ...patch, updatedAt: now });
      load.report.baselines.updated++;
    }
  }
  const live = new Map((await baselines.liveMembers(baseline.id)).map((m) => [m.requirementId, m]));
  const touched = load.touched.baselineMembers.get(plan.refId) ?? new Set<number>();
  for (const member of plan.members) {
    await load.tick();
    const ref = { frameworkRefId: plan.frameworkRefId, refId: member.refId };
    const requirement = await load.index.resolve(ref, member.location);
    if (!requirement) {
      load.noteUnresolvedRequirement(ref);
      load.reject(member.location, `requirement ${refText(ref)} not found`);
      continue;
    }
    if (touched.has(requirement.id)) continue;
    touched.add(requirement.id);
    if (live.has(requirement.id)) {
      load.report.baselineMembers.unchanged++;
      continue;
    }
    await baselines.addMember(baseline.id, requirement.id, now, by);
    load.report.baselineMembers.created++;
  }
  load.touched.baselineMembers.set(plan.refId, touched);
}
