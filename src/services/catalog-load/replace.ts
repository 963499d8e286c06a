/**
 * REPLACE: after the file is written, whatever the file's scopes (`ReplaceScope`) hold that the
 * file no longer contains is retired: requirements are marked withdrawn, mappings and links
 * retired, baseline members removed. Nothing is deleted. When anything in the file was rejected,
 * nothing is retired (a partly-read file must not retire what it failed to say) and a warning
 * says so.
 */
import type { LoadState } from './load-state.js';

export async function retireOutsideFile(load: LoadState): Promise<void> {
  const { repos, now, by } = load;
  const scopes = load.options.replace ?? [];
  if (scopes.length === 0) return;
  const rejected = load.report.rejected.length + (load.options.priorRejections ?? 0);
  if (rejected > 0) {
    load.warn('', `REPLACE retired nothing because ${rejected} item(s) of the file were rejected; fix them and import again`);
    return;
  }
  for (const scope of scopes) {
    switch (scope.kind) {
      case 'requirements': {
        const framework = await repos.catalog.frameworkByRefId(scope.frameworkRefId);
        if (!framework) break;
        const kept = load.touched.requirements.get(scope.frameworkRefId) ?? new Set<number>();
        for (const r of (await load.cache.get(scope.frameworkRefId)).rows) {
          await load.pacer.pace();
          if (kept.has(r.id) || r.withdrawn) continue;
          await repos.catalog.updateRequirement(r.id, { withdrawn: true, updatedAt: now });
          load.report.requirements.retired++;
        }
        break;
      }
      case 'mappings': {
        const frameworks = await repos.catalog.frameworksByRefIds(scope.frameworkRefIds);
        for (const m of await repos.catalog.liveMappingsOfFrameworks(frameworks.map((f) => f.id))) {
          if (load.touched.mappings.has(`${m.requirementId}:${m.controlId}`)) continue;
          await repos.mappings.update(m.id, { retiredAt: now, retiredBy: by, updatedAt: now });
          load.report.mappings.retired++;
        }
        break;
      }
      case 'links': {
        const source = await repos.catalog.frameworkByRefId(scope.sourceFrameworkRefId);
        const target = await repos.catalog.frameworkByRefId(scope.targetFrameworkRefId);
        if (!source || !target) break;
        for (const l of await repos.catalog.liveLinksBetween(source.id, target.id)) {
          if (load.touched.links.has(`${l.sourceRequirementId}:${l.targetRequirementId}`)) continue;
          await repos.requirementLinks.retire(l.id, now, by);
          load.report.links.retired++;
        }
        break;
      }
      case 'baselineMembers': {
        const baseline = await repos.baselines.findByRefId(scope.baselineRefId);
        if (!baseline) break;
        const kept = load.touched.baselineMembers.get(scope.baselineRefId) ?? new Set<number>();
        for (const m of await repos.baselines.liveMembers(baseline.id)) {
          if (kept.has(m.requirementId)) continue;
          await repos.baselines.removeMember(m.id, now, by);
          load.report.baselineMembers.retired++;
        }
        break;
      }
    }
  }
}
