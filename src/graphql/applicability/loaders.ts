import type { Repositories } from '../../db/repositories/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

export const applicabilityLoaders = (repos: Repositories) => ({
  notApplicableMarkById: byIdLoader((ids) => repos.applicability.findByIds(ids)),
  /** Requirement id → all its not-applicable marks (live and retired, every scope), by id. */
  notApplicableMarksByRequirement: groupLoader(
    (ids: readonly number[]) => repos.applicability.marksOfRequirements(ids),
    (row) => row.requirementId,
  ),
});
