import DataLoader from 'dataloader';
import type { Repositories } from '../../db/repositories/index.js';
import type { RequirementRow } from '../../db/rows.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

export const interopLoaders = (repos: Repositories) => ({
  baselineById: byIdLoader((ids) => repos.baselines.findByIds(ids)),
  /** Framework id → its baselines, by refId. */
  baselinesByFramework: groupLoader(
    (ids: readonly number[]) => repos.baselines.list(ids),
    (row) => row.frameworkId,
  ),
  /** Baseline id → its live member requirements, in framework order. */
  baselineMembers: new DataLoader<number, RequirementRow[]>(async (ids) => {
    const groups = await repos.baselines.memberRequirements(ids);
    return ids.map((id) => groups.get(id) ?? []);
  }),
  /** Baseline id → its applications (live and retired), by id. */
  baselineApplications: groupLoader(
    (ids: readonly number[]) => repos.baselines.applicationsOf(ids),
    (row) => row.baselineId,
  ),
});
