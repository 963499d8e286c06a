import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

export const applicabilityLoaders = ({ applicability }: Services, actor: Actor) => ({
  notApplicableMarkById: byIdLoader((ids) => applicability.findByIds(actor, ids)),
  /** Requirement id → all its not-applicable marks (live and retired, every scope), by id. */
  notApplicableMarksByRequirement: groupLoader(
    (ids: readonly number[]) => applicability.marksOfRequirements(actor, ids),
    (row) => row.requirementId,
  ),
});
