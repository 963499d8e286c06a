import type { EvidenceIntegrity } from '../generated/resolvers-types.js';
import type { IntegrityView } from '../../services/evidence-file-service.js';

/** The GraphQL shape of a stored file's integrity. */
export const toIntegrity = (view: IntegrityView): EvidenceIntegrity => ({
  sha256: view.sha256,
  status: view.status,
  checkedAt: view.checkedAt,
  checkedBy: view.checkSource,
  events: view.events.map((e) => ({ status: e.status, source: e.source, detail: e.detail, at: e.at, actorId: e.actorId })),
});
