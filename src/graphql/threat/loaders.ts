import type { Actor } from '../../domain/actor.js';
import type { FrameworkThreatOptions } from '../../domain/list-orders.js';
import type { Services } from '../../services/index.js';
import { byIdLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const threatLoaders = ({ threats }: Services, actor: Actor) => ({
  threatById: byIdLoader((ids) => threats.findByIds(actor, ids)),
  /** One page of `Threat.children` per parent, by id, cut in SQL. */
  threatChildPages: groupPageLoader(
    (ids, _: null, page) => threats.pageOfParents(actor, ids, page),
    (row) => row.parentId ?? 0,
  ),
  /** totalCount of `Threat.children` per parent. */
  threatChildCounts: groupCountLoader((ids) => threats.countOfParents(actor, ids)),
  /** One page of `Framework.threats` per framework, cut in SQL. */
  frameworkThreatPages: groupPageLoader(
    (ids, options: FrameworkThreatOptions, page) => threats.pageOfFrameworks(actor, ids, options, page),
    (row) => row.frameworkId,
  ),
  /** totalCount of `Framework.threats` per framework. */
  frameworkThreatCounts: groupCountLoader(async (ids, options: FrameworkThreatOptions) =>
    (await threats.countOfFrameworks(actor, ids, options)).map((r) => ({ parent: r.frameworkId, n: r.n })),
  ),
  /** One page of `Requirement.threats` per requirement, by framework id, threat id, cut in SQL. */
  requirementThreatPages: groupPageLoader(
    (ids, _: null, page) => threats.threatsOfRequirements(actor, ids, page),
    (row) => row.requirementId,
  ),
  /** totalCount of `Requirement.threats` per requirement. */
  requirementThreatCounts: groupCountLoader((ids) => threats.threatCountOfRequirements(actor, ids)),
  /** One page of `Threat.requirements` per threat, by framework id, requirement id, cut in SQL. */
  threatRequirementPages: groupPageLoader(
    (ids, _: null, page) => threats.requirementsOfThreats(actor, ids, page),
    (row) => row.threatId,
  ),
  /** totalCount of `Threat.requirements` per threat. */
  threatRequirementCounts: groupCountLoader((ids) => threats.requirementCountOfThreats(actor, ids)),
});
