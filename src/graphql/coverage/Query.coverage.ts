import type { QueryResolvers } from '../generated/resolvers-types.js';
import { coverageAnswer } from './request.js';

export const coverage: QueryResolvers['coverage'] = (_, args, ctx) => coverageAnswer(ctx, args);
