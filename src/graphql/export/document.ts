/** An export document as the API returns it: the file plus its SHA-256 and byte length. */
import type { ExportDocument as Document } from '../../domain/export/document.js';
import { byteLengthOf, sha256Of } from '../../domain/export/document.js';
import type { ExportDocument } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import type { GraphQLContext } from '../context.js';
import { forOperation } from '../../services/operation-scope.js';

export function exportDocument(doc: Document & { sha256?: string; byteLength?: number }): ExportDocument {
  return { ...doc, sha256: doc.sha256 ?? sha256Of(doc.content), byteLength: doc.byteLength ?? byteLengthOf(doc.content) };
}

/** The request's actor performing the export `field` (the export gate tells requests apart by their id). */
export const exportActor = (ctx: GraphQLContext, field: string) => forOperation(ctx.actor, field, { requestId: ctx.requestId });

/** Framework row ids of a `frameworkIds` argument (garbage ids name nothing); null when omitted. */
export function frameworkIdsArg(ids: readonly string[] | null | undefined): number[] | null {
  return ids == null ? null : ids.map((id) => inputId(id, 'Framework'));
}
