import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import type { NotApplicableMarkOptions } from '../../domain/list-orders.js';
import { byIdLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const applicabilityLoaders = ({ applicability }: Services, actor: Actor) => ({
  notApplicableMarkById: byIdLoader((ids) => applicability.findByIds(actor, ids)),
  /** One page of `Requirement.notApplicable` per requirement, by id, cut in SQL. */
  notApplicableMarkPages: groupPageLoader(
    (ids, options: NotApplicableMarkOptions, page) => applicability.pageOfRequirements(actor, ids, options, page),
    (row) => row.requirementId,
  ),
  /** totalCount of `Requirement.notApplicable` per requirement. */
  notApplicableMarkCounts: groupCountLoader((ids, options: NotApplicableMarkOptions) => applicability.countOfRequirements(actor, ids, options)),
});
