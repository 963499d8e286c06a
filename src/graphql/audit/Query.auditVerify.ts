import type { QueryResolvers } from '../generated/resolvers-types.js';

export const auditVerify: QueryResolvers['auditVerify'] = async (_, __, ctx) => {
  const result = await ctx.services.audit.verify(ctx.actor);
  return { ...result, intact: result.firstBrokenSeq === null };
};
