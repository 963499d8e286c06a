import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import type { RequirementLinkListOptions } from '../../domain/list-orders.js';
import { byIdLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const crosswalkLoaders = ({ requirementLinks }: Services, actor: Actor) => ({
  requirementLinkById: byIdLoader((ids) => requirementLinks.findByIds(actor, ids)),
  /** One page of `Requirement.links` per requirement, by id, cut in SQL. */
  requirementLinkPages: groupPageLoader(
    (ids, options: RequirementLinkListOptions, page) => requirementLinks.pageOfRequirements(actor, ids, options, page),
    (row) => row.requirementId,
  ),
  /** totalCount of `Requirement.links` per requirement. */
  requirementLinkCounts: groupCountLoader((ids, options: RequirementLinkListOptions) => requirementLinks.countOfRequirements(actor, ids, options)),
});
