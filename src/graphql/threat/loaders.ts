import type { Actor } from '../../domain/actor.js';
import type { FrameworkThreatOptions } from '../../domain/list-orders.js';
import type { Services } from '../../services/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const threatLoaders = ({ threats }: Services, actor: Actor) => ({
  threatById: byIdLoader((ids) => threats.findByIds(actor, ids)),
  /** Parent threat id → all its children, by id. */
  threatChildren: groupLoader(
    (ids: readonly number[]) => threats.childrenOf(actor, ids),
    (row) => row.parentId ?? 0,
  ),
  /** One page of `Framework.threats` per framework, cut in SQL. */
  frameworkThreatPages: groupPageLoader(
    (ids, options: FrameworkThreatOptions, page) => threats.pageOfFrameworks(actor, ids, options, page),
    (row) => row.frameworkId,
  ),
  /** totalCount of `Framework.threats` per framework. */
  frameworkThreatCounts: groupCountLoader(async (ids, options: FrameworkThreatOptions) =>
    (await threats.countOfFrameworks(actor, ids, options)).map((r) => ({ parent: r.frameworkId, n: r.n })),
  ),
  /** Requirement id → the threats it addresses, by framework id, threat id. */
  threatsByRequirement: groupLoader(
    (ids: readonly number[]) => threats.threatsOfRequirements(actor, ids),
    (row) => row.requirementId,
  ),
  /** Threat id → the requirements addressing it, by framework id, requirement id. */
  requirementsByThreat: groupLoader(
    (ids: readonly number[]) => threats.requirementsOfThreats(actor, ids),
    (row) => row.threatId,
  ),
});
