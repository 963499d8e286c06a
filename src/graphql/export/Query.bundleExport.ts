import type { QueryResolvers } from '../generated/resolvers-types.js';
import { exportDocument } from './document.js';

export const bundleExport: QueryResolvers['bundleExport'] = async (_, _args, ctx) => exportDocument(await ctx.services.exports.bundle(ctx.actor));
