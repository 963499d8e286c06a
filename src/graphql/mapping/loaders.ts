import type { Repositories } from '../../db/repositories/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

export const mappingLoaders = (repos: Repositories) => ({
  mappingById: byIdLoader((ids) => repos.mappings.findByIds(ids)),
  /** Requirement id → all its mappings (live and retired), oldest first. */
  mappingsByRequirement: groupLoader(
    (ids: readonly number[]) => repos.mappings.byRequirements(ids),
    (row) => row.requirementId,
  ),
  /** Control id → all its mappings (live and retired), oldest first. */
  mappingsByControl: groupLoader(
    (ids: readonly number[]) => repos.mappings.byControls(ids),
    (row) => row.controlId,
  ),
  /** Mapping id → its revisions, oldest first. */
  mappingRevisionsByMapping: groupLoader(
    (ids: readonly number[]) => repos.mappings.revisions(ids),
    (row) => row.mappingId,
  ),
  /** Control id → the requirements mapped to it by live mappings (framework refId, refId, id). */
  requirementsByControl: groupLoader(
    (ids: readonly number[]) => repos.mappings.requirementsOfControls(ids),
    (row) => row.controlId,
  ),
});
