import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import type { ControlEvidenceOptions } from '../../domain/list-orders.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';
import { groupCountLoader, groupPageLoader } from '../paged-group-loader.js';

export const evidenceLoaders = ({ evidence }: Services, actor: Actor) => ({
  evidenceById: byIdLoader((ids) => evidence.findByIds(actor, ids)),
  evidenceReviewById: byIdLoader((ids) => evidence.findReviewsByIds(actor, ids)),
  /** One page of `Control.evidence` per control, oldest first, cut in SQL. */
  controlEvidencePages: groupPageLoader(
    (ids, options: ControlEvidenceOptions, page) => evidence.pageOfControls(actor, ids, options, page),
    (row) => row.controlId,
  ),
  /** totalCount of `Control.evidence` per control. */
  controlEvidenceCounts: groupCountLoader(async (ids, options: ControlEvidenceOptions) =>
    (await evidence.countOfControls(actor, ids, options)).map((r) => ({ parent: r.controlId, n: r.n })),
  ),
  /** One page of `Evidence.controls` per evidence item, by refId, cut in SQL. */
  evidenceControlPages: groupPageLoader(
    (ids, _: null, page) => evidence.controlsOf(actor, ids, page),
    (row) => row.evidenceId,
  ),
  /** totalCount of `Evidence.controls` per evidence item. */
  evidenceControlCounts: groupCountLoader((ids) => evidence.controlCountOf(actor, ids)),
  /** Evidence id → its reviews, oldest first. */
  evidenceReviewsByEvidence: groupLoader(
    (ids: readonly number[]) => evidence.reviews(actor, ids),
    (row) => row.evidenceId,
  ),
});
