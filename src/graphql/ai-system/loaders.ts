import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

export const aiSystemLoaders = ({ aiSystems }: Services, actor: Actor) => ({
  aiSystemById: byIdLoader((ids) => aiSystems.findByIds(actor, ids)),
  /** AI system id → the frameworks that apply, by refId. */
  aiSystemFrameworks: groupLoader(
    (ids: readonly number[]) => aiSystems.frameworksOfSystems(actor, ids),
    (row) => row.aiSystemId,
  ),
  /** Framework id → the AI systems it applies to, by name. */
  frameworkAiSystems: groupLoader(
    (ids: readonly number[]) => aiSystems.systemsOfFrameworks(actor, ids),
    (row) => row.frameworkId,
  ),
  /** AI system id → its control status overrides, by control refId. */
  aiSystemControlStatusesBySystem: groupLoader(
    (ids: readonly number[]) => aiSystems.controlStatusesOfSystems(actor, ids),
    (row) => row.aiSystemId,
  ),
  /** Control id → its per-AI-system status overrides, by AI system name. */
  aiSystemControlStatusesByControl: groupLoader(
    (ids: readonly number[]) => aiSystems.controlStatusesOfControls(actor, ids),
    (row) => row.controlId,
  ),
  /** AI system id → the history of its overrides, newest first. */
  aiSystemStatusChanges: groupLoader(
    (ids: readonly number[]) => aiSystems.statusChangesOfSystems(actor, ids),
    (row) => row.aiSystemId ?? 0,
  ),
});
