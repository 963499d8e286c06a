import type { Actor } from '../../domain/actor.js';
import type { MappingListOptions } from '../../domain/list-orders.js';
import type { Services } from '../../services/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const mappingLoaders = ({ mappings }: Services, actor: Actor) => ({
  mappingById: byIdLoader((ids) => mappings.findByIds(actor, ids)),
  /** One page of `Requirement.mappings` per requirement, oldest first, cut in SQL. */
  requirementMappingPages: groupPageLoader(
    (ids, options: MappingListOptions, page) => mappings.pageOfParents(actor, 'requirement', ids, options, page),
    (row) => row.requirementId,
  ),
  /** totalCount of `Requirement.mappings` per requirement. */
  requirementMappingCounts: groupCountLoader((ids, options: MappingListOptions) => mappings.countOfParents(actor, 'requirement', ids, options)),
  /** One page of `Control.mappings` per control, oldest first, cut in SQL. */
  controlMappingPages: groupPageLoader(
    (ids, options: MappingListOptions, page) => mappings.pageOfParents(actor, 'control', ids, options, page),
    (row) => row.controlId,
  ),
  /** totalCount of `Control.mappings` per control. */
  controlMappingCounts: groupCountLoader((ids, options: MappingListOptions) => mappings.countOfParents(actor, 'control', ids, options)),
  /** Mapping id → its revisions, oldest first. */
  mappingRevisionsByMapping: groupLoader(
    (ids: readonly number[]) => mappings.revisions(actor, ids),
    (row) => row.mappingId,
  ),
  /** One page of `Control.requirements` per control (live mappings; framework refId, refId, id), cut in SQL. */
  controlRequirementPages: groupPageLoader(
    (ids, _: null, page) => mappings.requirementsOfControls(actor, ids, page),
    (row) => row.controlId,
  ),
  /** totalCount of `Control.requirements` per control. */
  controlRequirementCounts: groupCountLoader((ids) => mappings.requirementCountOfControls(actor, ids)),
});
