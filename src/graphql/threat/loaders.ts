import type { Repositories } from '../../db/repositories/index.js';
import type { FrameworkThreatOptions } from '../../db/repositories/threat-repository.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const threatLoaders = (repos: Repositories) => ({
  threatById: byIdLoader((ids) => repos.threats.findByIds(ids)),
  /** Parent threat id → all its children, by id. */
  threatChildren: groupLoader(
    (ids: readonly number[]) => repos.threats.childrenOf(ids),
    (row) => row.parentId ?? 0,
  ),
  /** One page of `Framework.threats` per framework, cut in SQL. */
  frameworkThreatPages: groupPageLoader(
    (ids, options: FrameworkThreatOptions, page) => repos.threats.pageOfFrameworks(ids, options, page),
    (row) => row.frameworkId,
  ),
  /** totalCount of `Framework.threats` per framework. */
  frameworkThreatCounts: groupCountLoader(async (ids, options: FrameworkThreatOptions) =>
    (await repos.threats.countOfFrameworks(ids, options)).map((r) => ({ parent: r.frameworkId, n: r.n })),
  ),
  /** Requirement id → the threats it addresses, by framework id, threat id. */
  threatsByRequirement: groupLoader(
    (ids: readonly number[]) => repos.threats.threatsOfRequirements(ids),
    (row) => row.requirementId,
  ),
  /** Threat id → the requirements addressing it, by framework id, requirement id. */
  requirementsByThreat: groupLoader(
    (ids: readonly number[]) => repos.threats.requirementsOfThreats(ids),
    (row) => row.threatId,
  ),
});
