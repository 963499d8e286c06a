import type { Repositories } from '../../db/repositories/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

/** Key of `controlStatusChangesByControlAndAiSystem`: `<control id>:<AI system id>`. */
export const controlSystemKey = (controlId: number, aiSystemId: number): string => `${controlId}:${aiSystemId}`;

export const controlLoaders = (repos: Repositories) => ({
  controlById: byIdLoader((ids) => repos.controls.findByIds(ids)),
  controlStatusChangeById: byIdLoader((ids) => repos.controls.findStatusChangesByIds(ids)),
  /** Control id → its own status changes (no AI system), newest first. */
  controlStatusChangesByControl: groupLoader(
    (ids: readonly number[]) => repos.controls.ownStatusChanges(ids),
    (row) => row.controlId,
  ),
  /** `controlSystemKey(control, AI system)` → that override's status changes, newest first. */
  controlStatusChangesByControlAndAiSystem: groupLoader(
    (keys: readonly string[]) => {
      const pairs = keys.map((key) => key.split(':').map(Number) as [number, number]);
      return repos.controls.systemStatusChanges(
        [...new Set(pairs.map(([c]) => c))],
        [...new Set(pairs.map(([, s]) => s))],
      );
    },
    (row) => controlSystemKey(row.controlId, row.aiSystemId ?? 0),
  ),
});
