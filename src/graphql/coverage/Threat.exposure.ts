import type { ThreatResolvers } from '../generated/resolvers-types.js';
import { coverageAnswer } from './request.js';

export const exposure: ThreatResolvers['exposure'] = async (row, args, ctx) =>
  (await coverageAnswer(ctx, args))?.threat(row.id) ?? null;
