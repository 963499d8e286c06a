import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import type { ControlStatusHistoryOptions } from '../../domain/list-orders.js';
import { byIdLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const controlLoaders = ({ controls }: Services, actor: Actor) => ({
  controlById: byIdLoader((ids) => controls.findByIds(actor, ids)),
  controlStatusChangeById: byIdLoader((ids) => controls.findStatusChangesByIds(actor, ids)),
  /** One page of `Control.statusHistory` per control (own changes, or one AI system's override), newest first, cut in SQL. */
  controlStatusHistoryPages: groupPageLoader(
    (ids, options: ControlStatusHistoryOptions, page) => controls.pageOfStatusHistory(actor, ids, options, page),
    (row) => row.controlId,
  ),
  /** totalCount of `Control.statusHistory` per control. */
  controlStatusHistoryCounts: groupCountLoader((ids, options: ControlStatusHistoryOptions) => controls.countOfStatusHistory(actor, ids, options)),
});
