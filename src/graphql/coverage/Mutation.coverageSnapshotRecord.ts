import type { MutationResolvers } from '../generated/resolvers-types.js';
import { inputId } from '../ids.js';
import { payload } from '../payload.js';

export const coverageSnapshotRecord: MutationResolvers['coverageSnapshotRecord'] = async (_, { input }, ctx) => {
  const aiSystemId = input.scope?.aiSystemId;
  return payload(
    await ctx.services.coverage.recordSnapshots(ctx.actor, {
      aiSystemId: aiSystemId == null ? null : inputId(aiSystemId, 'AISystem'),
      frameworkIds: input.frameworkIds?.map((id) => inputId(id, 'Framework')),
      viaCrosswalks: input.viaCrosswalks,
    }),
    'snapshots',
  );
};
