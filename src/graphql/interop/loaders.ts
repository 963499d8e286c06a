import type { Actor } from '../../domain/actor.js';
import type { BaselineApplicationOptions } from '../../domain/list-orders.js';
import type { Services } from '../../services/index.js';
import { byIdLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const interopLoaders = ({ baselines }: Services, actor: Actor) => ({
  baselineById: byIdLoader((ids) => baselines.findByIds(actor, ids)),
  /** One page of `Framework.baselines` per framework, by refId, cut in SQL. */
  frameworkBaselinePages: groupPageLoader(
    (ids, _: null, page) => baselines.pageOfFrameworks(actor, ids, page),
    (row) => row.frameworkId,
  ),
  /** totalCount of `Framework.baselines` per framework. */
  frameworkBaselineCounts: groupCountLoader((ids) => baselines.countOfFrameworks(actor, ids)),
  /** One page of `Baseline.requirements` per baseline (live members, by id), cut in SQL. */
  baselineMemberPages: groupPageLoader(
    (ids, _: null, page) => baselines.pageOfMembers(actor, ids, page),
    (row) => row.baselineId,
  ),
  /** Number of live members per baseline (`Baseline.requirementCount`, totalCount of `Baseline.requirements`). */
  baselineMemberCounts: groupCountLoader((ids) => baselines.countOfMembers(actor, ids)),
  /** One page of `Baseline.applications` per baseline, by id, cut in SQL. */
  baselineApplicationPages: groupPageLoader(
    (ids, options: BaselineApplicationOptions, page) => baselines.pageOfApplications(actor, ids, options, page),
    (row) => row.baselineId,
  ),
  /** totalCount of `Baseline.applications` per baseline. */
  baselineApplicationCounts: groupCountLoader((ids, options: BaselineApplicationOptions) => baselines.countOfApplications(actor, ids, options)),
});
