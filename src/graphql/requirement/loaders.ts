import type { Actor } from '../../domain/actor.js';
import type { FrameworkRequirementOptions } from '../../domain/list-orders.js';
import type { Services } from '../../services/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const requirementLoaders = ({ requirements }: Services, actor: Actor) => ({
  requirementById: byIdLoader((ids) => requirements.findByIds(actor, ids)),
  /** Parent requirement id → all its children (withdrawn included), by sortOrder, id. */
  requirementChildren: groupLoader(
    (ids: readonly number[]) => requirements.childrenOf(actor, ids),
    (row) => row.parentId ?? 0,
  ),
  /** One page of `Framework.requirements` per framework, cut in SQL. */
  frameworkRequirementPages: groupPageLoader(
    (ids, options: FrameworkRequirementOptions, page) => requirements.pageOfFrameworks(actor, ids, options, page),
    (row) => row.frameworkId,
  ),
  /** totalCount of `Framework.requirements` per framework. */
  frameworkRequirementCounts: groupCountLoader(async (ids, options: FrameworkRequirementOptions) =>
    (await requirements.countOfFrameworks(actor, ids, options)).map((r) => ({ parent: r.frameworkId, n: r.n })),
  ),
});
