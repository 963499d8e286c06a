import type { Repositories } from '../../db/repositories/index.js';
import { byIdLoader, groupLoader } from '../loader-helpers.js';

export const evidenceLoaders = (repos: Repositories) => ({
  evidenceById: byIdLoader((ids) => repos.evidence.findByIds(ids)),
  evidenceReviewById: byIdLoader((ids) => repos.evidence.findReviewsByIds(ids)),
  /** Control id → the evidence attached to it, oldest first. */
  evidenceByControl: groupLoader(
    (ids: readonly number[]) => repos.evidence.byControls(ids),
    (row) => row.controlId,
  ),
  /** Evidence id → the controls it supports, by refId. */
  controlsByEvidence: groupLoader(
    (ids: readonly number[]) => repos.evidence.controlsOf(ids),
    (row) => row.evidenceId,
  ),
  /** Evidence id → its reviews, oldest first. */
  evidenceReviewsByEvidence: groupLoader(
    (ids: readonly number[]) => repos.evidence.reviews(ids),
    (row) => row.evidenceId,
  ),
});
