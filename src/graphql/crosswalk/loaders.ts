import DataLoader from 'dataloader';
import type { Repositories } from '../../db/repositories/index.js';
import type { RequirementLinkRow } from '../../db/rows.js';
import { byIdLoader } from '../loader-helpers.js';

export const crosswalkLoaders = (repos: Repositories) => ({
  requirementLinkById: byIdLoader((ids) => repos.requirementLinks.findByIds(ids)),
  /** Requirement id → every link (live and retired) where it is the source or the target, by id. */
  requirementLinksByRequirement: new DataLoader<number, RequirementLinkRow[]>(async (ids) => {
    const groups = new Map<number, RequirementLinkRow[]>(ids.map((id) => [id, []]));
    for (const row of await repos.requirementLinks.ofRequirements(ids)) {
      groups.get(row.sourceRequirementId)?.push(row);
      if (row.targetRequirementId !== row.sourceRequirementId) groups.get(row.targetRequirementId)?.push(row);
    }
    return ids.map((id) => groups.get(id) ?? []);
  }),
});
