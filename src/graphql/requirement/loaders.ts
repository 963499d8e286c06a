import type { Repositories } from '../../db/repositories/index.js';
import type { FrameworkRequirementOptions } from '../../db/repositories/requirement-repository.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const requirementLoaders = (repos: Repositories) => ({
  requirementById: byIdLoader((ids) => repos.requirements.findByIds(ids)),
  /** Parent requirement id → all its children (withdrawn included), by sortOrder, id. */
  requirementChildren: groupLoader(
    (ids: readonly number[]) => repos.requirements.childrenOf(ids),
    (row) => row.parentId ?? 0,
  ),
  /** One page of `Framework.requirements` per framework, cut in SQL. */
  frameworkRequirementPages: groupPageLoader(
    (ids, options: FrameworkRequirementOptions, page) => repos.requirements.pageOfFrameworks(ids, options, page),
    (row) => row.frameworkId,
  ),
  /** totalCount of `Framework.requirements` per framework. */
  frameworkRequirementCounts: groupCountLoader(async (ids, options: FrameworkRequirementOptions) =>
    (await repos.requirements.countOfFrameworks(ids, options)).map((r) => ({ parent: r.frameworkId, n: r.n })),
  ),
});
