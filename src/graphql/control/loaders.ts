import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

/** Key of `controlStatusChangesByControlAndAiSystem`: `<control id>:<AI system id>`. */
export const controlSystemKey = (controlId: number, aiSystemId: number): string => `${controlId}:${aiSystemId}`;

export const controlLoaders = ({ controls }: Services, actor: Actor) => ({
  controlById: byIdLoader((ids) => controls.findByIds(actor, ids)),
  controlStatusChangeById: byIdLoader((ids) => controls.findStatusChangesByIds(actor, ids)),
  /** Control id → its own status changes (no AI system), newest first. */
  controlStatusChangesByControl: groupLoader(
    (ids: readonly number[]) => controls.ownStatusChanges(actor, ids),
    (row) => row.controlId,
  ),
  /** `controlSystemKey(control, AI system)` → that override's status changes, newest first. */
  controlStatusChangesByControlAndAiSystem: groupLoader(
    (keys: readonly string[]) => {
      const pairs = keys.map((key) => key.split(':').map(Number) as [number, number]);
      return controls.systemStatusChanges(
        actor,
        [...new Set(pairs.map(([c]) => c))],
        [...new Set(pairs.map(([, s]) => s))],
      );
    },
    (row) => controlSystemKey(row.controlId, row.aiSystemId ?? 0),
  ),
});
