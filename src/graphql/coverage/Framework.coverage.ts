import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { coverageAnswer } from './request.js';

export const coverage: FrameworkResolvers['coverage'] = async (row, args, ctx) =>
  (await coverageAnswer(ctx, args))?.framework(row.id) ?? null;
