/**
 * The rows a control's writes produce, the one place their rules live. The API, the catalog
 * loader and bundle restore all write a control through these rows (the repository inserts them
 * as given; `ControlRepository.insertWithHistory`, `changeStatus`).
 *
 * Rules:
 * - A control is never without a status history: a new control comes with its first row, from no
 *   status to its own, at its creation and by whoever created it (no comment, not per AI system).
 * - A change of the control's own status is one more history row (from the current status to the
 *   new one) and the new status on the control, at the same instant. The same status again is no
 *   change: nothing is written.
 * - A restored control brings its recorded history instead of a first row.
 */
import type { CatalogControl } from './types.js';
import type { ImplementationStatus } from '../vocabulary.js';

/** A control row as inserted: the catalog's fields and its instants. */
export interface ControlRecord extends CatalogControl {
  createdAt: Date;
  updatedAt: Date;
}

/** One row of a control's status history (its own status when `aiSystemId` is null). */
export interface StatusChangeRecord {
  aiSystemId: number | null;
  fromStatus: ImplementationStatus | null;
  /** null: the control was deleted, or a per-system override was cleared. */
  toStatus: ImplementationStatus | null;
  comment: string | null;
  changedAt: Date;
  changedBy: string;
}

/** A control and its status history, oldest first: what inserting a control writes. */
export interface ControlRows {
  control: ControlRecord;
  history: StatusChangeRecord[];
}

/** Writes a control with its history (the ControlRepository does; bundle restore gets it as a port). */
export interface ControlWriter {
  insertWithHistory(rows: ControlRows): Promise<{ id: number }>;
}

/** The rows of a new control (see the rules above). */
export function newControlRows(c: CatalogControl, at: Date, by: string): ControlRows {
  const control: ControlRecord = {
    refId: c.refId,
    title: c.title,
    description: c.description,
    domain: c.domain,
    type: c.type,
    implementationStatus: c.implementationStatus,
    owner: c.owner,
    createdAt: at,
    updatedAt: at,
  };
  return { control, history: [{ aiSystemId: null, fromStatus: null, toStatus: c.implementationStatus, comment: null, changedAt: at, changedBy: by }] };
}

/** The history row of a change of a control's own status; null when the status stays the same. */
export function ownStatusChange(
  current: { implementationStatus: ImplementationStatus },
  to: ImplementationStatus,
  at: Date,
  by: string,
  comment: string | null,
): StatusChangeRecord | null {
  if (current.implementationStatus === to) return null;
  return { aiSystemId: null, fromStatus: current.implementationStatus, toStatus: to, comment, changedAt: at, changedBy: by };
}
