import type { Actor } from '../../domain/actor.js';
import type { FrameworkRequirementOptions, RequirementChildOptions } from '../../domain/list-orders.js';
import type { Services } from '../../services/index.js';
import { byIdLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const requirementLoaders = ({ requirements }: Services, actor: Actor) => ({
  requirementById: byIdLoader((ids) => requirements.findByIds(actor, ids)),
  /** One page of `Requirement.children` per parent, by sortOrder, id, cut in SQL. */
  requirementChildPages: groupPageLoader(
    (ids, options: RequirementChildOptions, page) => requirements.pageOfParents(actor, ids, options, page),
    (row) => row.parentId ?? 0,
  ),
  /** totalCount of `Requirement.children` per parent. */
  requirementChildCounts: groupCountLoader((ids, options: RequirementChildOptions) => requirements.countOfParents(actor, ids, options)),
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
