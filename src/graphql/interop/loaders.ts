import DataLoader from 'dataloader';
import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import type { RequirementRow } from '../../services/rows.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

export const interopLoaders = ({ baselines }: Services, actor: Actor) => ({
  baselineById: byIdLoader((ids) => baselines.findByIds(actor, ids)),
  /** Framework id → its baselines, by refId. */
  baselinesByFramework: groupLoader(
    (ids: readonly number[]) => baselines.ofFrameworks(actor, ids),
    (row) => row.frameworkId,
  ),
  /** Baseline id → its live member requirements, in framework order. */
  baselineMembers: new DataLoader<number, RequirementRow[]>(async (ids) => {
    const groups = await baselines.memberRequirements(actor, ids);
    return ids.map((id) => groups.get(id) ?? []);
  }),
  /** Baseline id → its applications (live and retired), by id. */
  baselineApplications: groupLoader(
    (ids: readonly number[]) => baselines.applicationsOf(actor, ids),
    (row) => row.baselineId,
  ),
});
