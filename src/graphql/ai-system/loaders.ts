import type { Repositories } from '../../db/repositories/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

export const aiSystemLoaders = (repos: Repositories) => ({
  aiSystemById: byIdLoader((ids) => repos.aiSystems.findByIds(ids)),
  /** AI system id → the frameworks that apply, by refId. */
  aiSystemFrameworks: groupLoader(
    (ids: readonly number[]) => repos.aiSystems.frameworksOfSystems(ids),
    (row) => row.aiSystemId,
  ),
  /** Framework id → the AI systems it applies to, by name. */
  frameworkAiSystems: groupLoader(
    (ids: readonly number[]) => repos.aiSystems.systemsOfFrameworks(ids),
    (row) => row.frameworkId,
  ),
  /** AI system id → its control status overrides, by control refId. */
  aiSystemControlStatusesBySystem: groupLoader(
    (ids: readonly number[]) => repos.aiSystems.controlStatusesOfSystems(ids),
    (row) => row.aiSystemId,
  ),
  /** Control id → its per-AI-system status overrides, by AI system name. */
  aiSystemControlStatusesByControl: groupLoader(
    (ids: readonly number[]) => repos.aiSystems.controlStatusesOfControls(ids),
    (row) => row.controlId,
  ),
  /** AI system id → the history of its overrides, newest first. */
  aiSystemStatusChanges: groupLoader(
    (ids: readonly number[]) => repos.aiSystems.statusChangesOfSystems(ids),
    (row) => row.aiSystemId ?? 0,
  ),
});
