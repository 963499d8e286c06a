import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import type { SystemStatusHistoryOptions } from '../../domain/list-orders.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const aiSystemLoaders = ({ aiSystems }: Services, actor: Actor) => ({
  aiSystemById: byIdLoader((ids) => aiSystems.findByIds(actor, ids)),
  /** One page of `AISystem.frameworks` per system, by refId, cut in SQL. */
  aiSystemFrameworkPages: groupPageLoader(
    (ids, _: null, page) => aiSystems.frameworksOfSystems(actor, ids, page),
    (row) => row.aiSystemId,
  ),
  /** totalCount of `AISystem.frameworks` per system. */
  aiSystemFrameworkCounts: groupCountLoader((ids) => aiSystems.countOfAssignments(actor, 'aiSystem', ids)),
  /** One page of `Framework.aiSystems` per framework, by name, cut in SQL. */
  frameworkAiSystemPages: groupPageLoader(
    (ids, _: null, page) => aiSystems.systemsOfFrameworks(actor, ids, page),
    (row) => row.frameworkId,
  ),
  /** totalCount of `Framework.aiSystems` per framework. */
  frameworkAiSystemCounts: groupCountLoader((ids) => aiSystems.countOfAssignments(actor, 'framework', ids)),
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
  /** One page of `AISystem.controlStatusHistory` per system, newest first, cut in SQL. */
  aiSystemStatusHistoryPages: groupPageLoader(
    (ids, options: SystemStatusHistoryOptions, page) => aiSystems.pageOfStatusHistory(actor, ids, options, page),
    (row) => row.aiSystemId ?? 0,
  ),
  /** totalCount of `AISystem.controlStatusHistory` per system. */
  aiSystemStatusHistoryCounts: groupCountLoader((ids, options: SystemStatusHistoryOptions) => aiSystems.countOfStatusHistory(actor, ids, options)),
});
