import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { coverageAnswer } from './request.js';

export const coverage: RequirementResolvers['coverage'] = async (row, args, ctx) =>
  (await coverageAnswer(ctx, args))?.requirement(row.id) ?? null;
