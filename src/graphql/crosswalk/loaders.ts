import DataLoader from 'dataloader';
import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import type { RequirementLinkRow } from '../../services/rows.js';
import { byIdLoader } from '../loader-helpers.js';

export const crosswalkLoaders = ({ requirementLinks }: Services, actor: Actor) => ({
  requirementLinkById: byIdLoader((ids) => requirementLinks.findByIds(actor, ids)),
  /** Requirement id → every link (live and retired) where it is the source or the target, by id. */
  requirementLinksByRequirement: new DataLoader<number, RequirementLinkRow[]>(async (ids) => {
    const groups = new Map<number, RequirementLinkRow[]>(ids.map((id) => [id, []]));
    for (const row of await requirementLinks.ofRequirements(actor, ids)) {
      groups.get(row.sourceRequirementId)?.push(row);
      if (row.targetRequirementId !== row.sourceRequirementId) groups.get(row.targetRequirementId)?.push(row);
    }
    return ids.map((id) => groups.get(id) ?? []);
  }),
});
