/**
 * An export document as the API returns it: the description of a file written on the server
 * (services/export-registry.ts), downloaded from `downloadUrl` (src/http/export-routes.ts);
 * `content` reads small files inline.
 */
import type { ExportDocumentResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import type { GraphQLContext } from '../context.js';
import { forOperation } from '../../services/operation-scope.js';
import { requestSignal } from './request-end.js';

/** Where the export download route is mounted (src/http/app.ts). */
export const EXPORT_DOWNLOAD_PATH = '/v1/exports';

export const ExportDocument: ExportDocumentResolvers = {
  downloadUrl: (doc) => `${EXPORT_DOWNLOAD_PATH}/${doc.id}`,
  expiresAt: (doc) => new Date(doc.expiresAt),
  content: (doc, _args, ctx) => ctx.services.exports.content(exportActor(ctx, 'exportContent'), doc, requestSignal(ctx), ctx.responseSent?.()),
};

/** The request's actor performing the export `field` (the export gate tells requests apart by their id). */
export const exportActor = (ctx: GraphQLContext, field: string) => forOperation(ctx.actor, field, { requestId: ctx.requestId });

/** Framework row ids of a `frameworkIds` argument (garbage ids name nothing); null when omitted. */
export function frameworkIdsArg(ids: readonly string[] | null | undefined): number[] | null {
  return ids == null ? null : ids.map((id) => inputId(id, 'Framework'));
}
